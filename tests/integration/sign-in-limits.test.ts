import { beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../../app/models/errors";
import { signInAddressKey, signInWithLimits } from "../../app/models/sign-in.server";
import { consumeRateLimit, RATE_LIMITS, RateLimitedError } from "../../app/utils/rate-limit.server";
import { createUser } from "../../db/factories";
import { getTestDb, withRollback } from "../helpers/db";

// Open (and migrate) the shared test database in the hook, not inside the first test's time budget.
beforeAll(() => getTestDb());

const badCredentials = (e: unknown) => e instanceof DomainError && e.code === "errors.badCredentials";

describe("sign-in limits", () => {
  it("limits one account's attempts whatever address they come from", async () => {
    await withRollback(async (tx) => {
      const user = await createUser(tx, { password: "right-pass-1" });
      for (let i = 0; i < RATE_LIMITS.signIn.limit; i++) {
        // each guess from a new address (a rotating X-Forwarded-For, or a botnet)
        const attempt = signInWithLimits(tx, { email: user.email, password: "wrong", address: `203.0.113.${i}` });
        await expect(attempt).rejects.toSatisfy(badCredentials);
      }
      await expect(
        signInWithLimits(tx, { email: user.email.toUpperCase(), password: "right-pass-1", address: "198.51.100.1" }),
      ).rejects.toBeInstanceOf(RateLimitedError);
    });
  });

  it("limits failures from one address across accounts (password spraying); other addresses and successes are not held", async () => {
    await withRollback(async (tx) => {
      const address = "203.0.113.50";
      const [first, second, third] = [await createUser(tx, { password: "right-pass-1" }), await createUser(tx), await createUser(tx)];
      // the address has already sprayed all but two of its allowed failures
      for (let i = 0; i < RATE_LIMITS.signInFailuresPerAddress.limit - 2; i++) {
        await consumeRateLimit(tx, signInAddressKey(address), RATE_LIMITS.signInFailuresPerAddress);
      }
      // a success does not use the allowance
      await expect(signInWithLimits(tx, { email: first.email, password: "right-pass-1", address })).resolves.toMatchObject({ id: first.id });
      for (const account of [second, third]) {
        await expect(signInWithLimits(tx, { email: account.email, password: "Spring2026!", address })).rejects.toSatisfy(badCredentials);
      }
      // spent: even the right password for a fresh account is refused from this address ...
      await expect(signInWithLimits(tx, { email: first.email, password: "right-pass-1", address })).rejects.toBeInstanceOf(RateLimitedError);
      // ... while another address signs in as usual
      await expect(
        signInWithLimits(tx, { email: first.email, password: "right-pass-1", address: "198.51.100.2" }),
      ).resolves.toMatchObject({ id: first.id });
    });
  });
});
