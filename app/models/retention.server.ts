import { lt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { authTokens, rateLimits, sessions } from "../../db/schema";
import { RATE_LIMITS } from "../utils/rate-limit.server";

/** The longest rate-limit window: a counter older than this can no longer refuse anything. */
const LONGEST_WINDOW_MS = Math.max(...Object.values(RATE_LIMITS).map((r) => r.windowSeconds)) * 1000;

export interface RetentionResult {
  sessions: number;
  tokens: number;
  rateLimits: number;
}

/**
 * Keep no personal data longer than it is useful (PIPL): expired sessions, expired sign-up/reset tokens, and
 * rate-limit counters whose window has passed (their keys hold client addresses). Idempotent; run by maintenance.
 */
export async function purgeExpiredRecords(db: Db, now = new Date()): Promise<RetentionResult> {
  const expiredSessions = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
  const spentTokens = await db
    .delete(authTokens)
    // used ones are kept until they expire (at most 48 h), so a reused link still says "already used"
    .where(lt(authTokens.expiresAt, now))
    .returning({ id: authTokens.id });
  const staleCounters = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, new Date(now.getTime() - LONGEST_WINDOW_MS)))
    .returning({ key: rateLimits.key });
  return { sessions: expiredSessions.length, tokens: spentTokens.length, rateLimits: staleCounters.length };
}
