import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { authTokens, memberships, organizations, regions, sessions, users, type User } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { hashPassword, verifyPassword } from "../utils/password.server";
import { recordAudit } from "./authz.server";
import { DomainError, ForbiddenError } from "./errors";
import type { Locale, Role } from "../../db/enums";

export type { Locale, Role };

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
export const VERIFY_TOKEN_TTL_MS = 48 * 3600 * 1000;
export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The public fields of a user: never the password hash. */
export type SessionUser = Pick<User, "id" | "email" | "role" | "displayName" | "locale" | "emailVerifiedAt">;
const sessionUserColumns = {
  id: users.id,
  email: users.email,
  role: users.role,
  displayName: users.displayName,
  locale: users.locale,
  emailVerifiedAt: users.emailVerifiedAt,
};

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  return row;
}

async function issueToken(db: Db, userId: string, purpose: "verify_email" | "reset_password", ttlMs: number) {
  const token = newToken();
  await db.insert(authTokens).values({
    id: sha256(token),
    userId,
    purpose,
    expiresAt: new Date(Date.now() + ttlMs),
  });
  return token;
}

export interface SignUpInput {
  role: "veteran" | "employer" | "incubator";
  displayName: string;
  email: string;
  password: string;
  organizationName?: string;
  regionCode?: string;
  locale: Locale;
}

/**
 * Create an account (and, for employers and parks, their organisation pending verification) and queue the
 * verification mail in the same transaction: either all of it exists afterwards or none of it.
 */
export async function signUp(db: Db, input: SignUpInput, publicUrl: string): Promise<SessionUser> {
  const email = input.email.trim().toLowerCase();
  await assertKnownRegion(db, input.regionCode);
  if (await findUserByEmail(db, email)) throw new DomainError("errors.emailTaken", "email");
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(users)
      .values({ email, passwordHash, role: input.role, displayName: input.displayName, locale: input.locale })
      .onConflictDoNothing({ target: users.email })
      .returning(sessionUserColumns);
    const user = inserted[0];
    if (!user) throw new DomainError("errors.emailTaken", "email");
    if (input.role !== "veteran") {
      const [org] = await tx
        .insert(organizations)
        .values({
          kind: input.role === "employer" ? "employer" : "incubator_park",
          name: input.organizationName ?? input.displayName,
          regionCode: input.regionCode ?? null,
          verificationStatus: "pending",
        })
        .returning({ id: organizations.id });
      await tx.insert(memberships).values({ userId: user.id, organizationId: org.id, role: "owner" });
    }
    await queueVerificationMail(tx, user, publicUrl);
    return user;
  });
}

async function assertKnownRegion(db: Db, regionCode: string | undefined) {
  if (!regionCode) return;
  const [region] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, regionCode));
  if (!region) throw new DomainError("errors.regionUnknown", "regionCode");
}

/**
 * Sign-up as the public form offers it: the answer is the same whether or not the address already has an account,
 * so the form cannot be used to learn who is registered. A new address gets an account and a verification mail;
 * an address that has an account gets no account, and its owner a mail saying someone tried (at most one an hour).
 * The password is hashed on both paths so the time taken does not tell them apart either.
 */
export async function registerAccount(db: Db, input: SignUpInput, publicUrl: string): Promise<{ email: string }> {
  const email = input.email.trim().toLowerCase();
  await assertKnownRegion(db, input.regionCode);
  const existing = await findUserByEmail(db, email);
  if (!existing) {
    try {
      await signUp(db, input, publicUrl);
      return { email };
    } catch (error) {
      // another sign-up for the same address won the race: answer as for an existing account
      if (!(error instanceof DomainError && error.code === "errors.emailTaken")) throw error;
    }
  } else {
    await hashPassword(input.password);
  }
  const owner = existing ?? (await findUserByEmail(db, email));
  if (owner) {
    const hour = Math.floor(Date.now() / 3_600_000);
    await enqueueEmail(db, {
      template: "signup_attempt",
      to: owner.email,
      locale: owner.locale,
      userId: owner.id,
      idempotencyKey: `signup_attempt:${owner.id}:${hour}`,
      props: { name: owner.displayName, signInUrl: `${publicUrl}/signin`, resetUrl: `${publicUrl}/forgot-password` },
    });
  }
  return { email };
}

async function queueVerificationMail(tx: Db, user: SessionUser, publicUrl: string) {
  const token = await issueToken(tx, user.id, "verify_email", VERIFY_TOKEN_TTL_MS);
  await enqueueEmail(tx, {
    template: "verify_email",
    to: user.email,
    locale: user.locale,
    userId: user.id,
    idempotencyKey: `verify_email:${sha256(token)}`,
    props: { name: user.displayName, verifyUrl: `${publicUrl}/verify-email?token=${encodeURIComponent(token)}` },
  });
}

export async function resendVerification(db: Db, email: string, publicUrl: string): Promise<void> {
  const user = await findUserByEmail(db, email);
  // Same answer whether or not the address exists, so the form cannot be used to probe accounts.
  if (!user || user.emailVerifiedAt) return;
  await db.transaction((tx) => queueVerificationMail(tx, user, publicUrl));
}

/** Consume a single-use token: errors say whether the link is unknown, expired or already used. */
async function consumeToken(tx: Db, token: string, purpose: "verify_email" | "reset_password") {
  const [row] = await tx
    .select()
    .from(authTokens)
    .where(and(eq(authTokens.id, sha256(token)), eq(authTokens.purpose, purpose)))
    .for("update");
  if (!row) throw new DomainError("errors.linkInvalid");
  if (row.usedAt) throw new DomainError("errors.linkUsed");
  if (row.expiresAt.getTime() < Date.now()) throw new DomainError("errors.linkExpired");
  const updated = await tx
    .update(authTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(authTokens.id, row.id), isNull(authTokens.usedAt)))
    .returning({ id: authTokens.id });
  if (updated.length === 0) throw new DomainError("errors.linkUsed");
  return row;
}

export async function verifyEmail(db: Db, token: string, publicUrl: string): Promise<SessionUser> {
  return db.transaction(async (tx) => {
    const row = await consumeToken(tx, token, "verify_email");
    const [user] = await tx
      .update(users)
      .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`, updatedAt: new Date() })
      .where(eq(users.id, row.userId))
      .returning(sessionUserColumns);
    await enqueueEmail(tx, {
      template: "welcome",
      to: user.email,
      locale: user.locale,
      userId: user.id,
      idempotencyKey: `welcome:${user.id}`,
      props: { name: user.displayName, role: user.role, dashboardUrl: `${publicUrl}/dashboard` },
    });
    return user;
  });
}

/** Check credentials. Unknown email and wrong password give the same error. */
export async function authenticate(db: Db, email: string, password: string): Promise<SessionUser> {
  const user = await findUserByEmail(db, email);
  // Hash anyway when the user is unknown so timing does not reveal which addresses have accounts.
  const ok = user ? await verifyPassword(user.passwordHash, password) : (await hashPassword(password), false);
  if (!user || !ok) throw new DomainError("errors.badCredentials", "password");
  if (!user.emailVerifiedAt) throw new DomainError("errors.emailNotVerified", "email");
  return { id: user.id, email: user.email, role: user.role, displayName: user.displayName, locale: user.locale, emailVerifiedAt: user.emailVerifiedAt };
}

/** Start a server-side session; returns the secret token that goes in the cookie (only its hash is stored). */
export async function createSession(db: Db, userId: string, userAgent?: string | null): Promise<string> {
  const token = newToken();
  await db.insert(sessions).values({
    id: sha256(token),
    userId,
    expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

export async function getSessionUser(db: Db, token: string): Promise<SessionUser | null> {
  const [row] = await db
    .select(sessionUserColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sha256(token)), gt(sessions.expiresAt, new Date())))
    .limit(1);
  return row ?? null;
}

export async function revokeSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sha256(token)));
}

export async function revokeAllSessions(db: Db, userId: string): Promise<number> {
  const deleted = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return deleted.length;
}

export async function requestPasswordReset(db: Db, email: string, publicUrl: string): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user) return; // same answer for unknown addresses
  await db.transaction(async (tx) => {
    const token = await issueToken(tx, user.id, "reset_password", RESET_TOKEN_TTL_MS);
    await enqueueEmail(tx, {
      template: "reset_password",
      to: user.email,
      locale: user.locale,
      userId: user.id,
      idempotencyKey: `reset_password:${sha256(token)}`,
      props: {
        name: user.displayName,
        resetUrl: `${publicUrl}/reset-password?token=${encodeURIComponent(token)}`,
        expiresInMinutes: RESET_TOKEN_TTL_MS / 60000,
      },
    });
  });
}

/** Set a new password from a reset link; every existing session of the account is signed out. */
export async function resetPassword(db: Db, token: string, newPassword: string): Promise<SessionUser> {
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    const row = await consumeToken(tx, token, "reset_password");
    const [user] = await tx
      .update(users)
      // Following a reset link proves the address, so it also counts as verification.
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`, updatedAt: new Date() })
      .where(eq(users.id, row.userId))
      .returning(sessionUserColumns);
    await tx.delete(sessions).where(eq(sessions.userId, row.userId));
    // Any other reset link mailed earlier (or since) could still change the password: retire them all.
    await tx
      .update(authTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(authTokens.userId, row.userId), eq(authTokens.purpose, "reset_password"), isNull(authTokens.usedAt)));
    return user;
  });
}

export async function setUserLocale(db: Db, userId: string, locale: Locale): Promise<void> {
  await db.update(users).set({ locale, updatedAt: new Date() }).where(eq(users.id, userId));
}

/** Staff and admin accounts are created by an admin only, already verified. */
export async function createStaffAccount(
  db: Db,
  actor: SessionUser,
  input: { role: "staff" | "admin"; displayName: string; email: string; password: string; locale: Locale },
): Promise<SessionUser> {
  if (actor.role !== "admin") throw new ForbiddenError();
  const email = input.email.trim().toLowerCase();
  if (await findUserByEmail(db, email)) throw new DomainError("errors.emailTaken", "email");
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email, passwordHash, role: input.role, displayName: input.displayName, locale: input.locale, emailVerifiedAt: new Date() })
      .returning(sessionUserColumns);
    await recordAudit(tx as unknown as Db, actor, "user.create", user.id, { role: input.role });
    return user;
  });
}

export async function listStaffAccounts(db: Db, actor: SessionUser) {
  if (actor.role !== "admin") throw new ForbiddenError();
  return db
    .select(sessionUserColumns)
    .from(users)
    .where(sql`${users.role} in ('staff', 'admin')`)
    .orderBy(users.createdAt);
}
