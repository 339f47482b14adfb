import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../../app/models/errors";
import { registerAccount } from "../../app/models/user.server";
import type { Db } from "../../db/client";
import { createUser } from "../../db/factories";
import { emailOutbox, users } from "../../db/schema";
import { renderEmail } from "../../emails/templates";
import { getTestDb, withRollback } from "../helpers/db";

// Open (and migrate) the shared test database in the hook, not inside the first test's time budget.
beforeAll(() => getTestDb());

const URL_BASE = "http://rongye.test";

async function mailsTo(tx: Db, to: string) {
  return tx.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to)).orderBy(emailOutbox.id);
}

describe("sign-up does not tell who has an account", () => {
  it("answers a taken address exactly as a new one, creates nothing, and mails the owner instead", async () => {
    await withRollback(async (tx) => {
      const owner = await createUser(tx, { email: "taken@example.com", displayName: "李卫国", locale: "en" });
      const fresh = await registerAccount(
        tx,
        { role: "veteran", displayName: "新用户", email: "Fresh@Example.com", password: "abc12345", locale: "zh-CN" },
        URL_BASE,
      );
      const taken = await registerAccount(
        tx,
        { role: "employer", displayName: "冒用者", email: " TAKEN@example.com ", password: "abc12345", organizationName: "某公司", locale: "zh-CN" },
        URL_BASE,
      );
      expect(fresh).toEqual({ email: "fresh@example.com" });
      expect(taken).toEqual({ email: "taken@example.com" });
      expect(Object.keys(taken)).toEqual(Object.keys(fresh));

      expect((await mailsTo(tx, "fresh@example.com")).map((m) => m.template)).toEqual(["verify_email"]);
      const ownerMails = await mailsTo(tx, owner.email);
      expect(ownerMails.map((m) => [m.template, m.locale, m.userId])).toEqual([["signup_attempt", "en", owner.id]]);
      const [account] = await tx.select().from(users).where(eq(users.email, "taken@example.com"));
      expect(account).toMatchObject({ id: owner.id, displayName: "李卫国", role: "veteran", passwordHash: owner.passwordHash });

      // the owner's mail says what happened, in their language, with the ways in
      const mail = await renderEmail("signup_attempt", ownerMails[0]!.props as never, "en");
      expect(mail.subject).toBe("Someone tried to sign up to Rongye with your email");
      expect(mail.text).toContain(`${URL_BASE}/signin`);
      expect(mail.text).toContain(`${URL_BASE}/forgot-password`);

      // repeated attempts within the hour do not flood the owner's mailbox
      await registerAccount(tx, { role: "veteran", displayName: "x", email: "taken@example.com", password: "abc12345", locale: "en" }, URL_BASE);
      const again = await tx
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.toAddress, owner.email), eq(emailOutbox.template, "signup_attempt")));
      expect(again).toHaveLength(1);
    });
  });

  it("still says when the region is unknown, whether or not the address is taken", async () => {
    await withRollback(async (tx) => {
      const owner = await createUser(tx);
      for (const email of [owner.email, "nobody-yet@example.com"]) {
        await expect(
          registerAccount(tx, { role: "employer", displayName: "C", email, password: "abc12345", organizationName: "Y", regionCode: "999999", locale: "en" }, URL_BASE),
        ).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === "errors.regionUnknown");
      }
      expect(await mailsTo(tx, owner.email)).toHaveLength(0);
    });
  });
});
