import { and, asc, count, desc, eq, gt, inArray, lt, lte, ne, or, sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client";
import { applicationEvents, applications, jobPostings, organizations, users, veteranProfiles, type VeteranProfile } from "../../db/schema";
import {
  fairBooths,
  fairChats,
  fairFollowUps,
  fairMessages,
  fairQueueEntries,
  fairRegistrations,
  fairRepresentatives,
  fairSlots,
  jobFairs,
  type JobFairRow,
} from "../../db/schema-fairs";
import { MESSAGE_MAX, OUTCOMES, type Outcome } from "../forms/fairs";
import { applyToJob } from "./application.server";
import { recordAudit, requireUuid, type Actor } from "./authz.server";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";
import { emitFairEvent } from "./fair-events.server";
import { isRepresentative, waitEstimate } from "./fair-booths.server";
import { canManageFair, isFairOpen, regionWithin } from "./fairs.server";
import { scheduleFollowUps } from "./follow-ups.server";

/**
 * The one queue per booth (online and on site), "your turn" calls, chats and interview slots.
 *
 * Tickets are taken under the booth's row lock (1, 2, 3… exactly once); a veteran's joins take their profile's row
 * lock first (at most 3 active queues per fair, even when joining several at once). Representatives claim the next
 * waiting person with FOR UPDATE SKIP LOCKED, so two accepting at once get different people. A call lasts 60 s;
 * the first miss sends the person back to the end of the line once, the second ends their place with a message.
 */

export const MAX_QUEUES = 3;
export const MAX_CHATS_PER_REP = 3;
export const CALL_SECONDS = 60;
export const MESSAGE_RATE = { limit: 10, windowSeconds: 10 };

const ACTIVE = ["waiting", "called", "in_chat"] as const;

function tx$(t: unknown): Db {
  return t as Db;
}

async function veteranProfileFor(db: Db, actor: Actor): Promise<VeteranProfile> {
  if (actor.role !== "veteran") throw new ForbiddenError("fairs:errors.veteransOnly");
  const [p] = await db.select().from(veteranProfiles).where(eq(veteranProfiles.userId, actor.id));
  if (!p) throw new DomainError("fairs:errors.noProfile", undefined, 409);
  return p;
}

async function fairById(db: Db, fairId: string): Promise<JobFairRow> {
  const [fair] = await db.select().from(jobFairs).where(eq(jobFairs.id, requireUuid(fairId)));
  if (!fair || fair.status === "draft") throw new NotFoundError();
  return fair;
}

function requireOpen(fair: JobFairRow, now = new Date()) {
  if (!isFairOpen(fair, now)) throw new ForbiddenError("fairs:errors.fairNotOpen");
}

// ---------------------------------------------------------------- registration

/** Eligibility: the fair's regions (subregions included); family members only where the fair allows them. */
export function checkEligibility(fair: Pick<JobFairRow, "eligibleRegionCodes" | "allowFamily">, profile: Pick<VeteranProfile, "regionCode">, familyMember: boolean) {
  if (familyMember && !fair.allowFamily) throw new DomainError("fairs:errors.familyNotAllowed", undefined, 403);
  if (!regionWithin(profile.regionCode, fair.eligibleRegionCodes)) throw new DomainError("fairs:errors.notEligibleRegion", undefined, 403);
}

export async function registerForFair(db: Db, actor: Actor, fairId: string, options: { familyMember?: boolean } = {}) {
  const fair = await fairById(db, fairId);
  if (fair.status === "closed" || fair.endsAt <= new Date()) throw new DomainError("fairs:errors.fairClosed", undefined, 409);
  const profile = await veteranProfileFor(db, actor);
  checkEligibility(fair, profile, Boolean(options.familyMember));
  await db
    .insert(fairRegistrations)
    .values({ fairId: fair.id, veteranProfileId: profile.id, familyMember: Boolean(options.familyMember) })
    .onConflictDoNothing();
  const [reg] = await db
    .select()
    .from(fairRegistrations)
    .where(and(eq(fairRegistrations.fairId, fair.id), eq(fairRegistrations.veteranProfileId, profile.id)));
  return reg!;
}

async function registrationOf(db: Db, fairId: string, profileId: string) {
  const [reg] = await db
    .select()
    .from(fairRegistrations)
    .where(and(eq(fairRegistrations.fairId, fairId), eq(fairRegistrations.veteranProfileId, profileId)));
  return reg ?? null;
}

// ---------------------------------------------------------------- joining and leaving

export interface JoinResult {
  entryId: string;
  ticket: number;
  position: number;
  already: boolean;
}

/** Join a booth's queue (registering first when eligible). Online or at the venue (`source`). */
export async function joinQueue(db: Db, actor: Actor, boothId: string, source: "online" | "on_site" = "online", now = new Date()): Promise<JoinResult> {
  const profile = await veteranProfileFor(db, actor);
  return joinQueueForProfile(db, profile, boothId, source, now);
}

export async function joinQueueForProfile(db: Db, profile: VeteranProfile, boothId: string, source: "online" | "on_site", now = new Date()): Promise<JoinResult> {
  const id = requireUuid(boothId);
  const [row] = await db.select({ booth: fairBooths, fair: jobFairs }).from(fairBooths).innerJoin(jobFairs, eq(jobFairs.id, fairBooths.fairId)).where(eq(fairBooths.id, id));
  if (!row || row.booth.status !== "approved" || row.fair.status === "draft") throw new NotFoundError();
  const { fair } = row;
  requireOpen(fair, now);
  let reg = await registrationOf(db, fair.id, profile.id);
  if (!reg) {
    checkEligibility(fair, profile, false);
    await db.insert(fairRegistrations).values({ fairId: fair.id, veteranProfileId: profile.id }).onConflictDoNothing();
    reg = await registrationOf(db, fair.id, profile.id);
  }
  if (reg?.barredAt) throw new ForbiddenError("fairs:errors.barred");
  return db.transaction(async (t) => {
    const tx = tx$(t);
    // lock order: the veteran's profile, then the booth
    await tx.select({ id: veteranProfiles.id }).from(veteranProfiles).where(eq(veteranProfiles.id, profile.id)).for("update");
    const [mine] = await tx
      .select()
      .from(fairQueueEntries)
      .where(and(eq(fairQueueEntries.boothId, id), eq(fairQueueEntries.veteranProfileId, profile.id), inArray(fairQueueEntries.status, [...ACTIVE])));
    if (mine) return { entryId: mine.id, ticket: mine.ticket, position: await positionOf(tx, mine), already: true };
    const [{ n }] = await tx
      .select({ n: count() })
      .from(fairQueueEntries)
      .where(and(eq(fairQueueEntries.fairId, fair.id), eq(fairQueueEntries.veteranProfileId, profile.id), inArray(fairQueueEntries.status, [...ACTIVE])));
    if (Number(n) >= MAX_QUEUES) throw new ForbiddenError("fairs:errors.queueLimit");
    const [booth] = await tx
      .update(fairBooths)
      .set({ nextTicket: sql`${fairBooths.nextTicket} + 1` })
      .where(eq(fairBooths.id, id))
      .returning({ ticket: sql<number>`${fairBooths.nextTicket} - 1` });
    const ticket = Number(booth!.ticket);
    const [entry] = await tx
      .insert(fairQueueEntries)
      .values({ fairId: fair.id, boothId: id, veteranProfileId: profile.id, ticket, sortKey: ticket, source, joinedAt: now })
      .returning();
    await tx
      .update(fairRegistrations)
      .set({ attendedAt: now, attendedMode: source })
      .where(and(eq(fairRegistrations.fairId, fair.id), eq(fairRegistrations.veteranProfileId, profile.id), sql`${fairRegistrations.attendedAt} is null`));
    const position = await positionOf(tx, entry!);
    await emitFairEvent(tx, fair.id, "lobby", "queue", { boothId: id });
    return { entryId: entry!.id, ticket, position, already: false };
  });
}

/** 1-based place among those waiting or being called at the booth. */
async function positionOf(db: Db, entry: { boothId: string; sortKey: number; ticket: number; status: string }): Promise<number> {
  if (entry.status === "in_chat") return 0;
  const [{ n }] = await db
    .select({ n: count() })
    .from(fairQueueEntries)
    .where(
      and(
        eq(fairQueueEntries.boothId, entry.boothId),
        inArray(fairQueueEntries.status, ["waiting", "called"]),
        or(lt(fairQueueEntries.sortKey, entry.sortKey), and(eq(fairQueueEntries.sortKey, entry.sortKey), lte(fairQueueEntries.ticket, entry.ticket))),
      ),
    );
  return Number(n);
}

export async function leaveQueue(db: Db, actor: Actor, entryId: string) {
  const profile = await veteranProfileFor(db, actor);
  await db.transaction(async (t) => {
    const tx = tx$(t);
    const [e] = await tx
      .update(fairQueueEntries)
      .set({ status: "left", endedAt: new Date() })
      .where(and(eq(fairQueueEntries.id, requireUuid(entryId)), eq(fairQueueEntries.veteranProfileId, profile.id), inArray(fairQueueEntries.status, ["waiting", "called"])))
      .returning();
    if (e) await emitFairEvent(tx, e.fairId, "lobby", "queue", { boothId: e.boothId });
  });
}

/**
 * Calls that ran out: the first miss puts the person back at the end of the line once; the second removes them
 * and tells them. Runs whenever a representative asks for the next person (and from the lobby's reads).
 */
export async function expireCalls(db: Db, boothId: string, now = new Date()) {
  const expired = await db
    .select()
    .from(fairQueueEntries)
    .where(and(eq(fairQueueEntries.boothId, boothId), eq(fairQueueEntries.status, "called"), lt(fairQueueEntries.callExpiresAt, now)));
  for (const e of expired) {
    await db.transaction(async (t) => {
      const tx = tx$(t);
      const [booth] = await tx.select().from(fairBooths).where(eq(fairBooths.id, boothId)).for("update");
      const back = e.missedCalls === 0;
      const [changed] = await tx
        .update(fairQueueEntries)
        .set(
          back
            ? { status: "waiting", missedCalls: 1, sortKey: booth!.nextTicket, calledAt: null, callExpiresAt: null, calledByUserId: null }
            : { status: "missed", missedCalls: e.missedCalls + 1, endedAt: now },
        )
        .where(and(eq(fairQueueEntries.id, e.id), eq(fairQueueEntries.status, "called")))
        .returning();
      if (!changed) return;
      if (back) await tx.update(fairBooths).set({ nextTicket: sql`${fairBooths.nextTicket} + 1`, updatedAt: new Date() }).where(eq(fairBooths.id, boothId));
      const [p] = await tx.select({ userId: veteranProfiles.userId }).from(veteranProfiles).where(eq(veteranProfiles.id, e.veteranProfileId));
      if (p?.userId) await emitFairEvent(tx, e.fairId, `user:${p.userId}`, back ? "missedOnce" : "removed", { entryId: e.id, boothId });
      await emitFairEvent(tx, e.fairId, "lobby", "queue", { boothId });
    });
  }
}

// ---------------------------------------------------------------- representatives

async function requireRep(db: Db, actor: Actor, boothId: string) {
  const id = requireUuid(boothId);
  const [row] = await db.select({ booth: fairBooths, fair: jobFairs }).from(fairBooths).innerJoin(jobFairs, eq(jobFairs.id, fairBooths.fairId)).where(eq(fairBooths.id, id));
  if (!row) throw new NotFoundError();
  if (!(await isRepresentative(db, actor.id, id))) throw new ForbiddenError("fairs:errors.notRepresentative");
  return row;
}

export async function setRepStatus(db: Db, actor: Actor, boothId: string, status: "available" | "busy" | "away") {
  const { fair, booth } = await requireRep(db, actor, boothId);
  await db.transaction(async (t) => {
    const tx = tx$(t);
    await tx
      .update(fairRepresentatives)
      .set({ status, statusChangedAt: new Date() })
      .where(and(eq(fairRepresentatives.boothId, booth.id), eq(fairRepresentatives.userId, actor.id)));
    await emitFairEvent(tx, fair.id, "lobby", "reps", { boothId: booth.id });
  });
}

export type CallResult = { status: "called"; entryId: string; veteranProfileId: string; chatId: string | null } | { status: "empty" };

/**
 * Call the next waiting person (or the one picked) to chat. Two representatives calling at once get different
 * people (SKIP LOCKED); a rep has at most 3 chats open or called at a time.
 */
export async function callNext(db: Db, actor: Actor, boothId: string, pickEntryId?: string, now = new Date()): Promise<CallResult> {
  const { fair, booth } = await requireRep(db, actor, boothId);
  requireOpen(fair, now);
  await expireCalls(db, booth.id, now);
  return db.transaction(async (t) => {
    const tx = tx$(t);
    const [{ open }] = await queryRows<{ open: number }>(
      tx,
      sql`select (select count(*)::int from fair_chats where rep_user_id = ${actor.id} and booth_id = ${booth.id} and status = 'open')
        + (select count(*)::int from fair_queue_entries where called_by_user_id = ${actor.id} and booth_id = ${booth.id} and status = 'called') as open`,
    );
    if (Number(open) >= MAX_CHATS_PER_REP) throw new DomainError("fairs:errors.chatLimit", undefined, 409);
    const pick = pickEntryId ? sql`and id = ${requireUuid(pickEntryId)}` : sql``;
    const [next] = await queryRows<{ id: string; veteran_profile_id: string }>(
      tx,
      sql`select id, veteran_profile_id from fair_queue_entries
          where booth_id = ${booth.id} and status = 'waiting' ${pick}
          order by sort_key, ticket limit 1 for update skip locked`,
    );
    if (!next) return { status: "empty" } as const;
    await tx
      .update(fairQueueEntries)
      .set({ status: "called", calledAt: now, callExpiresAt: new Date(now.getTime() + CALL_SECONDS * 1000), calledByUserId: actor.id })
      .where(eq(fairQueueEntries.id, next.id));
    await tx
      .update(fairRepresentatives)
      .set({ status: "busy", statusChangedAt: now })
      .where(and(eq(fairRepresentatives.boothId, booth.id), eq(fairRepresentatives.userId, actor.id), eq(fairRepresentatives.status, "available")));
    const [p] = await tx.select({ userId: veteranProfiles.userId }).from(veteranProfiles).where(eq(veteranProfiles.id, next.veteran_profile_id));
    if (!p?.userId) {
      // a walk-in registered by staff has no account to answer with: they stand at the booth, the chat opens at once
      const chat = await openChat(tx, { id: next.id, fairId: fair.id, boothId: booth.id, veteranProfileId: next.veteran_profile_id }, actor.id, [], now);
      return { status: "called", entryId: next.id, veteranProfileId: next.veteran_profile_id, chatId: chat.id } as const;
    }
    await emitFairEvent(tx, fair.id, `user:${p.userId}`, "call", { entryId: next.id, boothId: booth.id, seconds: CALL_SECONDS });
    await emitFairEvent(tx, fair.id, "lobby", "queue", { boothId: booth.id });
    return { status: "called", entryId: next.id, veteranProfileId: next.veteran_profile_id, chatId: null } as const;
  });
}

/** The veteran answers a call within 60 s: the chat opens with the representative who called. */
export async function answerCall(db: Db, actor: Actor, entryId: string, now = new Date()) {
  const profile = await veteranProfileFor(db, actor);
  return db.transaction(async (t) => {
    const tx = tx$(t);
    const [e] = await tx
      .select()
      .from(fairQueueEntries)
      .where(and(eq(fairQueueEntries.id, requireUuid(entryId)), eq(fairQueueEntries.veteranProfileId, profile.id)))
      .for("update");
    if (!e) throw new NotFoundError();
    if (e.status !== "called" || !e.callExpiresAt || e.callExpiresAt < now) throw new DomainError("fairs:errors.callExpired", undefined, 409);
    const [fair] = await tx.select().from(jobFairs).where(eq(jobFairs.id, e.fairId));
    requireOpen(fair!, now);
    return openChat(tx, e, e.calledByUserId, [actor.id], now);
  });
}

/** The queue place becomes a chat with the representative; the people named and the rep are told, the lobby too. */
async function openChat(
  tx: Db,
  entry: { id: string; fairId: string; boothId: string; veteranProfileId: string },
  repUserId: string | null,
  tell: string[],
  now: Date,
) {
  await tx.update(fairQueueEntries).set({ status: "in_chat" }).where(eq(fairQueueEntries.id, entry.id));
  const [chat] = await tx
    .insert(fairChats)
    .values({ fairId: entry.fairId, boothId: entry.boothId, queueEntryId: entry.id, veteranProfileId: entry.veteranProfileId, repUserId, startedAt: now })
    .returning();
  await tx.insert(fairMessages).values({ chatId: chat!.id, senderRole: "system", body: "chatStarted" });
  for (const u of new Set([...tell, ...(repUserId ? [repUserId] : [])])) await emitFairEvent(tx, entry.fairId, `user:${u}`, "chat", { chatId: chat!.id });
  await emitFairEvent(tx, entry.fairId, "lobby", "queue", { boothId: entry.boothId });
  return chat!;
}

// ---------------------------------------------------------------- chats

type Role = "veteran" | "rep" | "staff" | "host";

/** Who the actor is in this chat; ForbiddenError for anyone else (a rep of another booth, another veteran). */
async function chatAccess(db: Db, actor: Actor, chatId: string) {
  const id = requireUuid(chatId);
  const [row] = await db
    .select({ chat: fairChats, fair: jobFairs, booth: fairBooths, profileUserId: veteranProfiles.userId })
    .from(fairChats)
    .innerJoin(jobFairs, eq(jobFairs.id, fairChats.fairId))
    .innerJoin(fairBooths, eq(fairBooths.id, fairChats.boothId))
    .innerJoin(veteranProfiles, eq(veteranProfiles.id, fairChats.veteranProfileId))
    .where(eq(fairChats.id, id));
  if (!row) throw new NotFoundError();
  let role: Role | null = null;
  if (row.profileUserId === actor.id) role = "veteran";
  else if (await isRepresentative(db, actor.id, row.booth.id)) role = "rep";
  else if (row.chat.sitInUserId === actor.id) role = "staff";
  else if (await canManageFair(db, actor, row.fair)) role = "host";
  if (!role) throw new ForbiddenError();
  return { ...row, role };
}

const PHONE = /(?<!\d)(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/g;

/** Control characters out, whitespace trimmed, at most MESSAGE_MAX characters. */
export function sanitizeMessage(body: string): string {
  // eslint-disable-next-line no-control-regex
  return body.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E]/g, "").trim();
}

/** Mainland mobile numbers masked (138****5678): employers' messages before the veteran agreed to share contact. */
export function maskPhones(body: string): string {
  return body.replace(PHONE, (_m, a: string, _b: string, c: string) => `${a}****${c}`);
}

export async function sendMessage(db: Db, actor: Actor, chatId: string, text: string, now = new Date()) {
  const { chat, fair, role } = await chatAccess(db, actor, chatId);
  if (role === "host") throw new ForbiddenError();
  if (chat.status !== "open") throw new ForbiddenError("fairs:errors.chatClosed");
  requireOpen(fair, now);
  let body = sanitizeMessage(text);
  if (!body) throw new DomainError("fairs:errors.emptyMessage", "body");
  if (body.length > MESSAGE_MAX) throw new DomainError("fairs:errors.messageTooLong", "body");
  if (role === "rep" && !chat.contactSharedAt) body = maskPhones(body);
  return db.transaction(async (t) => {
    const tx = tx$(t);
    const [{ n }] = await tx
      .select({ n: count() })
      .from(fairMessages)
      .where(
        and(
          eq(fairMessages.chatId, chat.id),
          eq(fairMessages.senderUserId, actor.id),
          gt(fairMessages.createdAt, new Date(now.getTime() - MESSAGE_RATE.windowSeconds * 1000)),
        ),
      );
    if (Number(n) >= MESSAGE_RATE.limit) throw new DomainError("fairs:errors.slowDown", "body", 429);
    const [m] = await tx
      .insert(fairMessages)
      .values({ chatId: chat.id, senderUserId: actor.id, senderRole: role, body, createdAt: now })
      .returning();
    await notifyChat(tx, chat, "message", { chatId: chat.id, messageId: m!.id });
    return m!;
  });
}

async function notifyChat(tx: Db, chat: typeof fairChats.$inferSelect, kind: string, payload: Record<string, unknown>) {
  const [p] = await tx.select({ userId: veteranProfiles.userId }).from(veteranProfiles).where(eq(veteranProfiles.id, chat.veteranProfileId));
  const targets = new Set([p?.userId, chat.repUserId, chat.sitInUserId].filter((u): u is string => Boolean(u)));
  for (const u of targets) await emitFairEvent(tx, chat.fairId, `user:${u}`, kind, payload);
}

/** A chat with its messages, for a participant (hosts read with an audit row). */
export async function getChat(db: Db, actor: Actor, chatId: string, now = new Date()) {
  const access = await chatAccess(db, actor, chatId);
  if (access.role === "host") await recordAudit(db, actor, "fair.chat.read", access.chat.id);
  const { chat, booth, fair } = access;
  const messages = await db
    .select({
      id: fairMessages.id,
      senderRole: fairMessages.senderRole,
      senderUserId: fairMessages.senderUserId,
      body: fairMessages.body,
      reportedAt: fairMessages.reportedAt,
      removedAt: fairMessages.removedAt,
      createdAt: fairMessages.createdAt,
    })
    .from(fairMessages)
    .where(eq(fairMessages.chatId, chat.id))
    .orderBy(asc(fairMessages.id))
    .limit(500);
  const [org] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, booth.organizationId));
  const [vet] = await db
    .select({ fullName: veteranProfiles.fullName, phone: veteranProfiles.phone, skills: veteranProfiles.skills, specialty: veteranProfiles.specialty, branch: veteranProfiles.branch, yearsServed: veteranProfiles.yearsServed })
    .from(veteranProfiles)
    .where(eq(veteranProfiles.id, chat.veteranProfileId));
  const people = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(inArray(users.id, [chat.repUserId, chat.sitInUserId].filter((u): u is string => Boolean(u)).concat([actor.id])));
  const nameOf = (id: string | null) => people.find((p) => p.id === id)?.displayName ?? null;
  const postings = booth.postingIds.length
    ? await db.select({ id: jobPostings.id, title: jobPostings.title }).from(jobPostings).where(inArray(jobPostings.id, booth.postingIds))
    : [];
  const colleagues =
    access.role === "rep"
      ? await db
          .select({ userId: fairRepresentatives.userId, displayName: users.displayName })
          .from(fairRepresentatives)
          .innerJoin(users, eq(users.id, fairRepresentatives.userId))
          .where(and(eq(fairRepresentatives.boothId, booth.id), ne(fairRepresentatives.userId, actor.id)))
      : [];
  const shared = Boolean(chat.contactSharedAt);
  const veteranView = access.role !== "rep" || shared;
  return {
    chat: { id: chat.id, status: chat.status, outcome: chat.outcome, notes: access.role === "rep" || access.role === "host" ? chat.notes : "", contactShared: shared, applicationId: chat.applicationId, startedAt: chat.startedAt },
    fair: { id: fair.id, title: fair.title, open: isFairOpen(fair, now) },
    boothId: booth.id,
    role: access.role,
    me: actor.id,
    orgName: org?.name ?? "",
    meetingUrl: booth.meetingUrl,
    repName: nameOf(chat.repUserId),
    sitInName: nameOf(chat.sitInUserId),
    helpRequested: messages.some((m) => m.senderRole === "system" && m.body === "helpRequested"),
    veteran: {
      name: veteranView ? (vet?.fullName ?? "") : maskName(vet?.fullName ?? ""),
      phone: shared && access.role !== "veteran" ? (vet?.phone ?? null) : null,
      skills: vet?.skills ?? [],
      specialty: vet?.specialty ?? null,
      branch: vet?.branch ?? null,
      yearsServed: vet?.yearsServed ?? null,
    },
    postings,
    colleagues,
    messages: messages.map((m) => ({ ...m, body: m.removedAt ? "" : m.body, mine: m.senderUserId === actor.id })),
  };
}

/** The veteran applies to one of the booth's postings from the chat with their profile in one click; contact is shared. */
export async function applyFromChat(db: Db, actor: Actor, chatId: string, postingId: string, options: { publicUrl: string }) {
  const { chat, booth, role } = await chatAccess(db, actor, chatId);
  if (role !== "veteran") throw new ForbiddenError();
  const pid = requireUuid(postingId);
  if (!booth.postingIds.includes(pid)) throw new NotFoundError();
  let applicationId: string;
  try {
    applicationId = (await applyToJob(db, actor, { jobPostingId: pid, coverNote: "", cv: null }, { publicUrl: options.publicUrl })).id;
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== "applications:errors.alreadyApplied") throw error;
    const [active] = await db
      .select({ id: applications.id })
      .from(applications)
      .where(and(eq(applications.jobPostingId, pid), eq(applications.veteranProfileId, chat.veteranProfileId), inArray(applications.status, ["applied", "viewed", "interview", "offer"])));
    applicationId = active!.id;
  }
  await db.transaction(async (t) => {
    const tx = tx$(t);
    await tx
      .update(fairChats)
      .set({ applicationId, contactSharedAt: sql`coalesce(${fairChats.contactSharedAt}, now())` })
      .where(eq(fairChats.id, chat.id));
    await tx.insert(fairMessages).values({ chatId: chat.id, senderRole: "system", body: "applied" });
    await notifyChat(tx, chat, "message", { chatId: chat.id });
  });
  return applicationId;
}

/** The veteran asks for a service-station staff member to sit in (hosts' dashboards list the request). */
export async function requestHelp(db: Db, actor: Actor, chatId: string) {
  const { chat, role } = await chatAccess(db, actor, chatId);
  if (role !== "veteran") throw new ForbiddenError();
  if (chat.status !== "open") throw new ForbiddenError("fairs:errors.chatClosed");
  await db.transaction(async (t) => {
    const tx = tx$(t);
    await tx.insert(fairMessages).values({ chatId: chat.id, senderRole: "system", body: "helpRequested" });
    await notifyChat(tx, chat, "message", { chatId: chat.id });
    await emitFairEvent(tx, chat.fairId, "lobby", "help", { chatId: chat.id });
  });
}

/** Staff sit in on a chat whose veteran asked for help: visible to both (a system line) and audited. */
export async function sitIn(db: Db, actor: Actor, chatId: string) {
  if (actor.role !== "staff" && actor.role !== "admin") throw new ForbiddenError();
  const { chat } = await chatAccess(db, actor, chatId);
  if (chat.status !== "open") throw new ForbiddenError("fairs:errors.chatClosed");
  const [asked] = await db
    .select({ id: fairMessages.id })
    .from(fairMessages)
    .where(and(eq(fairMessages.chatId, chat.id), eq(fairMessages.senderRole, "system"), eq(fairMessages.body, "helpRequested")))
    .limit(1);
  if (!asked) throw new DomainError("fairs:errors.helpNotRequested", undefined, 409);
  await db.transaction(async (t) => {
    const tx = tx$(t);
    await tx.update(fairChats).set({ sitInUserId: actor.id }).where(eq(fairChats.id, chat.id));
    await tx.insert(fairMessages).values({ chatId: chat.id, senderRole: "system", body: "staffJoined" });
    await recordAudit(tx, actor, "fair.chat.assist", chat.id);
    await notifyChat(tx, { ...chat, sitInUserId: actor.id }, "message", { chatId: chat.id });
  });
}

/** Open chats of a fair whose veteran asked for help and no staff member sits in yet. */
export async function helpRequests(db: Db, fairId: string) {
  return db
    .select({ chatId: fairChats.id, orgName: organizations.name, startedAt: fairChats.startedAt })
    .from(fairChats)
    .innerJoin(fairBooths, eq(fairBooths.id, fairChats.boothId))
    .innerJoin(organizations, eq(organizations.id, fairBooths.organizationId))
    .where(
      and(
        eq(fairChats.fairId, fairId),
        eq(fairChats.status, "open"),
        sql`${fairChats.sitInUserId} is null`,
        sql`exists (select 1 from fair_messages m where m.chat_id = ${fairChats.id} and m.sender_role = 'system' and m.body = 'helpRequested')`,
      ),
    )
    .orderBy(asc(fairChats.startedAt));
}

export { OUTCOMES, type Outcome };

export const FOLLOW_UP_DAYS = 30;

/**
 * The representative ends a chat with an outcome and notes. An offer or a signing names one of the booth's postings
 * and is written back to the veteran's file as an application (status offer, or hired for a signing) with its
 * timeline, and the service station gets a "still employed?" follow-up 30 days later.
 */
export async function closeChat(db: Db, actor: Actor, chatId: string, outcome: Outcome, notes: string, options: { postingId?: string | null; now?: Date } = {}) {
  const { chat, booth, fair, role } = await chatAccess(db, actor, chatId);
  if (role !== "rep") throw new ForbiddenError();
  if (chat.status !== "open") throw new ForbiddenError("fairs:errors.chatClosed");
  const placing = outcome === "offer" || outcome === "signed";
  let postingId: string | null = null;
  if (placing) {
    postingId = options.postingId ? requireUuid(options.postingId) : (booth.postingIds[0] ?? null);
    if (!postingId || !booth.postingIds.includes(postingId)) throw new DomainError("fairs:errors.postingRequired", "postingId");
  }
  const now = options.now ?? new Date();
  await db.transaction(async (t) => {
    const tx = tx$(t);
    const [closed] = await tx
      .update(fairChats)
      .set({ status: "closed", outcome, notes: notes.slice(0, 4000), endedAt: now })
      .where(and(eq(fairChats.id, chat.id), eq(fairChats.status, "open")))
      .returning({ id: fairChats.id });
    if (!closed) throw new ForbiddenError("fairs:errors.chatClosed");
    if (chat.queueEntryId) await tx.update(fairQueueEntries).set({ status: "done", endedAt: now }).where(eq(fairQueueEntries.id, chat.queueEntryId));
    if (placing && postingId) {
      const applicationId = await writeBackOutcome(tx, actor, { chat, fairTitle: fair.title, postingId, status: outcome === "signed" ? "hired" : "offer", now });
      await tx.update(fairChats).set({ applicationId }).where(eq(fairChats.id, chat.id));
      // A signing is a placement: the veteran's station asks again at 1, 3 and 6 months.
      if (outcome === "signed") await scheduleFollowUps(tx, { source: "fair_signing", veteranProfileId: chat.veteranProfileId, applicationId, placedAt: now });
      await tx.insert(fairFollowUps).values({
        fairId: fair.id,
        chatId: chat.id,
        veteranProfileId: chat.veteranProfileId,
        organizationId: fair.organizerId,
        dueAt: new Date(now.getTime() + FOLLOW_UP_DAYS * 24 * 3600_000),
      });
    }
    await tx.insert(fairMessages).values({ chatId: chat.id, senderRole: "system", body: "chatClosed" });
    await notifyChat(tx, chat, "chatClosed", { chatId: chat.id });
    await emitFairEvent(tx, chat.fairId, "lobby", "queue", { boothId: chat.boothId });
    await emitFairEvent(tx, chat.fairId, "lobby", "outcome", { boothId: chat.boothId, outcome });
  });
}

/**
 * The application in the veteran's file for a fair offer or signing: the chat's (or the veteran's active) application
 * to that posting moves on, or a new one is made, with one timeline event per step and the fair named in the note.
 */
async function writeBackOutcome(
  tx: Db,
  actor: Actor,
  input: { chat: typeof fairChats.$inferSelect; fairTitle: string; postingId: string; status: "offer" | "hired"; now: Date },
): Promise<string> {
  const { chat, postingId, status, now } = input;
  const note = input.fairTitle.slice(0, 500);
  const order = ["applied", "viewed", "interview", "offer", "hired"] as const;
  const [existing] = await tx
    .select({ id: applications.id, status: applications.status })
    .from(applications)
    .where(
      and(
        eq(applications.jobPostingId, postingId),
        eq(applications.veteranProfileId, chat.veteranProfileId),
        inArray(applications.status, ["applied", "viewed", "interview", "offer"]),
      ),
    )
    .orderBy(desc(applications.createdAt))
    .limit(1);
  let id: string;
  let from: number;
  if (existing) {
    id = existing.id;
    from = order.indexOf(existing.status as (typeof order)[number]);
    await tx.update(applications).set({ status, updatedAt: now, firstResponseAt: sql`coalesce(${applications.firstResponseAt}, ${now.toISOString()}::timestamptz)` }).where(eq(applications.id, id));
  } else {
    const [row] = await tx
      .insert(applications)
      .values({ jobPostingId: postingId, veteranProfileId: chat.veteranProfileId, status, coverNote: note, firstResponseAt: now, createdAt: now, updatedAt: now })
      .returning({ id: applications.id });
    id = row!.id;
    from = -1;
    await tx.insert(applicationEvents).values({ applicationId: id, status: "applied", actorUserId: actor.id, note, createdAt: now });
    from = 0;
  }
  const to = order.indexOf(status);
  for (let i = Math.max(from + 1, order.indexOf("offer")); i <= to; i++) {
    await tx.insert(applicationEvents).values({ applicationId: id, status: order[i]!, actorUserId: actor.id, note: i === to ? note : null, createdAt: now });
  }
  return id;
}

/** Hand an open chat to another representative of the same booth. */
export async function handOffChat(db: Db, actor: Actor, chatId: string, toUserId: string) {
  const { chat, role } = await chatAccess(db, actor, chatId);
  if (role !== "rep" || chat.status !== "open") throw new ForbiddenError();
  const target = requireUuid(toUserId);
  if (!(await isRepresentative(db, target, chat.boothId))) throw new DomainError("fairs:errors.notRepresentative");
  await db.transaction(async (t) => {
    const tx = tx$(t);
    await tx.update(fairChats).set({ repUserId: target }).where(eq(fairChats.id, chat.id));
    await tx.insert(fairMessages).values({ chatId: chat.id, senderRole: "system", body: "handedOff" });
    await notifyChat(tx, { ...chat, repUserId: target }, "chat", { chatId: chat.id });
    await emitFairEvent(tx, chat.fairId, `user:${actor.id}`, "chatClosed", { chatId: chat.id });
  });
}

/** The veteran agrees to share contact details with the booth (phone numbers are no longer masked). */
export async function shareContact(db: Db, actor: Actor, chatId: string) {
  const { chat, role } = await chatAccess(db, actor, chatId);
  if (role !== "veteran") throw new ForbiddenError();
  await db.transaction(async (t) => {
    const tx = tx$(t);
    await tx.update(fairChats).set({ contactSharedAt: new Date() }).where(and(eq(fairChats.id, chat.id), sql`${fairChats.contactSharedAt} is null`));
    await notifyChat(tx, chat, "chat", { chatId: chat.id });
  });
}

// ---------------------------------------------------------------- the representative's console

function maskName(name: string): string {
  return name ? `${[...name][0]}**` : "**";
}

export async function getConsole(db: Db, actor: Actor, boothId: string, now = new Date()) {
  const { fair, booth } = await requireRep(db, actor, boothId);
  await expireCalls(db, booth.id, now);
  const [org] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, booth.organizationId));
  const queue = await db
    .select({
      id: fairQueueEntries.id,
      ticket: fairQueueEntries.ticket,
      status: fairQueueEntries.status,
      source: fairQueueEntries.source,
      joinedAt: fairQueueEntries.joinedAt,
      fullName: veteranProfiles.fullName,
      skills: veteranProfiles.skills,
      branch: veteranProfiles.branch,
      yearsServed: veteranProfiles.yearsServed,
      specialty: veteranProfiles.specialty,
    })
    .from(fairQueueEntries)
    .innerJoin(veteranProfiles, eq(veteranProfiles.id, fairQueueEntries.veteranProfileId))
    .where(and(eq(fairQueueEntries.boothId, booth.id), inArray(fairQueueEntries.status, ["waiting", "called"])))
    .orderBy(asc(fairQueueEntries.sortKey), asc(fairQueueEntries.ticket))
    .limit(200);
  const chats = await db
    .select({ id: fairChats.id, fullName: veteranProfiles.fullName, contactSharedAt: fairChats.contactSharedAt, startedAt: fairChats.startedAt })
    .from(fairChats)
    .innerJoin(veteranProfiles, eq(veteranProfiles.id, fairChats.veteranProfileId))
    .where(and(eq(fairChats.boothId, booth.id), eq(fairChats.repUserId, actor.id), eq(fairChats.status, "open")))
    .orderBy(asc(fairChats.startedAt));
  const reps = await db
    .select({ userId: fairRepresentatives.userId, status: fairRepresentatives.status, displayName: users.displayName })
    .from(fairRepresentatives)
    .innerJoin(users, eq(users.id, fairRepresentatives.userId))
    .where(eq(fairRepresentatives.boothId, booth.id));
  const slots = await db
    .select({ id: fairSlots.id, startsAt: fairSlots.startsAt, endsAt: fairSlots.endsAt, bookedBy: veteranProfiles.fullName })
    .from(fairSlots)
    .leftJoin(veteranProfiles, eq(veteranProfiles.id, fairSlots.bookedByProfileId))
    .where(eq(fairSlots.boothId, booth.id))
    .orderBy(asc(fairSlots.startsAt))
    .limit(200);
  return {
    fair: { id: fair.id, title: fair.title, open: isFairOpen(fair, now), startsAt: fair.startsAt, endsAt: fair.endsAt, slotMinutes: fair.slotMinutes },
    booth: { id: booth.id, orgName: org?.name ?? "" },
    slots: slots.map((s) => ({ ...s, bookedBy: s.bookedBy === null ? null : maskName(s.bookedBy) })),
    me: reps.find((r) => r.userId === actor.id)!,
    reps,
    queue: queue.map((q) => ({ ...q, fullName: maskName(q.fullName) })),
    chats: chats.map((c) => ({ ...c, fullName: c.contactSharedAt ? c.fullName : maskName(c.fullName) })),
  };
}

// ---------------------------------------------------------------- the veteran's side

export interface MyQueueEntry {
  id: string;
  boothId: string;
  orgName: string;
  status: string;
  position: number;
  waitMinutes: number | null;
  callExpiresAt: Date | null;
}

export async function getMyFairState(db: Db, actor: Actor, fairId: string, now = new Date()) {
  if (actor.role !== "veteran") return null;
  const [profile] = await db.select().from(veteranProfiles).where(eq(veteranProfiles.userId, actor.id));
  if (!profile) {
    const none = { entries: [] as MyQueueEntry[], chats: [] as { id: string; status: string; orgName: string; boothId: string }[], slots: [] as { id: string; startsAt: Date; endsAt: Date; orgName: string }[] };
    return { profile: null, registration: null, ...none };
  }
  const registration = await registrationOf(db, fairId, profile.id);
  const entries = await db
    .select({ entry: fairQueueEntries, orgName: organizations.name })
    .from(fairQueueEntries)
    .innerJoin(fairBooths, eq(fairBooths.id, fairQueueEntries.boothId))
    .innerJoin(organizations, eq(organizations.id, fairBooths.organizationId))
    .where(and(eq(fairQueueEntries.fairId, fairId), eq(fairQueueEntries.veteranProfileId, profile.id), inArray(fairQueueEntries.status, [...ACTIVE])));
  const withPositions: MyQueueEntry[] = [];
  for (const { entry, orgName } of entries) {
    const position = await positionOf(db, entry);
    const [reps] = await queryRows<{ online: number }>(
      db,
      sql`select count(*)::int as online from fair_representatives where booth_id = ${entry.boothId} and status <> 'away'`,
    );
    withPositions.push({
      id: entry.id,
      boothId: entry.boothId,
      orgName,
      status: entry.status,
      position,
      waitMinutes: waitEstimate(position, Number(reps?.online ?? 0)),
      callExpiresAt: entry.status === "called" && entry.callExpiresAt && entry.callExpiresAt > now ? entry.callExpiresAt : null,
    });
  }
  const chats = await db
    .select({ id: fairChats.id, status: fairChats.status, orgName: organizations.name, boothId: fairChats.boothId })
    .from(fairChats)
    .innerJoin(fairBooths, eq(fairBooths.id, fairChats.boothId))
    .innerJoin(organizations, eq(organizations.id, fairBooths.organizationId))
    .where(and(eq(fairChats.fairId, fairId), eq(fairChats.veteranProfileId, profile.id)))
    .orderBy(desc(fairChats.startedAt))
    .limit(10);
  const slots = await db
    .select({ id: fairSlots.id, startsAt: fairSlots.startsAt, endsAt: fairSlots.endsAt, orgName: organizations.name })
    .from(fairSlots)
    .innerJoin(fairBooths, eq(fairBooths.id, fairSlots.boothId))
    .innerJoin(organizations, eq(organizations.id, fairBooths.organizationId))
    .where(and(eq(fairBooths.fairId, fairId), eq(fairSlots.bookedByProfileId, profile.id)))
    .orderBy(asc(fairSlots.startsAt));
  return { profile, registration, entries: withPositions, chats, slots };
}

// ---------------------------------------------------------------- interview slots

/**
 * Book a free slot: the slot's conditional update (still free) decides between two veterans; the veteran's
 * profile lock and an overlap check keep one veteran from holding two slots at the same time.
 */
export async function bookSlot(db: Db, actor: Actor, slotId: string, now = new Date()) {
  const profile = await veteranProfileFor(db, actor);
  const id = requireUuid(slotId);
  return db.transaction(async (t) => {
    const tx = tx$(t);
    await tx.select({ id: veteranProfiles.id }).from(veteranProfiles).where(eq(veteranProfiles.id, profile.id)).for("update");
    const [row] = await tx.select({ slot: fairSlots, booth: fairBooths, fair: jobFairs }).from(fairSlots).innerJoin(fairBooths, eq(fairBooths.id, fairSlots.boothId)).innerJoin(jobFairs, eq(jobFairs.id, fairBooths.fairId)).where(eq(fairSlots.id, id));
    if (!row) throw new NotFoundError();
    if (row.fair.status !== "published" || row.slot.startsAt <= now) throw new DomainError("fairs:errors.slotUnavailable", undefined, 409);
    const reg = await registrationOf(tx, row.fair.id, profile.id);
    if (reg?.barredAt) throw new ForbiddenError("fairs:errors.barred");
    if (!reg) {
      checkEligibility(row.fair, profile, false);
      await tx.insert(fairRegistrations).values({ fairId: row.fair.id, veteranProfileId: profile.id }).onConflictDoNothing();
    }
    if (row.slot.bookedByProfileId === profile.id) return row.slot;
    const [clash] = await tx
      .select({ id: fairSlots.id })
      .from(fairSlots)
      .where(and(eq(fairSlots.bookedByProfileId, profile.id), lt(fairSlots.startsAt, row.slot.endsAt), gt(fairSlots.endsAt, row.slot.startsAt), ne(fairSlots.id, id)));
    if (clash) throw new DomainError("fairs:errors.slotClash", undefined, 409);
    const [booked] = await tx
      .update(fairSlots)
      .set({ bookedByProfileId: profile.id, bookedAt: now })
      .where(and(eq(fairSlots.id, id), sql`${fairSlots.bookedByProfileId} is null`))
      .returning();
    if (!booked) throw new DomainError("fairs:errors.slotTaken", undefined, 409);
    await emitFairEvent(tx, row.fair.id, "lobby", "slots", { boothId: row.booth.id });
    return booked;
  });
}

export async function cancelSlot(db: Db, actor: Actor, slotId: string) {
  const profile = await veteranProfileFor(db, actor);
  await db
    .update(fairSlots)
    .set({ bookedByProfileId: null, bookedAt: null })
    .where(and(eq(fairSlots.id, requireUuid(slotId)), eq(fairSlots.bookedByProfileId, profile.id)));
}

export async function freeSlots(db: Db, boothId: string, now = new Date()) {
  return db
    .select({ id: fairSlots.id, startsAt: fairSlots.startsAt, endsAt: fairSlots.endsAt })
    .from(fairSlots)
    .where(and(eq(fairSlots.boothId, boothId), sql`${fairSlots.bookedByProfileId} is null`, gt(fairSlots.startsAt, now)))
    .orderBy(asc(fairSlots.startsAt))
    .limit(50);
}

// ---------------------------------------------------------------- moderation

export async function reportMessage(db: Db, actor: Actor, messageId: number) {
  const [m] = await db.select().from(fairMessages).where(eq(fairMessages.id, messageId));
  if (!m) throw new NotFoundError();
  await chatAccess(db, actor, m.chatId);
  await db.update(fairMessages).set({ reportedAt: new Date() }).where(eq(fairMessages.id, messageId));
}

export async function removeMessage(db: Db, actor: Actor, messageId: number) {
  const [m] = await db.select().from(fairMessages).where(eq(fairMessages.id, messageId));
  if (!m) throw new NotFoundError();
  const { role, chat } = await chatAccess(db, actor, m.chatId);
  if (role !== "host") throw new ForbiddenError();
  await db.transaction(async (t) => {
    const tx = tx$(t);
    await tx.update(fairMessages).set({ removedAt: new Date(), removedByUserId: actor.id }).where(eq(fairMessages.id, messageId));
    await recordAudit(tx, actor, "fair.message.remove", String(messageId));
    await notifyChat(tx, chat, "message", { chatId: chat.id });
  });
}

export async function barFromFair(db: Db, actor: Actor, fairId: string, veteranProfileId: string) {
  const [fair] = await db.select().from(jobFairs).where(eq(jobFairs.id, requireUuid(fairId)));
  if (!fair) throw new NotFoundError();
  if (!(await canManageFair(db, actor, fair))) throw new ForbiddenError("fairs:errors.notHost");
  const pid = requireUuid(veteranProfileId);
  await db.transaction(async (t) => {
    const tx = tx$(t);
    await tx.insert(fairRegistrations).values({ fairId: fair.id, veteranProfileId: pid, barredAt: new Date() }).onConflictDoUpdate({
      target: [fairRegistrations.fairId, fairRegistrations.veteranProfileId],
      set: { barredAt: new Date() },
    });
    await tx
      .update(fairQueueEntries)
      .set({ status: "left", endedAt: new Date() })
      .where(and(eq(fairQueueEntries.fairId, fair.id), eq(fairQueueEntries.veteranProfileId, pid), inArray(fairQueueEntries.status, ["waiting", "called"])));
    await tx.update(fairChats).set({ status: "closed", endedAt: new Date() }).where(and(eq(fairChats.fairId, fair.id), eq(fairChats.veteranProfileId, pid), eq(fairChats.status, "open")));
    await recordAudit(tx, actor, "fair.user.bar", fair.id, { veteranProfileId: pid });
  });
}

