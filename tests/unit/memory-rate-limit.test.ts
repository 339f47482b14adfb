import { describe, expect, it } from "vitest";
import { MemoryRateLimiter } from "../../app/utils/memory-rate-limit.server";

const T0 = 1_750_000_000_000;

describe("MemoryRateLimiter", () => {
  it("allows `limit` requests per key in a window, then refuses with the seconds left in the window", () => {
    const limiter = new MemoryRateLimiter({ limit: 3, windowSeconds: 60 });
    expect(limiter.consume("a", T0)).toEqual({ ok: true, remaining: 2 });
    expect(limiter.consume("a", T0 + 1_000)).toEqual({ ok: true, remaining: 1 });
    expect(limiter.consume("a", T0 + 2_000)).toEqual({ ok: true, remaining: 0 });
    expect(limiter.consume("a", T0 + 2_500)).toEqual({ ok: false, retryAfterSeconds: 58 });
    // refused requests do not extend the window
    expect(limiter.consume("a", T0 + 59_001)).toEqual({ ok: false, retryAfterSeconds: 1 });
    // another key has its own allowance
    expect(limiter.consume("b", T0 + 2_500)).toEqual({ ok: true, remaining: 2 });
  });

  it("starts a fresh window once the old one has ended", () => {
    const limiter = new MemoryRateLimiter({ limit: 1, windowSeconds: 10 });
    expect(limiter.consume("a", T0).ok).toBe(true);
    expect(limiter.consume("a", T0 + 9_999).ok).toBe(false);
    expect(limiter.consume("a", T0 + 10_000)).toEqual({ ok: true, remaining: 0 });
    expect(limiter.consume("a", T0 + 10_001).ok).toBe(false);
  });

  it("forgets keys whose windows have ended", () => {
    const limiter = new MemoryRateLimiter({ limit: 5, windowSeconds: 60 });
    for (let i = 0; i < 100; i++) limiter.consume(`ip-${i}`, T0 + i);
    expect(limiter.size).toBe(100);
    // a minute later every earlier window has ended: the next request clears them all
    limiter.consume("late", T0 + 60_050);
    expect(limiter.size).toBe(50); // ip-51 … ip-99 (49) still inside their windows, plus "late"
    limiter.consume("later", T0 + 60_200);
    expect(limiter.size).toBe(2);
  });

  it("holds at most maxKeys keys, dropping the windows that began first", () => {
    const limiter = new MemoryRateLimiter({ limit: 1, windowSeconds: 60 }, { maxKeys: 3 });
    for (const k of ["a", "b", "c"]) expect(limiter.consume(k, T0).ok).toBe(true);
    expect(limiter.consume("a", T0 + 1).ok).toBe(false);
    expect(limiter.consume("d", T0 + 2).ok).toBe(true);
    expect(limiter.size).toBe(3);
    // "a" began first and was dropped, so it gets a fresh window; "c" is still counted
    expect(limiter.consume("c", T0 + 3).ok).toBe(false);
    expect(limiter.consume("a", T0 + 4).ok).toBe(true);
    expect(limiter.size).toBe(3);
  });

  it("keeps memory bounded under a flood of distinct addresses", () => {
    const limiter = new MemoryRateLimiter({ limit: 120, windowSeconds: 60 }, { maxKeys: 1_000 });
    for (let i = 0; i < 20_000; i++) limiter.consume(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, T0 + i);
    expect(limiter.size).toBe(1_000);
  });

  it("refuses a rule that could never allow a request", () => {
    expect(() => new MemoryRateLimiter({ limit: 0, windowSeconds: 60 })).toThrow(RangeError);
    expect(() => new MemoryRateLimiter({ limit: 1, windowSeconds: 0 })).toThrow(RangeError);
  });
});
