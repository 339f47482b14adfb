// The audit log for administrators (issue 12 item 6): who read or changed whose personal data, filtered by person,
// action, subject and period, newest first, a page at a time.
import { and, desc, eq, gte, ilike, inArray, lt, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import { applications, auditLog, users, veteranProfiles } from "../../db/schema";
import { AUDIT_ACTIONS, type Actor, type AuditAction } from "./authz.server";
import { ForbiddenError } from "./errors";

/** Actions that read or change a person's data (veteran files, applications and CVs, fair chats, accounts). */
export const PERSONAL_DATA_ACTIONS: readonly AuditAction[] = (Object.keys(AUDIT_ACTIONS) as AuditAction[]).filter(
  (a) => a.startsWith("profile.") || a.startsWith("application.") || a === "fair.chat.read" || a === "fair.chat.assist" || a === "fair.walkin.register" || a === "user.create",
);

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilters {
  /** Part of the actor's email or name. */
  actor?: string;
  action?: AuditAction;
  subjectType?: string;
  subjectId?: string;
  personalOnly?: boolean;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  page?: number;
}

export interface AuditEntry {
  id: number;
  at: Date;
  action: string;
  subjectType: string;
  subjectId: string | null;
  actor: { id: string; name: string; email: string; role: string } | null;
  /** Whose data it was, when the subject names a person (a veteran file, an application's applicant, an account). */
  person: string | null;
  personalData: boolean;
}

export async function listAuditLog(db: Db, actor: Actor, filters: AuditFilters): Promise<{ entries: AuditEntry[]; total: number; page: number; pageCount: number }> {
  if (actor.role !== "admin") throw new ForbiddenError();
  const conditions: SQL[] = [];
  const who = alias(users, "who");
  if (filters.actor) {
    const pattern = `%${filters.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(${ilike(who.email, pattern)} or ${ilike(who.displayName, pattern)})`);
  }
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  if (filters.subjectType) conditions.push(eq(auditLog.subjectType, filters.subjectType));
  if (filters.subjectId) conditions.push(eq(auditLog.subjectId, filters.subjectId));
  if (filters.personalOnly) conditions.push(inArray(auditLog.action, [...PERSONAL_DATA_ACTIONS]));
  if (filters.from) conditions.push(gte(auditLog.createdAt, filters.from));
  if (filters.to) conditions.push(lt(auditLog.createdAt, filters.to));
  const where = conditions.length > 0 ? and(...conditions) : undefined;

  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).leftJoin(who, eq(who.id, auditLog.actorUserId)).where(where);
  const total = Number(n);
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(Math.max(1, filters.page ?? 1), pageCount);

  const profile = alias(veteranProfiles, "subject_profile");
  const applicant = alias(veteranProfiles, "subject_applicant");
  const account = alias(users, "subject_user");
  // subject ids are text; only uuid-shaped ones are cast (CASE evaluates the test first, a plain AND may not)
  const subjectUuid = sql`(case when ${auditLog.subjectId} ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then ${auditLog.subjectId}::uuid end)`;
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.createdAt,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      actorId: who.id,
      actorName: who.displayName,
      actorEmail: who.email,
      actorRole: who.role,
      profileName: profile.fullName,
      applicantName: applicant.fullName,
      accountName: account.displayName,
    })
    .from(auditLog)
    .leftJoin(who, eq(who.id, auditLog.actorUserId))
    .leftJoin(profile, and(eq(auditLog.subjectType, "veteran_profile"), sql`${profile.id} = ${subjectUuid}`))
    .leftJoin(applications, and(eq(auditLog.subjectType, "application"), sql`${applications.id} = ${subjectUuid}`))
    .leftJoin(applicant, eq(applicant.id, applications.veteranProfileId))
    .leftJoin(account, and(eq(auditLog.subjectType, "user"), sql`${account.id} = ${subjectUuid}`))
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE);
  const personal = new Set<string>(PERSONAL_DATA_ACTIONS);
  return {
    entries: rows.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      actor: r.actorId ? { id: r.actorId, name: r.actorName ?? "", email: r.actorEmail ?? "", role: r.actorRole ?? "" } : null,
      person: r.profileName ?? r.applicantName ?? r.accountName ?? null,
      personalData: personal.has(r.action),
    })),
    total,
    page,
    pageCount,
  };
}
