import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, memberships, organizations } from "../../db/schema";
import { ForbiddenError, NotFoundError } from "./errors";
import type { Role } from "../../db/enums";
import { assertRegionInScope, staffScope } from "./staff-scope.server";

/**
 * Who may do what, in one place: the acting user's shape, who counts as staff, which organisation an employer or
 * park manager acts for, the id check every lookup by URL makes, and the audit trail of staff and employer access.
 */

export type { Role };

/** The signed-in person a model acts for (a session's user has at least these fields). */
export interface Actor {
  id: string;
  role: Role;
}

/**
 * Service-station staff and admins. Staff act only within their station's region: every model that lets staff read
 * or change a row checks it with ./staff-scope.server.ts.
 */
export function isStaff(actor: { role: string }): boolean {
  return actor.role === "staff" || actor.role === "admin";
}

/** Throws ForbiddenError unless the actor is staff (or an admin). */
export function requireStaff(actor: { role: string }): void {
  if (!isStaff(actor)) throw new ForbiddenError();
}

// ---------------------------------------------------------------- ids

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A canonical UUID (8-4-4-4-12 hex digits); anything else (`xyz`, `-----…-----`, 37 characters) is not. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/**
 * The id from a URL or form as a UUID, or NotFoundError (so `/training/xyz` is a 404 like a missing row, and no
 * malformed id ever reaches PostgreSQL, which would answer with an error and a 500).
 */
export function requireUuid(value: unknown): string {
  if (!isUuid(value)) throw new NotFoundError();
  return value.toLowerCase();
}

// ---------------------------------------------------------------- the acting organisation

/**
 * The organisations a user belongs to, oldest membership first (employers and park managers have one, created at
 * sign-up; the order makes "the first" the same on every call).
 */
export async function listMyOrganizations(db: Db, userId: string) {
  return db
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      verificationStatus: organizations.verificationStatus,
      rejectionReason: organizations.rejectionReason,
      badges: organizations.badges,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(organizations.id));
}

/** The organisation an employer or park manager acts for (their oldest membership), or null. */
export async function getActingOrganization(db: Db, userId: string) {
  const [row] = await listMyOrganizations(db, userId);
  return row ?? null;
}

/** The acting organisation of an account of `role` whose organisation is one of `kinds`; ForbiddenError otherwise. */
export async function requireActingOrganization(
  db: Db,
  actor: Actor,
  options: { role: Role; kinds: readonly string[]; code?: { role?: string; organization?: string } },
) {
  if (actor.role !== options.role) throw new ForbiddenError(options.code?.role);
  const org = await getActingOrganization(db, actor.id);
  if (!org || !options.kinds.includes(org.kind)) throw new ForbiddenError(options.code?.organization);
  return org;
}

/**
 * Throws ForbiddenError unless the user belongs to the organisation. Staff act for organisations inside their
 * station's region (NotFoundError outside it), admins for any.
 */
export async function assertOrganizationAccess(db: Db, actor: Actor, organizationId: string): Promise<void> {
  if (isStaff(actor)) {
    const scope = await staffScope(db, actor);
    if (scope.prefix === null) return;
    const [org] = await db.select({ regionCode: organizations.regionCode }).from(organizations).where(eq(organizations.id, organizationId));
    assertRegionInScope(scope, org?.regionCode);
    return;
  }
  if (!(await isMember(db, actor.id, organizationId))) throw new ForbiddenError();
}

export async function isMember(db: Db, userId: string, organizationId: string): Promise<boolean> {
  const [row] = await db
    .select({ organizationId: memberships.organizationId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organizationId, organizationId)));
  return Boolean(row);
}

// ---------------------------------------------------------------- audit trail

/** Every action the audit log records, with the kind of row its subject id names. */
export const AUDIT_ACTIONS = {
  "application.read": "application",
  "application.cv.download": "application",
  "fair.create": "job_fair",
  "fair.publish": "job_fair",
  "fair.close": "job_fair",
  "fair.host.grant": "organization",
  "fair.host.revoke": "organization",
  "fair.booth.decide": "fair_booth",
  "fair.chat.assist": "fair_chat",
  "fair.chat.read": "fair_chat",
  "fair.message.remove": "fair_message",
  "fair.user.bar": "job_fair",
  "fair.walkin.register": "veteran_profile",
  "organization.update": "organization",
  "organization.verify": "organization",
  "organization.reject": "organization",
  "organization.badge": "organization",
  "organization.licence.upload": "organization",
  "organization.licence.read": "organization",
  "payment.start": "payment",
  "payment.proof.upload": "payment",
  "payment.confirm": "payment",
  "payment.approve": "payment",
  "payment.reject": "payment",
  "payment.fulfil": "payment",
  "payment.refund": "payment",
  "payment.settings.update": "organization",
  "fapiao.request": "payment",
  "fapiao.issue": "payment",
  "profile.read": "veteran_profile",
  "profile.create": "veteran_profile",
  "profile.update": "veteran_profile",
  "profile.search": "veteran_profile",
  "profile.card.verify": "veteran_profile",
  "profile.claim.issue": "veteran_profile",
  "profile.link": "veteran_profile",
  "profile.link.refuse": "veteran_profile",
  "followup.record": "follow_up",
  "profile.consent.attest": "veteran_profile",
  "staff.station.assign": "user",
  "station.create": "organization",
  "startup.plan.download": "startup_application",
  "taxonomy.save": "taxonomy_version",
  "taxonomy.activate": "taxonomy_version",
  "taxonomy.term.map": "taxonomy_version",
  "taxonomy.skill.add": "taxonomy_version",
  "user.create": "user",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** One audit row (inside the caller's transaction when given one); returns its id. A null actor: a command-line tool. */
export async function recordAudit(
  db: Db,
  actor: { id: string | null },
  action: AuditAction,
  subjectId: string | null,
  detail?: Record<string, unknown>,
): Promise<number> {
  const [row] = await db
    .insert(auditLog)
    .values({ actorUserId: actor.id, action, subjectType: AUDIT_ACTIONS[action], subjectId, detail: detail ?? null })
    .returning({ id: auditLog.id });
  return row!.id;
}
