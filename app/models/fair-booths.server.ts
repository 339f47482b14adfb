import { randomBytes } from "node:crypto";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { regionNameEn } from "../../db/region-names";
import { jobPostings, memberships, organizations, regions, users, veteranProfiles, type VeteranProfile } from "../../db/schema";
import { fairBooths, fairQueueEntries, fairRepresentatives, fairSlots, jobFairs } from "../../db/schema-fairs";
import type { JobDocument } from "../../search/indexes";
import { scoreJob, veteranSkillIds } from "../../search/match";
import { currentDocuments } from "../../search/sync";
import { SLOT_BATCH_MAX, type BoothSetupValue } from "../forms/fairs";
import { getActingOrganization, isMember, isStaff, recordAudit, requireUuid, type Actor } from "./authz.server";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";
import { emitFairEvent } from "./fair-events.server";
import { canManageFair, regionWithin, requireManagedFair } from "./fairs.server";
import { profileForMatching } from "./matching.server";

/**
 * Booths: verified employers request one, the host approves (within the booth limit) or declines with a reason;
 * the organisation sets it up (introduction, logo, postings shown, positions, livestream and meeting links),
 * names representatives from its members and publishes interview slots.
 */

export { SLOT_BATCH_MAX };

async function boothRow(db: Db, boothId: string) {
  const id = requireUuid(boothId);
  const [row] = await db
    .select({ booth: fairBooths, fair: jobFairs, orgName: organizations.name, orgRegion: organizations.regionCode })
    .from(fairBooths)
    .innerJoin(jobFairs, eq(jobFairs.id, fairBooths.fairId))
    .innerJoin(organizations, eq(organizations.id, fairBooths.organizationId))
    .where(eq(fairBooths.id, id));
  if (!row) throw new NotFoundError();
  return row;
}

/** The booth of an organisation the actor belongs to (or staff / the fair's host). */
export async function requireBoothOwner(db: Db, actor: Actor, boothId: string) {
  const row = await boothRow(db, boothId);
  if (isStaff(actor)) {
    if (await canManageFair(db, actor, row.fair)) return row;
    throw new NotFoundError();
  }
  if (await isMember(db, actor.id, row.booth.organizationId)) return row;
  throw new ForbiddenError();
}

/** Is the actor a named representative of this booth? */
export async function isRepresentative(db: Db, actorId: string, boothId: string): Promise<boolean> {
  const [r] = await db
    .select({ userId: fairRepresentatives.userId })
    .from(fairRepresentatives)
    .where(and(eq(fairRepresentatives.boothId, boothId), eq(fairRepresentatives.userId, actorId)));
  return Boolean(r);
}

// ---------------------------------------------------------------- requests and decisions

export async function requestBooth(db: Db, actor: Actor, fairId: string, note: string | null) {
  if (actor.role !== "employer") throw new ForbiddenError("fairs:errors.employersOnly");
  const org = await getActingOrganization(db, actor.id);
  if (!org || org.kind !== "employer") throw new ForbiddenError("fairs:errors.employersOnly");
  if (org.verificationStatus !== "verified") throw new DomainError("fairs:errors.orgNotVerified", undefined, 403);
  const id = requireUuid(fairId);
  const [fair] = await db.select().from(jobFairs).where(eq(jobFairs.id, id));
  if (!fair || fair.status === "draft") throw new NotFoundError();
  if (fair.status === "closed" || fair.endsAt <= new Date()) throw new DomainError("fairs:errors.fairClosed", undefined, 409);
  const [existing] = await db.select().from(fairBooths).where(and(eq(fairBooths.fairId, id), eq(fairBooths.organizationId, org.id)));
  if (existing) {
    if (existing.status === "requested" || existing.status === "approved") return existing;
    const [again] = await db
      .update(fairBooths)
      .set({ status: "requested", requestNote: note, decisionReason: null, decidedAt: null, updatedAt: new Date() })
      .where(eq(fairBooths.id, existing.id))
      .returning();
    return again!;
  }
  const [booth] = await db
    .insert(fairBooths)
    .values({ fairId: id, organizationId: org.id, requestNote: note, checkInToken: randomBytes(18).toString("base64url") })
    .onConflictDoNothing()
    .returning();
  if (booth) return booth;
  const [raced] = await db.select().from(fairBooths).where(and(eq(fairBooths.fairId, id), eq(fairBooths.organizationId, org.id)));
  return raced!;
}

/** Booth requests of a fair for its host, pending first. */
export async function listBoothRequests(db: Db, actor: Actor, fairId: string) {
  const fair = await requireManagedFair(db, actor, fairId);
  const rows = await db
    .select({
      id: fairBooths.id,
      status: fairBooths.status,
      requestNote: fairBooths.requestNote,
      decisionReason: fairBooths.decisionReason,
      createdAt: fairBooths.createdAt,
      orgId: organizations.id,
      orgName: organizations.name,
      verificationStatus: organizations.verificationStatus,
    })
    .from(fairBooths)
    .innerJoin(organizations, eq(organizations.id, fairBooths.organizationId))
    .where(eq(fairBooths.fairId, fair.id))
    .orderBy(sql`case ${fairBooths.status} when 'requested' then 0 when 'approved' then 1 else 2 end`, asc(fairBooths.createdAt));
  return { fair, requests: rows };
}

export async function decideBooth(db: Db, actor: Actor, boothId: string, decision: { approve: boolean; reason: string | null }) {
  const { booth, fair } = await boothRow(db, boothId);
  if (!(await canManageFair(db, actor, fair))) throw new ForbiddenError("fairs:errors.notHost");
  if (!decision.approve && !decision.reason?.trim()) throw new DomainError("fairs:errors.reasonRequired", "reason");
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    // the fair's row lock serialises approvals, so the booth limit holds under concurrency
    const [locked] = await tx.select().from(jobFairs).where(eq(jobFairs.id, fair.id)).for("update");
    if (decision.approve) {
      const [org] = await tx.select().from(organizations).where(eq(organizations.id, booth.organizationId));
      if (org?.verificationStatus !== "verified") throw new DomainError("fairs:errors.orgNotVerified", undefined, 409);
      const [{ n }] = await tx
        .select({ n: count() })
        .from(fairBooths)
        .where(and(eq(fairBooths.fairId, fair.id), eq(fairBooths.status, "approved")));
      if (booth.status !== "approved" && Number(n) >= locked!.boothLimit) throw new DomainError("fairs:errors.boothsFull", undefined, 409);
    }
    await tx
      .update(fairBooths)
      .set({
        status: decision.approve ? "approved" : "declined",
        decisionReason: decision.reason?.trim() || null,
        decidedAt: new Date(),
        decidedByUserId: actor.id,
        updatedAt: new Date(),
      })
      .where(eq(fairBooths.id, booth.id));
    await recordAudit(tx, actor, "fair.booth.decide", booth.id, { approve: decision.approve, reason: decision.reason });
    await emitFairEvent(tx, fair.id, "lobby", "booths", {});
  });
}

/** The booths of the actor's organisation (for the employer's fair list). */
export async function myBooths(db: Db, actor: Actor) {
  const org = await getActingOrganization(db, actor.id);
  if (!org) return [];
  return db
    .select({ id: fairBooths.id, status: fairBooths.status, decisionReason: fairBooths.decisionReason, fairId: jobFairs.id, fairTitle: jobFairs.title, startsAt: jobFairs.startsAt })
    .from(fairBooths)
    .innerJoin(jobFairs, eq(jobFairs.id, fairBooths.fairId))
    .where(eq(fairBooths.organizationId, org.id))
    .orderBy(asc(jobFairs.startsAt));
}

// ---------------------------------------------------------------- setup

export async function getBoothSetup(db: Db, actor: Actor, boothId: string) {
  const { booth, fair, orgName } = await requireBoothOwner(db, actor, boothId);
  const [postings, members, reps, slots] = await Promise.all([
    db
      .select({ id: jobPostings.id, title: jobPostings.title, status: jobPostings.status, headcount: jobPostings.headcount })
      .from(jobPostings)
      .where(and(eq(jobPostings.organizationId, booth.organizationId), inArray(jobPostings.status, ["published", "pending_review", "draft"])))
      .orderBy(asc(jobPostings.title))
      .limit(100),
    db
      .select({ id: users.id, displayName: users.displayName, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.organizationId, booth.organizationId))
      .orderBy(asc(users.displayName)),
    db.select({ userId: fairRepresentatives.userId, status: fairRepresentatives.status }).from(fairRepresentatives).where(eq(fairRepresentatives.boothId, booth.id)),
    db.select().from(fairSlots).where(eq(fairSlots.boothId, booth.id)).orderBy(asc(fairSlots.startsAt)),
  ]);
  return { booth, fair, orgName, postings, members, reps, slots };
}

export async function saveBoothSetup(db: Db, actor: Actor, boothId: string, value: BoothSetupValue) {
  const { booth, fair } = await requireBoothOwner(db, actor, boothId);
  if (booth.status !== "approved" && booth.status !== "requested") throw new DomainError("fairs:errors.boothNotApproved", undefined, 409);
  const postingIds = [...new Set(value.postingIds)];
  if (postingIds.length) {
    const own = await db
      .select({ id: jobPostings.id })
      .from(jobPostings)
      .where(and(inArray(jobPostings.id, postingIds), eq(jobPostings.organizationId, booth.organizationId)));
    if (own.length !== postingIds.length) throw new ForbiddenError();
  }
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await tx
      .update(fairBooths)
      .set({
        intro: value.intro,
        logoUrl: value.logoUrl,
        positions: value.positions,
        livestreamUrl: value.livestreamUrl,
        meetingUrl: value.meetingUrl,
        postingIds,
        updatedAt: new Date(),
      })
      .where(eq(fairBooths.id, booth.id));
    await emitFairEvent(tx, fair.id, "lobby", "booths", {});
  });
}

/** Name the booth's representatives: members of the organisation only. */
export async function setRepresentatives(db: Db, actor: Actor, boothId: string, userIds: string[]) {
  const { booth } = await requireBoothOwner(db, actor, boothId);
  const ids = [...new Set(userIds.map(requireUuid))];
  if (ids.length > 20) throw new DomainError("fairs:errors.tooManyReps");
  if (ids.length) {
    const m = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.organizationId, booth.organizationId), inArray(memberships.userId, ids)));
    if (m.length !== ids.length) throw new DomainError("fairs:errors.repNotMember");
  }
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const current = await tx.select({ userId: fairRepresentatives.userId }).from(fairRepresentatives).where(eq(fairRepresentatives.boothId, booth.id));
    const gone = current.map((c) => c.userId).filter((u) => !ids.includes(u));
    if (gone.length) await tx.delete(fairRepresentatives).where(and(eq(fairRepresentatives.boothId, booth.id), inArray(fairRepresentatives.userId, gone)));
    if (ids.length) await tx.insert(fairRepresentatives).values(ids.map((userId) => ({ boothId: booth.id, userId }))).onConflictDoNothing();
  });
}

/** Publish `count` consecutive interview slots of the fair's slot length from `startsAt`, within the fair. */
export async function addSlots(db: Db, actor: Actor, boothId: string, startsAt: Date, slotCount: number) {
  const { booth, fair } = await requireBoothOwner(db, actor, boothId);
  if (booth.status !== "approved") throw new DomainError("fairs:errors.boothNotApproved", undefined, 409);
  if (!Number.isInteger(slotCount) || slotCount < 1 || slotCount > SLOT_BATCH_MAX) throw new DomainError("fairs:errors.slotCount", "count");
  const ms = fair.slotMinutes * 60_000;
  const rows = Array.from({ length: slotCount }, (_, i) => ({
    boothId: booth.id,
    startsAt: new Date(startsAt.getTime() + i * ms),
    endsAt: new Date(startsAt.getTime() + (i + 1) * ms),
  }));
  if (rows[0]!.startsAt < fair.startsAt || rows[rows.length - 1]!.endsAt > fair.endsAt) throw new DomainError("fairs:errors.slotOutsideFair", "startsAt");
  const inserted = await db.insert(fairSlots).values(rows).onConflictDoNothing().returning({ id: fairSlots.id });
  return inserted.length;
}

// ---------------------------------------------------------------- the lobby

export interface BoothFilters {
  q?: string;
  trade?: string;
  region?: string;
  salaryMin?: number;
  veteranPreferred?: boolean;
}

export const AVERAGE_CHAT_MINUTES = 8;

/**
 * Approved booths with what the lobby shows: postings (titles, trades, salary range, veteran preference), queue
 * length, representatives available, wait estimate, and the viewer's match score; filtered and sorted by score.
 * The region filter takes a region and matches its whole subtree (a city matches its counties and towns).
 */
export async function listLobbyBooths(db: Db, fairId: string, filters: BoothFilters, viewer: VeteranProfile | null) {
  const booths = await db
    .select({
      id: fairBooths.id,
      intro: fairBooths.intro,
      logoUrl: fairBooths.logoUrl,
      positions: fairBooths.positions,
      postingIds: fairBooths.postingIds,
      livestreamUrl: fairBooths.livestreamUrl,
      orgName: organizations.name,
      orgRegion: organizations.regionCode,
      waiting: sql<number>`(select count(*)::int from ${fairQueueEntries} q where q.booth_id = ${fairBooths.id} and q.status in ('waiting', 'called'))`,
      repsAvailable: sql<number>`(select count(*)::int from ${fairRepresentatives} r where r.booth_id = ${fairBooths.id} and r.status = 'available')`,
      repsBusy: sql<number>`(select count(*)::int from ${fairRepresentatives} r where r.booth_id = ${fairBooths.id} and r.status = 'busy')`,
    })
    .from(fairBooths)
    .innerJoin(organizations, eq(organizations.id, fairBooths.organizationId))
    .where(and(eq(fairBooths.fairId, fairId), eq(fairBooths.status, "approved")))
    .orderBy(asc(organizations.name));
  const allPostingIds = [...new Set(booths.flatMap((b) => b.postingIds))];
  const postings = allPostingIds.length
    ? await db
        .select({
          id: jobPostings.id,
          title: jobPostings.title,
          category: jobPostings.category,
          regionCode: jobPostings.regionCode,
          salaryMin: jobPostings.salaryMin,
          salaryMax: jobPostings.salaryMax,
          veteranPreferred: jobPostings.veteranPreferred,
          status: jobPostings.status,
        })
        .from(jobPostings)
        .where(inArray(jobPostings.id, allPostingIds))
    : [];
  const byId = new Map(postings.map((p) => [p.id, p]));
  const docs = viewer && allPostingIds.length ? ((await currentDocuments(db, "jobs", allPostingIds)) as JobDocument[]) : [];
  const docById = new Map(docs.map((d) => [d.id, d]));
  const v = viewer ? profileForMatching(viewer) : null;
  const vSkills = v ? veteranSkillIds(v).all : new Set<string>();
  const q = filters.q?.trim().toLowerCase();
  const result = booths.map((b) => {
    const ps = b.postingIds.map((id) => byId.get(id)).filter((p): p is NonNullable<typeof p> => Boolean(p && p.status === "published"));
    let score: number | null = null;
    if (v) {
      for (const p of ps) {
        const doc = docById.get(p.id);
        if (doc) score = Math.max(score ?? 0, scoreJob(v, vSkills, doc).score);
      }
    }
    const salaryMax = ps.reduce<number | null>((m, p) => (p.salaryMax ?? p.salaryMin ?? null) === null ? m : Math.max(m ?? 0, (p.salaryMax ?? p.salaryMin)!), null);
    const salaryMin = ps.reduce<number | null>((m, p) => (p.salaryMin === null ? m : m === null ? p.salaryMin : Math.min(m, p.salaryMin)), null);
    return {
      id: b.id,
      orgName: b.orgName,
      intro: b.intro,
      logoUrl: b.logoUrl,
      livestreamUrl: b.livestreamUrl,
      positions: Math.max(b.positions, ps.length),
      postings: ps.map((p) => ({ id: p.id, title: p.title, category: p.category })),
      trades: [...new Set(ps.map((p) => p.category))],
      regionCodes: [...new Set([b.orgRegion, ...ps.map((p) => p.regionCode)].filter((c): c is string => Boolean(c)))],
      salaryMin,
      salaryMax,
      veteranPreferred: ps.some((p) => p.veteranPreferred),
      waiting: Number(b.waiting),
      repsAvailable: Number(b.repsAvailable),
      repsBusy: Number(b.repsBusy),
      waitMinutes: waitEstimate(Number(b.waiting) + 1, Number(b.repsAvailable) + Number(b.repsBusy)),
      score,
    };
  });
  const filtered = result.filter(
    (b) =>
      (!q || b.orgName.toLowerCase().includes(q) || b.postings.some((p) => p.title.toLowerCase().includes(q))) &&
      (!filters.trade || b.trades.includes(filters.trade)) &&
      (!filters.region || b.regionCodes.some((c) => regionWithin(c, [filters.region!]))) &&
      (!filters.salaryMin || (b.salaryMax ?? 0) >= filters.salaryMin) &&
      (!filters.veteranPreferred || b.veteranPreferred),
  );
  if (v) filtered.sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  return filtered;
}

/**
 * An honest wait estimate in minutes for the person at `position`: null when no representative is online (nobody
 * can say), else the rounds of chats ahead times the average chat length.
 */
export function waitEstimate(position: number, repsOnline: number, averageMinutes = AVERAGE_CHAT_MINUTES): number | null {
  if (repsOnline <= 0) return null;
  return Math.ceil(Math.max(0, position - 1) / repsOnline) * averageMinutes;
}

export async function profileOf(db: Db, userId: string) {
  const [p] = await db.select().from(veteranProfiles).where(eq(veteranProfiles.userId, userId));
  return p ?? null;
}

/** Regions by code with their Chinese and English names, for the lobby's region filter. */
export async function regionOptions(db: Db, codes: string[]) {
  if (!codes.length) return [];
  const rows = await db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, codes)).orderBy(asc(regions.code));
  return rows.map((r) => ({ code: r.code, name: r.name, nameEn: regionNameEn(r.name) }));
}

/** The actor's organisation's booth at this fair (any status) and whether the actor is one of its representatives. */
export async function myBoothAt(db: Db, actor: Actor, fairId: string) {
  if (actor.role !== "employer") return null;
  const org = await getActingOrganization(db, actor.id);
  if (!org) return null;
  const [booth] = await db
    .select({ id: fairBooths.id, status: fairBooths.status, decisionReason: fairBooths.decisionReason })
    .from(fairBooths)
    .where(and(eq(fairBooths.fairId, fairId), eq(fairBooths.organizationId, org.id)));
  return { orgVerified: org.verificationStatus === "verified", booth: booth ?? null, isRep: booth ? await isRepresentative(db, actor.id, booth.id) : false };
}
