import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  incubatorPackages,
  mentorBookings,
  mentors,
  mentorSlots,
  onboardingTasks,
  onboardingTemplateItems,
  payments,
  startupApplications,
  ventureMetrics,
  ventures,
} from "../../db/incubator-schema";
import { isUniqueViolation } from "./application.server";
import { assertOrganizationAccess, isMember, isStaff, requireUuid, type Actor } from "./authz.server";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";
import { storeIncubatorFile, withStoredFile, type IncomingFile } from "./incubator-files.server";
import { requirePark } from "./incubator-package.server";
import { mailFounder, mailPark, type MailContext } from "./incubator-notify.server";

/**
 * After acceptance: the onboarding checklist (copied from the park's template, each item owned by the founder or
 * the park, with a due date and evidence where asked), mentor office hours booked within the package's hours, and
 * the founder's monthly figures (revenue, jobs, veterans hired, funding) that the park follows and exports.
 */

// ---------------------------------------------------------------- who is who on an application

export async function applicationContext(db: Db, applicationId: string) {
  requireUuid(applicationId);
  const [row] = await db
    .select({
      id: startupApplications.id,
      status: startupApplications.status,
      startDate: startupApplications.startDate,
      organizationId: incubatorPackages.organizationId,
      packageId: incubatorPackages.id,
      mentoringHours: incubatorPackages.mentoringHours,
      ventureId: ventures.id,
      founderUserId: ventures.founderUserId,
    })
    .from(startupApplications)
    .innerJoin(incubatorPackages, eq(incubatorPackages.id, startupApplications.packageId))
    .innerJoin(ventures, eq(ventures.id, startupApplications.ventureId))
    .where(eq(startupApplications.id, applicationId));
  if (!row) throw new NotFoundError();
  return row;
}

export type ApplicationContext = Awaited<ReturnType<typeof applicationContext>>;

/** The founder of an accepted application (their own only), or NotFoundError. */
async function requireFounderOf(db: Db, actor: Actor, applicationId: string) {
  const app = await applicationContext(db, applicationId);
  if (app.founderUserId !== actor.id) throw new NotFoundError();
  if (app.status !== "accepted") throw new DomainError("incubator:errors.notAccepted", undefined, 409);
  return app;
}

/** Founder, park member or staff: who may read an application's checklist, bookings and figures. */
async function requireParty(db: Db, actor: Actor, applicationId: string) {
  const app = await applicationContext(db, applicationId);
  if (app.founderUserId === actor.id || isStaff(actor) || (await isMember(db, actor.id, app.organizationId))) return app;
  throw new NotFoundError();
}

// ---------------------------------------------------------------- the checklist template

/** What a park starts with when it has not written its own checklist (the park can change every item). */
export const DEFAULT_CHECKLIST: { title: string; owner: "founder" | "park"; dueDays: number; evidenceRequired: boolean }[] = [
  { title: "签订入园协议", owner: "founder", dueDays: 0, evidenceRequired: true },
  { title: "办理工商注册", owner: "founder", dueDays: 30, evidenceRequired: true },
  { title: "分配工位", owner: "park", dueDays: 0, evidenceRequired: false },
  { title: "指定创业导师", owner: "park", dueDays: 7, evidenceRequired: false },
  { title: "参加入园培训", owner: "founder", dueDays: 14, evidenceRequired: false },
  { title: "首月回访", owner: "park", dueDays: 30, evidenceRequired: false },
];

async function templateOf(db: Db, organizationId: string) {
  const rows = await db
    .select()
    .from(onboardingTemplateItems)
    .where(eq(onboardingTemplateItems.organizationId, organizationId))
    .orderBy(asc(onboardingTemplateItems.position), asc(onboardingTemplateItems.createdAt));
  if (rows.length) return rows;
  await db
    .insert(onboardingTemplateItems)
    .values(DEFAULT_CHECKLIST.map((item, position) => ({ ...item, organizationId, position })));
  return db
    .select()
    .from(onboardingTemplateItems)
    .where(eq(onboardingTemplateItems.organizationId, organizationId))
    .orderBy(asc(onboardingTemplateItems.position));
}

export async function listChecklistTemplate(db: Db, actor: Actor) {
  const park = await requirePark(db, actor);
  return templateOf(db, park.id);
}

export interface TemplateItemInput {
  title: string;
  owner: "founder" | "park";
  dueDays: number;
  evidenceRequired: boolean;
}

export async function addChecklistItem(db: Db, actor: Actor, input: TemplateItemInput) {
  const park = await requirePark(db, actor);
  const existing = await templateOf(db, park.id);
  const [row] = await db
    .insert(onboardingTemplateItems)
    .values({ ...input, organizationId: park.id, position: existing.length })
    .returning({ id: onboardingTemplateItems.id });
  return row!;
}

export async function removeChecklistItem(db: Db, actor: Actor, itemId: string) {
  requireUuid(itemId);
  const park = await requirePark(db, actor);
  const removed = await db
    .delete(onboardingTemplateItems)
    .where(and(eq(onboardingTemplateItems.id, itemId), eq(onboardingTemplateItems.organizationId, park.id)))
    .returning({ id: onboardingTemplateItems.id });
  if (!removed.length) throw new NotFoundError();
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Copy the park's checklist onto an accepted application (once: a second acceptance after a lapse keeps it). */
export async function openChecklist(tx: Db, applicationId: string, organizationId: string, startDate: string) {
  const [existing] = await tx.select({ id: onboardingTasks.id }).from(onboardingTasks).where(eq(onboardingTasks.applicationId, applicationId)).limit(1);
  if (existing) return 0;
  const items = await templateOf(tx, organizationId);
  await tx.insert(onboardingTasks).values(
    items.map((item, position) => ({
      applicationId,
      title: item.title,
      owner: item.owner,
      dueDate: addDays(startDate, item.dueDays),
      evidenceRequired: item.evidenceRequired,
      position,
    })),
  );
  return items.length;
}

// ---------------------------------------------------------------- the checklist

export async function getChecklist(db: Db, actor: Actor, applicationId: string) {
  const app = await requireParty(db, actor, applicationId);
  const tasks = await db
    .select()
    .from(onboardingTasks)
    .where(eq(onboardingTasks.applicationId, applicationId))
    .orderBy(asc(onboardingTasks.position));
  const isFounder = app.founderUserId === actor.id;
  return tasks.map((t) => ({
    id: t.id,
    title: t.title,
    owner: t.owner,
    dueDate: t.dueDate,
    evidenceRequired: t.evidenceRequired,
    evidenceName: t.evidenceName,
    hasEvidence: !!t.evidencePath,
    doneAt: t.doneAt,
    canComplete: !t.doneAt && (t.owner === "founder" ? isFounder : !isFounder),
  }));
}

/**
 * Tick off a checklist item: founder items by the founder, park items by a park member; evidence (PDF or a photo,
 * checked like a CV) is required where the item asks for it. Ticking twice changes nothing.
 */
export async function completeTask(db: Db, actor: Actor, taskId: string, evidence: IncomingFile | null, options: { dir?: string; now?: Date } = {}) {
  requireUuid(taskId);
  const [task] = await db.select().from(onboardingTasks).where(eq(onboardingTasks.id, taskId));
  if (!task) throw new NotFoundError();
  const app = await requireParty(db, actor, task.applicationId);
  const isFounder = app.founderUserId === actor.id;
  if (task.owner === "founder" ? !isFounder : isFounder) throw new ForbiddenError("incubator:errors.notYourTask");
  if (task.doneAt) return { changed: false };
  if (task.evidenceRequired && !evidence && !task.evidencePath) throw new DomainError("incubator:errors.evidenceRequired", "evidence");
  const stored = evidence ? await storeIncubatorFile(evidence, { field: "evidence", dir: options.dir }) : null;
  return withStoredFile(stored, options.dir, async () => {
    const updated = await db
      .update(onboardingTasks)
      .set({
        doneAt: options.now ?? new Date(),
        doneByUserId: actor.id,
        ...(stored ? { evidencePath: stored.path, evidenceName: stored.name } : {}),
      })
      .where(and(eq(onboardingTasks.id, taskId), isNull(onboardingTasks.doneAt)))
      .returning({ id: onboardingTasks.id });
    return { changed: updated.length > 0 };
  });
}

export async function getTaskEvidence(db: Db, actor: Actor, taskId: string) {
  requireUuid(taskId);
  const [task] = await db.select().from(onboardingTasks).where(eq(onboardingTasks.id, taskId));
  if (!task?.evidencePath) throw new NotFoundError();
  await requireParty(db, actor, task.applicationId);
  return { path: task.evidencePath, name: task.evidenceName ?? "evidence" };
}

/** The park's view of every accepted founder's progress at a glance. */
export async function parkOnboardingProgress(db: Db, actor: Actor, today = new Date().toISOString().slice(0, 10)) {
  const park = await requirePark(db, actor);
  const apps = await db
    .select({
      id: startupApplications.id,
      venture: ventures.name,
      package: incubatorPackages.title,
      startDate: startupApplications.startDate,
      total: sql<number>`(select count(*)::int from ${onboardingTasks} t where t.application_id = ${startupApplications.id})`,
      done: sql<number>`(select count(*)::int from ${onboardingTasks} t where t.application_id = ${startupApplications.id} and t.done_at is not null)`,
      overdue: sql<number>`(select count(*)::int from ${onboardingTasks} t where t.application_id = ${startupApplications.id} and t.done_at is null and t.due_date < ${today}::date)`,
      paid: sql<boolean>`exists (select 1 from ${payments} p where p.application_id = ${startupApplications.id} and p.status in ('paid', 'partially_refunded'))`,
    })
    .from(startupApplications)
    .innerJoin(incubatorPackages, eq(incubatorPackages.id, startupApplications.packageId))
    .innerJoin(ventures, eq(ventures.id, startupApplications.ventureId))
    .where(and(eq(incubatorPackages.organizationId, park.id), eq(startupApplications.status, "accepted")))
    .orderBy(asc(startupApplications.startDate), asc(ventures.name));
  return apps;
}

// ---------------------------------------------------------------- mentors and office hours

export interface MentorInput {
  name: string;
  title: string;
  expertise: string[];
  bio: string;
  email: string | null;
}

export async function addMentor(db: Db, actor: Actor, input: MentorInput) {
  const park = await requirePark(db, actor);
  const [row] = await db.insert(mentors).values({ ...input, organizationId: park.id }).returning({ id: mentors.id });
  return row!;
}

export async function addMentorSlot(db: Db, actor: Actor, mentorId: string, input: { startsAt: Date; minutes: number; place: string | null }, now = new Date()) {
  requireUuid(mentorId);
  const [mentor] = await db.select({ organizationId: mentors.organizationId }).from(mentors).where(eq(mentors.id, mentorId));
  if (!mentor) throw new NotFoundError();
  await assertOrganizationAccess(db, actor, mentor.organizationId);
  if (!(input.startsAt.getTime() > now.getTime())) throw new DomainError("incubator:errors.slotPast", "startsAt");
  if (!Number.isInteger(input.minutes) || input.minutes < 15 || input.minutes > 480) throw new DomainError("incubator:errors.slotMinutes", "minutes");
  try {
    // In its own (sub)transaction, so a duplicate does not abort a caller's transaction.
    return await db.transaction(async (t) => {
      const [row] = await (t as unknown as Db).insert(mentorSlots).values({ mentorId, ...input }).returning({ id: mentorSlots.id });
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error, "mentor_slots_unique")) throw new DomainError("incubator:errors.slotExists", "startsAt");
    throw error;
  }
}

/** A park's mentors with their coming slots (booked or not), for the park's mentoring page. */
export async function listParkMentors(db: Db, actor: Actor, now = new Date()) {
  const park = await requirePark(db, actor);
  const list = await db.select().from(mentors).where(eq(mentors.organizationId, park.id)).orderBy(asc(mentors.name));
  const slots = list.length
    ? await db
        .select({
          id: mentorSlots.id,
          mentorId: mentorSlots.mentorId,
          startsAt: mentorSlots.startsAt,
          minutes: mentorSlots.minutes,
          place: mentorSlots.place,
          bookingId: mentorBookings.id,
          venture: ventures.name,
          topic: mentorBookings.topic,
          note: mentorBookings.note,
        })
        .from(mentorSlots)
        .leftJoin(mentorBookings, and(eq(mentorBookings.slotId, mentorSlots.id), isNull(mentorBookings.cancelledAt)))
        .leftJoin(startupApplications, eq(startupApplications.id, mentorBookings.applicationId))
        .leftJoin(ventures, eq(ventures.id, startupApplications.ventureId))
        .where(and(inArray(mentorSlots.mentorId, list.map((m) => m.id)), eq(mentorSlots.cancelled, false), gt(mentorSlots.startsAt, new Date(now.getTime() - 30 * 86_400_000))))
        .orderBy(asc(mentorSlots.startsAt))
    : [];
  return list.map((m) => ({ ...m, slots: slots.filter((s) => s.mentorId === m.id) }));
}

async function minutesUsed(db: Db, applicationId: string): Promise<number> {
  const [row] = await db
    .select({ used: sql<number>`coalesce(sum(${mentorBookings.minutes}), 0)::int` })
    .from(mentorBookings)
    .where(and(eq(mentorBookings.applicationId, applicationId), isNull(mentorBookings.cancelledAt)));
  return row?.used ?? 0;
}

/** What a founder may book: open future slots of the park's mentors, and the package's minutes left. */
export async function mentoringForFounder(db: Db, actor: Actor, applicationId: string, now = new Date()) {
  const app = await requireParty(db, actor, applicationId);
  const used = await minutesUsed(db, applicationId);
  const open = await db
    .select({ id: mentorSlots.id, startsAt: mentorSlots.startsAt, minutes: mentorSlots.minutes, place: mentorSlots.place, mentor: mentors.name, mentorTitle: mentors.title })
    .from(mentorSlots)
    .innerJoin(mentors, eq(mentors.id, mentorSlots.mentorId))
    .leftJoin(mentorBookings, and(eq(mentorBookings.slotId, mentorSlots.id), isNull(mentorBookings.cancelledAt)))
    .where(
      and(
        eq(mentors.organizationId, app.organizationId),
        eq(mentors.active, true),
        eq(mentorSlots.cancelled, false),
        gt(mentorSlots.startsAt, now),
        isNull(mentorBookings.id),
      ),
    )
    .orderBy(asc(mentorSlots.startsAt))
    .limit(50);
  const booked = await db
    .select({ id: mentorBookings.id, startsAt: mentorSlots.startsAt, minutes: mentorBookings.minutes, mentor: mentors.name, topic: mentorBookings.topic, note: mentorBookings.note })
    .from(mentorBookings)
    .innerJoin(mentorSlots, eq(mentorSlots.id, mentorBookings.slotId))
    .innerJoin(mentors, eq(mentors.id, mentorSlots.mentorId))
    .where(and(eq(mentorBookings.applicationId, applicationId), isNull(mentorBookings.cancelledAt)))
    .orderBy(asc(mentorSlots.startsAt));
  const allowed = app.mentoringHours * 60;
  return { minutesAllowed: allowed, minutesLeft: Math.max(0, allowed - used), open, booked };
}

/**
 * A founder books a mentor's slot: never a slot someone else holds (the partial unique index decides under
 * concurrency), never past the package's hours (checked under the application's row lock, so two bookings at
 * once cannot both pass). Founder and park are mailed.
 */
export async function bookMentorSlot(db: Db, actor: Actor, applicationId: string, slotId: string, topic: string, mail: MailContext, now = new Date()) {
  requireUuid(slotId);
  const app = await requireFounderOf(db, actor, applicationId);
  try {
    return await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      await tx.select({ id: startupApplications.id }).from(startupApplications).where(eq(startupApplications.id, applicationId)).for("update");
      const [slot] = await tx
        .select({ id: mentorSlots.id, minutes: mentorSlots.minutes, startsAt: mentorSlots.startsAt, cancelled: mentorSlots.cancelled, organizationId: mentors.organizationId, mentor: mentors.name })
        .from(mentorSlots)
        .innerJoin(mentors, eq(mentors.id, mentorSlots.mentorId))
        .where(eq(mentorSlots.id, slotId));
      if (!slot || slot.organizationId !== app.organizationId || slot.cancelled) throw new NotFoundError();
      if (slot.startsAt.getTime() <= now.getTime()) throw new DomainError("incubator:errors.slotPast");
      const used = await minutesUsed(tx, applicationId);
      if (used + slot.minutes > app.mentoringHours * 60) throw new DomainError("incubator:errors.hoursExceeded", undefined, 409);
      const [booking] = await tx
        .insert(mentorBookings)
        .values({ slotId, applicationId, minutes: slot.minutes, topic })
        .returning({ id: mentorBookings.id });
      const note = `${slot.mentor} · ${slot.startsAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
      await mailFounder(tx, applicationId, "booking", mail, { note, key: booking!.id });
      await mailPark(tx, applicationId, "booking", mail, { note, key: booking!.id });
      return { id: booking!.id };
    });
  } catch (error) {
    if (isUniqueViolation(error, "mentor_bookings_live_slot")) throw new DomainError("incubator:errors.slotTaken", undefined, 409);
    throw error;
  }
}

export async function cancelBooking(db: Db, actor: Actor, bookingId: string, now = new Date()) {
  requireUuid(bookingId);
  const [booking] = await db.select().from(mentorBookings).where(eq(mentorBookings.id, bookingId));
  if (!booking) throw new NotFoundError();
  await requireParty(db, actor, booking.applicationId);
  await db.update(mentorBookings).set({ cancelledAt: now }).where(and(eq(mentorBookings.id, bookingId), isNull(mentorBookings.cancelledAt)));
}

/** The note after a session, written by the park (mentor or manager). */
export async function writeBookingNote(db: Db, actor: Actor, bookingId: string, note: string) {
  requireUuid(bookingId);
  const [booking] = await db.select().from(mentorBookings).where(eq(mentorBookings.id, bookingId));
  if (!booking) throw new NotFoundError();
  const app = await applicationContext(db, booking.applicationId);
  await assertOrganizationAccess(db, actor, app.organizationId);
  await db.update(mentorBookings).set({ note }).where(eq(mentorBookings.id, bookingId));
}

// ---------------------------------------------------------------- monthly founder figures

export interface MetricsInput {
  month: string;
  revenueFen: number;
  jobsCreated: number;
  veteransHired: number;
  fundingRaisedFen: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The founder reports (or corrects) a month's figures; never a future month, never negative, veterans ≤ jobs. */
export async function reportMetrics(db: Db, actor: Actor, applicationId: string, input: MetricsInput, now = new Date()) {
  const app = await requireFounderOf(db, actor, applicationId);
  if (!MONTH.test(input.month) || input.month > now.toISOString().slice(0, 7)) throw new DomainError("incubator:errors.month", "month");
  for (const v of [input.revenueFen, input.jobsCreated, input.veteransHired, input.fundingRaisedFen]) {
    if (!Number.isSafeInteger(v) || v < 0) throw new DomainError("incubator:errors.number");
  }
  if (input.veteransHired > input.jobsCreated) throw new DomainError("incubator:errors.veteransAboveJobs", "veteransHired");
  const { month, ...values } = input;
  await db
    .insert(ventureMetrics)
    .values({ ventureId: app.ventureId, month, ...values })
    .onConflictDoUpdate({ target: [ventureMetrics.ventureId, ventureMetrics.month], set: { ...values, updatedAt: now } });
}

export async function ventureMetricsOf(db: Db, actor: Actor, applicationId: string) {
  const app = await requireParty(db, actor, applicationId);
  return db.select().from(ventureMetrics).where(eq(ventureMetrics.ventureId, app.ventureId)).orderBy(asc(ventureMetrics.month));
}

export interface ParkMetricsRow {
  ventureId: string;
  venture: string;
  month: string;
  revenueFen: number;
  jobsCreated: number;
  veteransHired: number;
  fundingRaisedFen: number;
}

/**
 * Every accepted venture's monthly figures in the park, and the cohort's totals per month (the Torch-style
 * statistics: ventures, revenue, jobs created with veterans apart, funding raised).
 */
export async function parkMetrics(db: Db, actor: Actor) {
  const park = await requirePark(db, actor);
  const rows: ParkMetricsRow[] = await db
    .selectDistinct({
      ventureId: ventures.id,
      venture: ventures.name,
      month: ventureMetrics.month,
      revenueFen: ventureMetrics.revenueFen,
      jobsCreated: ventureMetrics.jobsCreated,
      veteransHired: ventureMetrics.veteransHired,
      fundingRaisedFen: ventureMetrics.fundingRaisedFen,
    })
    .from(ventureMetrics)
    .innerJoin(ventures, eq(ventures.id, ventureMetrics.ventureId))
    .innerJoin(startupApplications, eq(startupApplications.ventureId, ventures.id))
    .innerJoin(incubatorPackages, eq(incubatorPackages.id, startupApplications.packageId))
    .where(and(eq(incubatorPackages.organizationId, park.id), eq(startupApplications.status, "accepted")))
    .orderBy(asc(ventureMetrics.month), asc(ventures.name));
  const cohort = new Map<string, { month: string; ventures: number; revenueFen: number; jobsCreated: number; veteransHired: number; fundingRaisedFen: number }>();
  for (const r of rows) {
    const c = cohort.get(r.month) ?? { month: r.month, ventures: 0, revenueFen: 0, jobsCreated: 0, veteransHired: 0, fundingRaisedFen: 0 };
    c.ventures += 1;
    c.revenueFen += r.revenueFen;
    c.jobsCreated += r.jobsCreated;
    c.veteransHired += r.veteransHired;
    c.fundingRaisedFen += r.fundingRaisedFen;
    cohort.set(r.month, c);
  }
  return { park, rows, cohort: [...cohort.values()] };
}

/** Fen as a plain decimal yuan string ("1234.50"), exact (no floating point). */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

function csvCell(value: string | number): string {
  const text = String(value);
  // A cell that a spreadsheet would read as a formula is quoted with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === "string" ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The park's figures as CSV (UTF-8 with BOM so Excel reads Chinese), headers in the reader's language. */
export function metricsCsv(rows: ParkMetricsRow[], headers: [string, string, string, string, string, string]): string {
  const lines = [headers.map(csvCell).join(",")];
  for (const r of rows) {
    lines.push([r.venture, r.month, fenToYuanText(r.revenueFen), r.jobsCreated, r.veteransHired, fenToYuanText(r.fundingRaisedFen)].map(csvCell).join(","));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
