import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client";

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

export const RATE_LIMITS = {
  /** Sign-in attempts on one account, from anywhere. */
  signIn: { limit: 10, windowSeconds: 300 },
  /** Failed sign-ins from one address across all accounts (password spraying); successful ones do not count. */
  signInFailuresPerAddress: { limit: 30, windowSeconds: 900 },
  signUp: { limit: 10, windowSeconds: 3600 },
  passwordReset: { limit: 5, windowSeconds: 3600 },
  resendVerification: { limit: 5, windowSeconds: 3600 },
} satisfies Record<string, RateLimitRule>;

export class RateLimitedError extends Error {
  constructor(public retryAfterSeconds: number) {
    super("rate limited");
  }
}

/**
 * Fixed-window counter kept in the database, so every app server shares it. Throws RateLimitedError when the
 * key has used its allowance in the current window.
 */
export async function consumeRateLimit(db: Db, key: string, rule: RateLimitRule, now = new Date()): Promise<void> {
  const rows = await queryRows<{ hits: number; window_start: string | Date }>(
    db,
    sql`insert into rate_limits (key, window_start, hits) values (${key}, ${now.toISOString()}::timestamptz, 1)
        on conflict (key) do update set
          hits = case when rate_limits.window_start < ${now.toISOString()}::timestamptz - make_interval(secs => ${rule.windowSeconds})
                      then 1 else rate_limits.hits + 1 end,
          window_start = case when rate_limits.window_start < ${now.toISOString()}::timestamptz - make_interval(secs => ${rule.windowSeconds})
                      then ${now.toISOString()}::timestamptz else rate_limits.window_start end
        returning hits, window_start`,
  );
  const row = rows[0];
  if (row && row.hits > rule.limit) {
    const started = new Date(row.window_start).getTime();
    const retryAfter = Math.max(1, Math.ceil((started + rule.windowSeconds * 1000 - now.getTime()) / 1000));
    throw new RateLimitedError(retryAfter);
  }
}

/**
 * Refuse (RateLimitedError) when `key` has already used its allowance in the current window, without counting
 * this request: for limits that count only some outcomes (failed sign-ins), recorded afterwards with
 * `consumeRateLimit`.
 */
export async function assertWithinRateLimit(db: Db, key: string, rule: RateLimitRule, now = new Date()): Promise<void> {
  const rows = await queryRows<{ hits: number; window_start: string | Date }>(
    db,
    sql`select hits, window_start from rate_limits
        where key = ${key} and window_start >= ${now.toISOString()}::timestamptz - make_interval(secs => ${rule.windowSeconds})`,
  );
  const row = rows[0];
  if (row && row.hits >= rule.limit) {
    const started = new Date(row.window_start).getTime();
    throw new RateLimitedError(Math.max(1, Math.ceil((started + rule.windowSeconds * 1000 - now.getTime()) / 1000)));
  }
}
