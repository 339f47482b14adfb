import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../../app/models/errors";
import { requestPasswordReset, resetPassword } from "../../app/models/user.server";
import type { Db } from "../../db/client";
import { createUser } from "../../db/factories";
import { emailOutbox } from "../../db/schema";
import { getTestDb, withRollback } from "../helpers/db";

async function resetTokens(tx: Db, to: string): Promise<string[]> {
  const rows = await tx
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.toAddress, to), eq(emailOutbox.template, "reset_password")))
    .orderBy(emailOutbox.createdAt);
  return rows.map((r) => new URL((r.props as { resetUrl: string }).resetUrl).searchParams.get("token")!);
}

// Open (and migrate) the shared test database in the hook, not inside the first test's time budget.
beforeAll(() => getTestDb());

describe("password reset links", () => {
  it("using one link makes every other reset link of the account stop working, older and newer", async () => {
    await withRollback(async (tx) => {
      const user = await createUser(tx);
      await requestPasswordReset(tx, user.email, "http://rongye.test");
      await requestPasswordReset(tx, user.email, "http://rongye.test");
      await requestPasswordReset(tx, user.email, "http://rongye.test");
      const [older, used, newer] = await resetTokens(tx, user.email);
      expect(new Set([older, used, newer]).size).toBe(3);

      await resetPassword(tx, used!, "newpass123");
      for (const token of [older!, newer!]) {
        await expect(resetPassword(tx, token, "attacker123")).rejects.toSatisfy(
          (e: unknown) => e instanceof DomainError && e.code === "errors.linkUsed",
        );
      }
    });
  });
});
