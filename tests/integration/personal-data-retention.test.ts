import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { runMaintenance } from "../../app/maintenance.server";
import { applyToJob } from "../../app/models/application.server";
import { deleteMyAccount } from "../../app/models/data-rights.server";
import { DELETED_PERSON } from "../../app/models/mail-scrub.server";
import { purgeExpiredRecords } from "../../app/models/retention.server";
import { signInAccountKey, signInWithLimits } from "../../app/models/sign-in.server";
import { createSession, requestPasswordReset } from "../../app/models/user.server";
import { consumeRateLimit } from "../../app/utils/rate-limit.server";
import { createJobPosting, createOrganization, createUser, createVeteranProfile } from "../../db/factories";
import { authTokens, devMailbox, emailOutbox, memberships, rateLimits, sessions } from "../../db/schema";
import { createDevMailer } from "../../emails/mailer";
import { drainEmailOutbox } from "../../emails/outbox";
import { EmbeddedSearchEngine } from "../../search/embedded";
import { getTestDb, withRollback } from "../helpers/db";

// Open (and migrate) the shared test database in the hook, not inside the first test's time budget.
beforeAll(() => getTestDb());

const BASE = "http://rongye.test";

describe("personal data after account deletion", () => {
  it("mail kept for the employer no longer names the applicant, and rate-limit keys with the address are gone", async () => {
    await withRollback(async (tx) => {
      const recruiter = await createUser(tx, { role: "employer", email: "hr@example.com" });
      const org = await createOrganization(tx, { verificationStatus: "verified" });
      await tx.insert(memberships).values({ userId: recruiter.id, organizationId: org.id, role: "owner" });
      const job = await createJobPosting(tx, { organizationId: org.id, title: "物业保安队长" });
      const veteran = await createUser(tx, { role: "veteran", password: "my-pass-123", displayName: "欧阳振华" });
      await createVeteranProfile(tx, { userId: veteran.id, fullName: "欧阳振华" });
      await applyToJob(tx, veteran, { jobPostingId: job.id, coverNote: "我在部队担任过警卫班长。" }, { publicUrl: BASE });
      // the mail to the employer is "sent" (to the dev mailbox), and one stays queued
      await drainEmailOutbox(tx, createDevMailer(tx), { from: "Rongye <noreply@rongye.test>" });
      const before = await tx.select().from(emailOutbox).where(eq(emailOutbox.toAddress, recruiter.email));
      expect(JSON.stringify(before.map((m) => m.props))).toContain("欧阳振华");
      const devBefore = await tx.select().from(devMailbox).where(eq(devMailbox.toAddress, recruiter.email));
      expect(devBefore.length).toBeGreaterThan(0);
      expect(devBefore.map((m) => `${m.subject}${m.text}${m.html}`).join()).toContain("欧阳振华");
      // sign-in counters: one keyed (hashed) by the address, one written plainly by an earlier version
      await signInWithLimits(tx, { email: veteran.email, password: "my-pass-123", address: "203.0.113.4" });
      await consumeRateLimit(tx, `signin:203.0.113.4:${veteran.email}`, { limit: 10, windowSeconds: 300 });

      await deleteMyAccount(tx, veteran, "my-pass-123");

      const outbox = await tx.select().from(emailOutbox).where(eq(emailOutbox.toAddress, recruiter.email));
      expect(outbox.length).toBe(before.length);
      expect(JSON.stringify(outbox.map((m) => m.props))).not.toContain("欧阳振华");
      expect(JSON.stringify(outbox.map((m) => m.props))).toContain(DELETED_PERSON);
      const dev = await tx.select().from(devMailbox).where(eq(devMailbox.toAddress, recruiter.email));
      expect(dev).toHaveLength(devBefore.length);
      for (const mail of dev) {
        expect(`${mail.subject}${mail.text}${mail.html}`).not.toContain("欧阳振华");
        expect(mail.text).toContain(DELETED_PERSON);
      }
      const keys = (await tx.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key);
      expect(keys).not.toContain(signInAccountKey(veteran.email));
      expect(keys.filter((k) => k.includes(veteran.email))).toEqual([]);
    });
  });
});

describe("retention", () => {
  it("purges expired sessions, expired tokens and stale rate-limit counters, from maintenance too", async () => {
    await withRollback(async (tx) => {
      const user = await createUser(tx);
      const now = new Date();
      const live = await createSession(tx, user.id);
      await tx.insert(sessions).values({ id: `expired-${user.id}`, userId: user.id, expiresAt: new Date(now.getTime() - 1000) });
      await requestPasswordReset(tx, user.email, BASE);
      await tx.insert(authTokens).values({ id: `old-${user.id}`, userId: user.id, purpose: "reset_password", expiresAt: new Date(now.getTime() - 1000) });
      await consumeRateLimit(tx, "signup:198.51.100.77", { limit: 10, windowSeconds: 3600 }, new Date(now.getTime() - 2 * 24 * 3600_000));
      await consumeRateLimit(tx, "signup:198.51.100.78", { limit: 10, windowSeconds: 3600 }, now);

      const result = await runMaintenance(tx, new EmbeddedSearchEngine(), { publicUrl: BASE, now });
      expect(result.purged.sessions).toBeGreaterThanOrEqual(1);
      const left = await tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id));
      expect(left).toHaveLength(1);
      expect(live).toBeTruthy();
      const tokens = await tx.select({ id: authTokens.id }).from(authTokens).where(eq(authTokens.userId, user.id));
      expect(tokens.map((t) => t.id)).not.toContain(`old-${user.id}`);
      expect(tokens).toHaveLength(1);
      const counters = await tx.select({ key: rateLimits.key }).from(rateLimits).where(inArray(rateLimits.key, ["signup:198.51.100.77", "signup:198.51.100.78"]));
      expect(counters.map((c) => c.key)).toEqual(["signup:198.51.100.78"]);
      expect(await purgeExpiredRecords(tx, now)).toEqual({ sessions: 0, tokens: 0, rateLimits: 0 });
    });
  });
});
