// A fixed-window request counter per key held in this process's memory: no database round trip per request.
//
// It counts per app server. Behind a load balancer with N servers a client can make up to N × limit requests in a
// window (fewer in practice: balancers spread one client's requests, they do not route each to a fresh server).
// That is acceptable where the limit only protects capacity, as for the anonymous, read-only search API: no
// account or secret is guessed through it, a burst costs a search-engine query and nothing else, and an exact
// shared count would cost a database write on every request — the very load the limit is there to prevent.
// Limits that guard secrets (sign-in, password reset) stay in the database: `consumeRateLimit` in rate-limit.server.ts.
import type { RateLimitRule } from "./rate-limit.server";

export type RateLimitDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

interface Window {
  startedAt: number;
  hits: number;
}

export interface MemoryRateLimiterOptions {
  /**
   * Most keys held at once. Beyond it the keys whose windows began longest ago are forgotten (they start a fresh
   * window on their next request), so memory stays bounded even under a flood of distinct addresses.
   */
  maxKeys?: number;
}

export class MemoryRateLimiter {
  private readonly windowMs: number;
  private readonly maxKeys: number;
  // Insertion order is window start order: a key is deleted and re-inserted whenever its window restarts, and
  // every window has the same length, so the expired windows are always at the front of the map.
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly rule: RateLimitRule,
    options: MemoryRateLimiterOptions = {},
  ) {
    if (!(rule.limit >= 1) || !(rule.windowSeconds > 0)) throw new RangeError("rate limit needs limit >= 1 and windowSeconds > 0");
    this.windowMs = rule.windowSeconds * 1000;
    this.maxKeys = Math.max(1, options.maxKeys ?? 100_000);
  }

  /** Count one request for `key`; refused (with the seconds until its window ends) once the window holds `limit`. */
  consume(key: string, now = Date.now()): RateLimitDecision {
    this.evictExpired(now);
    let w = this.windows.get(key);
    if (w && now - w.startedAt >= this.windowMs) {
      this.windows.delete(key);
      w = undefined;
    }
    if (!w) {
      if (this.windows.size >= this.maxKeys) this.evictOldest(this.windows.size - this.maxKeys + 1);
      w = { startedAt: now, hits: 0 };
      this.windows.set(key, w);
    }
    if (w.hits >= this.rule.limit) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((w.startedAt + this.windowMs - now) / 1000)) };
    }
    w.hits++;
    return { ok: true, remaining: this.rule.limit - w.hits };
  }

  /** Keys currently held (windows not yet evicted). */
  get size(): number {
    return this.windows.size;
  }

  private evictExpired(now: number): void {
    for (const [key, w] of this.windows) {
      if (now - w.startedAt < this.windowMs) return;
      this.windows.delete(key);
    }
  }

  private evictOldest(n: number): void {
    for (const key of this.windows.keys()) {
      if (n-- <= 0) return;
      this.windows.delete(key);
    }
  }
}
