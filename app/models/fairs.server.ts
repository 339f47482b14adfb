import { and, asc, count, desc, eq, gt, inArray, lte, or, sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client";
import { regionAncestorCodes } from "../../db/regions";
import { memberships, organizations, regions, users } from "../../db/schema";
import {
  fairBooths,
  fairChats,
  fairHostGrants,
  fairQueueEntries,
  jobFairs,
  type JobFairRow,
} from "../../db/schema-fairs";
import type { FairFormValue } from "../forms/fairs";
import { isStaff, recordAudit, requireUuid, type Actor } from "./authz.server";
import { regionInScope, scopeCondition, staffScope } from "./staff-scope.server";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";
import { emitFairEvent } from "./fair-events.server";

/**
 * Job fairs themselves: who may host, creating, publishing and closing a fair, the public list and page, and the
 * figures every fair counts (booths, positions, registrations, attendance, chats, outcomes).
 */

export const FAIRS_PAGE_SIZE = 12;

/** A fair is open for queues and chats while published and between its start and end. */
export function isFairOpen(fair: Pick<JobFairRow, "status" | "startsAt" | "endsAt">, now = new Date()): boolean {
  return fair.status === "published" && fair.startsAt <= now && now < fair.endsAt;
}

/** A region code is inside one of these regions (same code or a subregion); an empty list means everywhere. */
export function regionWithin(code: string | null | undefined, within: readonly string[]): boolean {
  if (within.length === 0) return true;
  if (!code || !/^\d{6}(\d{3})?$/.test(code)) return false;
  const chain = regionAncestorCodes(code);
  return within.some((w) => chain.includes(w));
}

// ---------------------------------------------------------------- hosts

/** The organisations of this user that an admin granted host rights, oldest membership first. */
async function grantedOrganizations(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: fairHostGrants.organizationId })
    .from(memberships)
    .innerJoin(fairHostGrants, eq(fairHostGrants.organizationId, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));
  return rows.map((r) => r.id);
}

/** Staff host any fair; other accounts only through an organisation granted host rights. */
export async function canHostFairs(db: Db, actor: Actor | null): Promise<boolean> {
  if (!actor) return false;
  if (isStaff(actor)) return true;
  return (await grantedOrganizations(db, actor.id)).length > 0;
}

/**
 * May this actor manage this fair (edit, publish, approve booths, watch the dashboard, close, report)? Staff manage
 * the fairs of their station's region.
 */
export async function canManageFair(db: Db, actor: Actor | null, fair: Pick<JobFairRow, "organizerId" | "regionCode">): Promise<boolean> {
  if (!actor) return false;
  if (isStaff(actor)) {
    const scope = await staffScope(db, actor).catch(() => null);
    return scope !== null && regionInScope(scope, fair.regionCode);
  }
  if (!fair.organizerId) return false;
  return (await grantedOrganizations(db, actor.id)).includes(fair.organizerId);
}

export async function requireManagedFair(db: Db, actor: Actor, fairId: string): Promise<JobFairRow> {
  const id = requireUuid(fairId);
  const [fair] = await db.select().from(jobFairs).where(eq(jobFairs.id, id));
  if (!fair) throw new NotFoundError();
  if (!(await canManageFair(db, actor, fair))) throw new ForbiddenError("fairs:errors.notHost");
  return fair;
}

export async function listHostGrants(db: Db, actor: Actor) {
  if (actor.role !== "admin") throw new ForbiddenError();
  return db
    .select({
      organizationId: fairHostGrants.organizationId,
      name: organizations.name,
      kind: organizations.kind,
      grantedAt: fairHostGrants.createdAt,
      grantedBy: users.displayName,
    })
    .from(fairHostGrants)
    .innerJoin(organizations, eq(organizations.id, fairHostGrants.organizationId))
    .leftJoin(users, eq(users.id, fairHostGrants.grantedByUserId))
    .orderBy(asc(organizations.name));
}

/** Verified organisations an admin may grant host rights to, by name (at most 20). */
export async function searchGrantableOrganizations(db: Db, actor: Actor, q: string) {
  if (actor.role !== "admin") throw new ForbiddenError();
  const text = q.trim();
  if (!text) return [];
  return db
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
    .from(organizations)
    .where(and(eq(organizations.verificationStatus, "verified"), sql`${organizations.name} ilike ${"%" + text.replace(/[%_\\]/g, "\\$&") + "%"}`))
    .orderBy(asc(organizations.name))
    .limit(20);
}

export async function grantHost(db: Db, actor: Actor, organizationId: string): Promise<void> {
  if (actor.role !== "admin") throw new ForbiddenError();
  const id = requireUuid(organizationId);
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, id));
    if (!org) throw new NotFoundError();
    if (org.verificationStatus !== "verified") throw new DomainError("fairs:errors.hostNotVerified");
    await tx.insert(fairHostGrants).values({ organizationId: id, grantedByUserId: actor.id }).onConflictDoNothing();
    await recordAudit(tx, actor, "fair.host.grant", id);
  });
}

export async function revokeHost(db: Db, actor: Actor, organizationId: string): Promise<void> {
  if (actor.role !== "admin") throw new ForbiddenError();
  const id = requireUuid(organizationId);
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await tx.delete(fairHostGrants).where(eq(fairHostGrants.organizationId, id));
    await recordAudit(tx, actor, "fair.host.revoke", id);
  });
}

// ---------------------------------------------------------------- create, publish, close

/** The columns the fair form sets. */
function fairColumns(value: FairFormValue) {
  const { title, description, mode, venue, regionCode, startsAt, endsAt, eligibleRegionCodes, allowFamily, boothLimit, slotMinutes } = value;
  return { title, description, mode, venue, regionCode, startsAt, endsAt, eligibleRegionCodes, allowFamily, boothLimit, slotMinutes };
}

/** Region codes the form names must exist (the venue's region is a foreign key; eligibility codes are matched). */
async function checkRegions(db: Db, value: FairFormValue): Promise<void> {
  const codes = [...new Set([...(value.regionCode ? [value.regionCode] : []), ...value.eligibleRegionCodes])];
  if (!codes.length) return;
  const found = await db.select({ code: regions.code }).from(regions).where(inArray(regions.code, codes));
  const known = new Set(found.map((r) => r.code));
  if (value.regionCode && !known.has(value.regionCode)) throw new DomainError("fairs:errors.unknownRegion", "regionCode");
  if (value.eligibleRegionCodes.some((c) => !known.has(c))) throw new DomainError("fairs:errors.unknownRegion", "eligibleRegionCodes");
}

export async function createFair(db: Db, actor: Actor, value: FairFormValue): Promise<JobFairRow> {
  await checkRegions(db, value);
  let organizerId: string | null = null;
  if (isStaff(actor)) {
    // Staff host fairs in their station's region.
    const scope = await staffScope(db, actor);
    if (!regionInScope(scope, value.regionCode ?? null)) throw new DomainError("stations:errors.regionOutsideStation", "regionCode", 403);
    const [m] = await db
      .select({ id: memberships.organizationId })
      .from(memberships)
      .where(eq(memberships.userId, actor.id))
      .orderBy(asc(memberships.createdAt))
      .limit(1);
    organizerId = m?.id ?? null;
  } else {
    const granted = await grantedOrganizations(db, actor.id);
    if (!granted.length) throw new ForbiddenError("fairs:errors.notHost");
    organizerId = granted[0]!;
  }
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const [fair] = await tx
      .insert(jobFairs)
      .values({
        organizerId,
        createdByUserId: actor.id,
        ...fairColumns(value),
        status: "draft",
      })
      .returning();
    await recordAudit(tx, actor, "fair.create", fair!.id);
    return fair!;
  });
}

export async function updateFair(db: Db, actor: Actor, fairId: string, value: FairFormValue): Promise<void> {
  const fair = await requireManagedFair(db, actor, fairId);
  if (fair.status === "closed") throw new DomainError("fairs:errors.fairClosed", undefined, 409);
  await checkRegions(db, value);
  await db
    .update(jobFairs)
    .set({ ...fairColumns(value), updatedAt: new Date() })
    .where(eq(jobFairs.id, fair.id));
}

export async function publishFair(db: Db, actor: Actor, fairId: string): Promise<void> {
  const fair = await requireManagedFair(db, actor, fairId);
  if (fair.status === "published") return;
  if (fair.status === "closed") throw new DomainError("fairs:errors.fairClosed", undefined, 409);
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await tx.update(jobFairs).set({ status: "published", publishedAt: new Date(), updatedAt: new Date() }).where(eq(jobFairs.id, fair.id));
    await recordAudit(tx, actor, "fair.publish", fair.id);
    await emitFairEvent(tx, fair.id, "lobby", "fair", { status: "published" });
  });
}

/** Close the fair: queues end (waiting people are told), open chats close, the report is final. */
export async function closeFair(db: Db, actor: Actor, fairId: string): Promise<void> {
  const fair = await requireManagedFair(db, actor, fairId);
  if (fair.status === "closed") return;
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const now = new Date();
    await tx.update(jobFairs).set({ status: "closed", closedAt: now, updatedAt: now }).where(eq(jobFairs.id, fair.id));
    await tx
      .update(fairQueueEntries)
      .set({ status: "left", endedAt: now })
      .where(and(eq(fairQueueEntries.fairId, fair.id), inArray(fairQueueEntries.status, ["waiting", "called"])));
    await tx.update(fairChats).set({ status: "closed", endedAt: now }).where(and(eq(fairChats.fairId, fair.id), eq(fairChats.status, "open")));
    await recordAudit(tx, actor, "fair.close", fair.id);
    await emitFairEvent(tx, fair.id, "lobby", "fair", { status: "closed" });
  });
}

// ---------------------------------------------------------------- reading

export type FairListFilter = "upcoming" | "past" | "mine";

/** Published fairs (running and upcoming first, soonest first; or past ones, latest first), paginated. */
export async function listFairs(db: Db, options: { page: number; when: "upcoming" | "past"; now?: Date }) {
  const now = options.now ?? new Date();
  const where =
    options.when === "upcoming"
      ? and(eq(jobFairs.status, "published"), gt(jobFairs.endsAt, now))
      : and(inArray(jobFairs.status, ["published", "closed"]), or(lte(jobFairs.endsAt, now), eq(jobFairs.status, "closed")));
  const page = Math.max(1, Math.floor(options.page) || 1);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: jobFairs.id,
        title: jobFairs.title,
        mode: jobFairs.mode,
        status: jobFairs.status,
        venue: jobFairs.venue,
        startsAt: jobFairs.startsAt,
        endsAt: jobFairs.endsAt,
        regionName: regions.name,
        organizerName: organizations.name,
        booths: sql<number>`(select count(*)::int from ${fairBooths} b where b.fair_id = ${jobFairs.id} and b.status = 'approved')`,
        positions: sql<number>`greatest(${jobFairs.positionsOffered}, (select coalesce(sum(b.positions), 0)::int from ${fairBooths} b where b.fair_id = ${jobFairs.id} and b.status = 'approved'))`,
      })
      .from(jobFairs)
      .leftJoin(regions, eq(regions.code, jobFairs.regionCode))
      .leftJoin(organizations, eq(organizations.id, jobFairs.organizerId))
      .where(where)
      .orderBy(options.when === "upcoming" ? asc(jobFairs.startsAt) : desc(jobFairs.startsAt), asc(jobFairs.id))
      .limit(FAIRS_PAGE_SIZE)
      .offset((page - 1) * FAIRS_PAGE_SIZE),
    db.select({ n: count() }).from(jobFairs).where(where),
  ]);
  return { fairs: rows, total: Number(total?.n ?? 0), page, pageSize: FAIRS_PAGE_SIZE };
}

/** Fairs this actor hosts (drafts included), newest first. */
export async function listHostedFairs(db: Db, actor: Actor) {
  const base = db
    .select({ id: jobFairs.id, title: jobFairs.title, status: jobFairs.status, mode: jobFairs.mode, startsAt: jobFairs.startsAt, endsAt: jobFairs.endsAt })
    .from(jobFairs);
  if (isStaff(actor)) {
    const scope = await staffScope(db, actor);
    return base.where(scopeCondition(scope, jobFairs.regionCode)).orderBy(desc(jobFairs.startsAt)).limit(50);
  }
  const granted = await grantedOrganizations(db, actor.id);
  if (!granted.length) return [];
  return base.where(inArray(jobFairs.organizerId, granted)).orderBy(desc(jobFairs.startsAt)).limit(50);
}

/** The figures of a fair, as the dashboard, report and public API show them. */
export async function fairFigures(db: Db, fairId: string) {
  const [row] = await queryRows<Record<string, number>>(db, sql`
    select
      (select count(*)::int from fair_booths where fair_id = ${fairId} and status = 'approved') as booths,
      (select count(distinct organization_id)::int from fair_booths where fair_id = ${fairId} and status = 'approved') as employers,
      (select coalesce(sum(positions), 0)::int from fair_booths where fair_id = ${fairId} and status = 'approved') as booth_positions,
      (select count(*)::int from fair_registrations where fair_id = ${fairId}) as registrations,
      (select count(*)::int from fair_registrations where fair_id = ${fairId} and attended_at is not null) as attendees,
      (select count(*)::int from fair_registrations where fair_id = ${fairId} and attended_mode = 'online') as attendees_online,
      (select count(*)::int from fair_registrations where fair_id = ${fairId} and attended_mode = 'on_site') as attendees_on_site,
      (select count(*)::int from fair_chats where fair_id = ${fairId}) as chats,
      (select count(*)::int from fair_slots s join fair_booths b on b.id = s.booth_id where b.fair_id = ${fairId} and s.booked_by_profile_id is not null) as interviews,
      (select count(*)::int from fair_chats where fair_id = ${fairId} and outcome in ('offer', 'signed')) as offers,
      (select count(*)::int from fair_chats where fair_id = ${fairId} and outcome = 'signed') as signed,
      (select count(*)::int from fair_queue_entries where fair_id = ${fairId} and status in ('waiting', 'called')) as waiting
  `);
  const n = (k: string) => Number(row?.[k] ?? 0);
  return {
    booths: n("booths"),
    employers: n("employers"),
    boothPositions: n("booth_positions"),
    registrations: n("registrations"),
    attendees: n("attendees"),
    attendeesOnline: n("attendees_online"),
    attendeesOnSite: n("attendees_on_site"),
    chats: n("chats"),
    interviews: n("interviews"),
    offers: n("offers"),
    signed: n("signed"),
    waiting: n("waiting"),
  };
}
export type FairFigures = Awaited<ReturnType<typeof fairFigures>>;

/** A fair as its page shows it; drafts only to those who manage it. */
export async function getFair(db: Db, fairId: string, actor: Actor | null) {
  const id = requireUuid(fairId);
  const [row] = await db
    .select({ fair: jobFairs, regionName: regions.name, organizerName: organizations.name })
    .from(jobFairs)
    .leftJoin(regions, eq(regions.code, jobFairs.regionCode))
    .leftJoin(organizations, eq(organizations.id, jobFairs.organizerId))
    .where(eq(jobFairs.id, id));
  if (!row) throw new NotFoundError();
  const canManage = await canManageFair(db, actor, row.fair);
  if (row.fair.status === "draft" && !canManage) throw new NotFoundError();
  const figures = await fairFigures(db, id);
  const eligibleRegions = row.fair.eligibleRegionCodes.length
    ? await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, row.fair.eligibleRegionCodes))
    : [];
  return {
    fair: row.fair,
    regionName: row.regionName,
    organizerName: row.organizerName,
    eligibleRegions,
    figures,
    positions: Math.max(row.fair.positionsOffered, figures.boothPositions),
    open: isFairOpen(row.fair),
    canManage,
  };
}
