import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { authTokens, emailOutbox, memberships, organizations, sessions, users } from "../../db/schema";
import {
  authenticate,
  createSession,
  createStaffAccount,
  getSessionUser,
  requestPasswordReset,
  resetPassword,
  revokeAllSessions,
  sha256,
  signUp,
  verifyEmail,
  type SessionUser,
} from "../../app/models/user.server";
import { DomainError, ForbiddenError } from "../../app/models/errors";
import { consumeRateLimit, RateLimitedError } from "../../app/utils/rate-limit.server";
import type { Db } from "../../db/client";
import { withRollback } from "../helpers/db";

const URL_BASE = "http://rongye.test";

async function mailLink(tx: Db, to: string, template: string): Promise<string> {
  const rows = await tx.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to));
  const row = rows.filter((r) => r.template === template).at(-1);
  if (!row) throw new Error(`no ${template} mail to ${to}`);
  const props = row.props as Record<string, string>;
  return props.verifyUrl ?? props.resetUrl;
}
const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;

async function expectDomainError(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === code);
}

describe("accounts", () => {
  it("signs up a veteran, queues the verification mail in the same transaction, and refuses sign-in until verified", async () => {
    await withRollback(async (tx) => {
      const user = await signUp(tx, { role: "veteran", displayName: "王建国", email: " Wang@Example.com ", password: "abc12345", locale: "zh-CN" }, URL_BASE);
      expect(user.email).toBe("wang@example.com");
      const link = await mailLink(tx, "wang@example.com", "verify_email");
      expect(link).toMatch(/^http:\/\/rongye\.test\/verify-email\?token=/);
      await expectDomainError(authenticate(tx, "wang@example.com", "abc12345"), "errors.emailNotVerified");
      await verifyEmail(tx, tokenOf(link), URL_BASE);
      const signedIn = await authenticate(tx, "WANG@example.com", "abc12345");
      expect(signedIn.id).toBe(user.id);
      // a welcome mail follows verification
      const welcome = await tx.select().from(emailOutbox).where(eq(emailOutbox.template, "welcome"));
      expect(welcome.map((w) => w.toAddress)).toContain("wang@example.com");
    });
  });

  it("creates an employer's organisation pending verification, with the owner's membership", async () => {
    await withRollback(async (tx) => {
      const user = await signUp(
        tx,
        { role: "employer", displayName: "李经理", email: "hr@example.com", password: "abc12345", organizationName: "张家港港务物流有限公司", locale: "zh-CN" },
        URL_BASE,
      );
      const rows = await tx
        .select({ name: organizations.name, status: organizations.verificationStatus, kind: organizations.kind })
        .from(memberships)
        .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
        .where(eq(memberships.userId, user.id));
      expect(rows).toEqual([{ name: "张家港港务物流有限公司", status: "pending", kind: "employer" }]);
    });
  });

  it("rejects a duplicate email and an unknown region, leaving nothing half-written", async () => {
    await withRollback(async (tx) => {
      await signUp(tx, { role: "veteran", displayName: "A", email: "dup@example.com", password: "abc12345", locale: "en" }, URL_BASE);
      await expectDomainError(
        signUp(tx, { role: "employer", displayName: "B", email: "DUP@example.com", password: "abc12345", organizationName: "X", locale: "en" }, URL_BASE),
        "errors.emailTaken",
      );
      await expectDomainError(
        signUp(tx, { role: "employer", displayName: "C", email: "c@example.com", password: "abc12345", organizationName: "Y", regionCode: "999999", locale: "en" }, URL_BASE),
        "errors.regionUnknown",
      );
      expect(await tx.select().from(users).where(eq(users.email, "c@example.com"))).toHaveLength(0);
      expect(await tx.select().from(organizations).where(eq(organizations.name, "Y"))).toHaveLength(0);
    });
  });

  it("verification links are single-use and expire", async () => {
    await withRollback(async (tx) => {
      await signUp(tx, { role: "veteran", displayName: "A", email: "once@example.com", password: "abc12345", locale: "en" }, URL_BASE);
      const token = tokenOf(await mailLink(tx, "once@example.com", "verify_email"));
      await verifyEmail(tx, token, URL_BASE);
      await expectDomainError(verifyEmail(tx, token, URL_BASE), "errors.linkUsed");
      await expectDomainError(verifyEmail(tx, "not-a-real-token-at-all", URL_BASE), "errors.linkInvalid");

      await signUp(tx, { role: "veteran", displayName: "B", email: "late@example.com", password: "abc12345", locale: "en" }, URL_BASE);
      const late = tokenOf(await mailLink(tx, "late@example.com", "verify_email"));
      await tx.update(authTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(authTokens.id, sha256(late)));
      await expectDomainError(verifyEmail(tx, late, URL_BASE), "errors.linkExpired");
    });
  });

  it("wrong password and unknown email give the same error", async () => {
    await withRollback(async (tx) => {
      await signUp(tx, { role: "veteran", displayName: "A", email: "pw@example.com", password: "abc12345", locale: "en" }, URL_BASE);
      await expectDomainError(authenticate(tx, "pw@example.com", "wrong-pass1"), "errors.badCredentials");
      await expectDomainError(authenticate(tx, "nobody@example.com", "abc12345"), "errors.badCredentials");
    });
  });

  it("sessions: created, read back, revoked everywhere; only a hash of the token is stored", async () => {
    await withRollback(async (tx) => {
      const user = await signUp(tx, { role: "veteran", displayName: "S", email: "s@example.com", password: "abc12345", locale: "en" }, URL_BASE);
      const a = await createSession(tx, user.id, "ua-1");
      const b = await createSession(tx, user.id, "ua-2");
      expect((await getSessionUser(tx, a))?.id).toBe(user.id);
      const stored = await tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id));
      expect(stored.map((s) => s.id)).not.toContain(a);
      expect(await revokeAllSessions(tx, user.id)).toBe(2);
      expect(await getSessionUser(tx, a)).toBeNull();
      expect(await getSessionUser(tx, b)).toBeNull();
    });
  });

  it("password reset: mailed link works once, signs out every session, and is refused when reused", async () => {
    await withRollback(async (tx) => {
      const user = await signUp(tx, { role: "veteran", displayName: "R", email: "r@example.com", password: "abc12345", locale: "zh-CN" }, URL_BASE);
      const session = await createSession(tx, user.id);
      await requestPasswordReset(tx, "r@example.com", URL_BASE);
      await requestPasswordReset(tx, "unknown@example.com", URL_BASE); // no error, no mail
      const token = tokenOf(await mailLink(tx, "r@example.com", "reset_password"));
      await resetPassword(tx, token, "newpass123");
      expect(await getSessionUser(tx, session)).toBeNull();
      await expect(authenticate(tx, "r@example.com", "newpass123")).resolves.toMatchObject({ id: user.id });
      await expectDomainError(resetPassword(tx, token, "another123"), "errors.linkUsed");
      expect(await tx.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "unknown@example.com"))).toHaveLength(0);
    });
  });

  it("only an admin opens staff accounts, and it is audited", async () => {
    await withRollback(async (tx) => {
      const veteran: SessionUser = await signUp(tx, { role: "veteran", displayName: "V", email: "v@example.com", password: "abc12345", locale: "en" }, URL_BASE);
      await expect(
        createStaffAccount(tx, veteran, { role: "staff", displayName: "X", email: "x@example.com", password: "abc12345", locale: "en" }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      const [admin] = await tx
        .insert(users)
        .values({ email: "root@example.com", passwordHash: "x", role: "admin", displayName: "Admin", emailVerifiedAt: new Date() })
        .returning();
      const staff = await createStaffAccount(tx, admin, { role: "staff", displayName: "服务站小张", email: "zhang@example.com", password: "abc12345", locale: "zh-CN" });
      expect(staff.role).toBe("staff");
      await expect(authenticate(tx, "zhang@example.com", "abc12345")).resolves.toMatchObject({ role: "staff" });
    });
  });

  it("rate limits count per key within the window and reset after it", async () => {
    await withRollback(async (tx) => {
      const rule = { limit: 3, windowSeconds: 60 };
      const t0 = new Date("2026-01-01T00:00:00Z");
      for (let i = 0; i < 3; i++) await consumeRateLimit(tx, "signin:1.2.3.4", rule, t0);
      await expect(consumeRateLimit(tx, "signin:1.2.3.4", rule, t0)).rejects.toBeInstanceOf(RateLimitedError);
      await consumeRateLimit(tx, "signin:5.6.7.8", rule, t0); // other keys are unaffected
      await consumeRateLimit(tx, "signin:1.2.3.4", rule, new Date(t0.getTime() + 61_000));
    });
  });
});
