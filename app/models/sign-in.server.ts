import type { Db } from "../../db/client";
import { assertWithinRateLimit, consumeRateLimit, RATE_LIMITS, RateLimitedError } from "../utils/rate-limit.server";
import { DomainError } from "./errors";
import { authenticate, sha256, type SessionUser } from "./user.server";

/**
 * The rate-limit key of one account's sign-in attempts. The address is hashed so the table holds no email
 * (the key is still dropped when the account is deleted).
 */
export function signInAccountKey(email: string): string {
  return `signin:account:${sha256(email.trim().toLowerCase())}`;
}

/** The rate-limit key of failed sign-ins from one client address. */
export function signInAddressKey(address: string): string {
  return `signin:address:${address}`;
}

/**
 * Check credentials under two limits: attempts on one account (from any address, so rotating addresses does not
 * help a guesser), and failed attempts from one address across accounts (so spraying one password over many
 * accounts does not either). Successful sign-ins never count against the address, so a shared office address
 * full of people who know their passwords is not locked out.
 */
export async function signInWithLimits(
  db: Db,
  input: { email: string; password: string; address: string },
): Promise<SessionUser> {
  await assertWithinRateLimit(db, signInAddressKey(input.address), RATE_LIMITS.signInFailuresPerAddress);
  await consumeRateLimit(db, signInAccountKey(input.email), RATE_LIMITS.signIn);
  try {
    return await authenticate(db, input.email, input.password);
  } catch (error) {
    if (error instanceof DomainError && error.code === "errors.badCredentials") {
      try {
        await consumeRateLimit(db, signInAddressKey(input.address), RATE_LIMITS.signInFailuresPerAddress);
      } catch (limited) {
        // This failure used up the address's allowance: the next attempt is refused; this one still answers
        // "wrong email or password".
        if (!(limited instanceof RateLimitedError)) throw limited;
      }
    }
    throw error;
  }
}
