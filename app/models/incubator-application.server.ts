import { and, asc, desc, eq, inArray, lte, notExists, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  applicationReviewers,
  applicationScores,
  capacityHolds,
  incubatorPackages,
  payments,
  rubricCriteria,
  startupApplicationEvents,
  startupApplications,
  ventures,
} from "../../db/incubator-schema";
import { enqueueSearchSync } from "../../search/sync";
import { assertOrganizationAccess, isMember, isStaff, requireUuid, type Actor } from "./authz.server";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";
import { normaliseScores, weightedTotal, type ReviewerTotal } from "./incubator-review";
import { storeIncubatorFile, withStoredFile, type IncomingFile } from "./incubator-files.server";
import { mailFounder, mailPark, type MailContext } from "./incubator-notify.server";
import { applicationContext, openChecklist } from "./incubator-onboarding.server";
import { memberships, organizations, users, veteranProfiles } from "../../db/schema";
import { scheduleFollowUps } from "./follow-ups.server";
import { recordAudit } from "./authz.server";

/**
 * Founder applications to a park's package: the venture profile, independent scoring by assigned reviewers,
 * normalised ranking, and the manager's decision. Acceptance takes a capacity hold on the package (one
 * conditional UPDATE of places_taken, backed by a CHECK), so concurrent acceptances can never take more places
 * than the package has; when none is left the application is waitlisted instead. A hold that is not paid for by
 * its expiry is released by the maintenance loop.
 */

export const HOLD_DAYS = 14;

export interface VentureInput {
  name: string;
  stage: "idea" | "registered" | "trading";
  sector: string;
  teamSize: number;
  veteransInTeam: number;
  fundingNeedFen: number;
  jobsPlanned: number;
  summary: string;
  supportWanted: string;
  alumniConsent: boolean;
  /** The business plan as uploaded (checked here: PDF by its bytes, at most 5 MB). */
  planFile?: IncomingFile | null;
}

export interface ApplyOptions extends MailContext {
  /** Folder for the plan (default the uploads folder). */
  dir?: string;
}

async function event(tx: Db, applicationId: string, status: string, actor: Actor | null, note?: string) {
  await tx.insert(startupApplicationEvents).values({ applicationId, status, actorUserId: actor?.id ?? null, note: note ?? null });
}

/**
 * A veteran applies to a published package with a venture profile and an optional business plan. The plan is
 * stored before the transaction and removed again if it fails; the park's members are mailed in the transaction.
 */
export async function applyToPackage(
  db: Db,
  actor: Actor,
  packageId: string,
  input: VentureInput,
  options: ApplyOptions,
): Promise<{ id: string; ventureId: string }> {
  requireUuid(packageId);
  if (actor.role !== "veteran") throw new ForbiddenError("incubator:errors.notVeteran");
  if (input.veteransInTeam < 1 || input.veteransInTeam > input.teamSize) throw new DomainError("incubator:errors.team", "veteransInTeam");
  if (input.fundingNeedFen < 0 || input.jobsPlanned < 0) throw new DomainError("incubator:errors.number");
  const plan = input.planFile ? await storeIncubatorFile(input.planFile, { field: "plan", pdfOnly: true, dir: options.dir }) : null;
  return withStoredFile(plan, options.dir, () => db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [pkg] = await tx.select({ status: incubatorPackages.status }).from(incubatorPackages).where(eq(incubatorPackages.id, packageId));
    if (!pkg || pkg.status !== "published") throw new NotFoundError();
    const [venture] = await tx
      .insert(ventures)
      .values({
        founderUserId: actor.id,
        name: input.name,
        stage: input.stage,
        sector: input.sector,
        teamSize: input.teamSize,
        veteransInTeam: input.veteransInTeam,
        fundingNeedFen: input.fundingNeedFen,
        jobsPlanned: input.jobsPlanned,
        summary: input.summary,
        alumniConsentAt: input.alumniConsent ? new Date() : null,
      })
      .returning({ id: ventures.id });
    const [app] = await tx
      .insert(startupApplications)
      .values({
        packageId,
        ventureId: venture!.id,
        supportWanted: input.supportWanted,
        planPath: plan?.path ?? null,
        planName: plan?.name ?? null,
        planBytes: plan?.bytes ?? null,
      })
      .returning({ id: startupApplications.id });
    await event(tx, app!.id, "submitted", actor);
    await mailPark(tx, app!.id, "received", options);
    return { id: app!.id, ventureId: venture!.id };
  }));
}

/** Who owns an application (park, package, founder) and its status; NotFoundError for an unknown id. */
const applicationPark = applicationContext;

// ---------------------------------------------------------------- rubric and reviewers

export async function addRubricCriterion(db: Db, actor: Actor, organizationId: string, input: { name: string; weight: number; maxScore: number }) {
  requireUuid(organizationId);
  await assertOrganizationAccess(db, actor, organizationId);
  if (!(input.weight > 0) || !(input.maxScore > 0)) throw new DomainError("incubator:errors.number");
  const [row] = await db.insert(rubricCriteria).values({ organizationId, ...input }).returning({ id: rubricCriteria.id });
  return row!;
}

/** Assign reviewers (park members) to an application; the first assignment moves it into review. */
export async function assignReviewers(db: Db, actor: Actor, applicationId: string, reviewerUserIds: string[], mail: MailContext) {
  const app = await applicationPark(db, applicationId);
  await assertOrganizationAccess(db, actor, app.organizationId);
  for (const id of reviewerUserIds) {
    requireUuid(id);
    if (!(await isMember(db, id, app.organizationId))) throw new DomainError("incubator:errors.reviewerNotMember", "reviewers");
  }
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    if (reviewerUserIds.length) {
      await tx.insert(applicationReviewers).values(reviewerUserIds.map((reviewerUserId) => ({ applicationId, reviewerUserId }))).onConflictDoNothing();
    }
    const moved = await tx
      .update(startupApplications)
      .set({ status: "in_review", updatedAt: new Date() })
      .where(and(eq(startupApplications.id, applicationId), eq(startupApplications.status, "submitted")))
      .returning({ id: startupApplications.id });
    if (moved.length) {
      await event(tx, applicationId, "in_review", actor);
      await mailFounder(tx, applicationId, "in_review", mail);
    }
  });
}

async function requireAssigned(db: Db, actor: Actor, applicationId: string) {
  const [row] = await db
    .select({ submittedAt: applicationReviewers.submittedAt })
    .from(applicationReviewers)
    .where(and(eq(applicationReviewers.applicationId, applicationId), eq(applicationReviewers.reviewerUserId, actor.id)));
  if (!row) throw new NotFoundError();
  return row;
}

/** A reviewer scores every criterion of the park's rubric; only their own scores, only on assigned applications. */
export async function submitScores(db: Db, actor: Actor, applicationId: string, scores: Record<string, number>) {
  const app = await applicationPark(db, applicationId);
  await requireAssigned(db, actor, applicationId);
  const criteria = await db.select().from(rubricCriteria).where(eq(rubricCriteria.organizationId, app.organizationId));
  if (criteria.length === 0) throw new DomainError("incubator:errors.noRubric", undefined, 409);
  for (const c of criteria) {
    const s = scores[c.id];
    if (!Number.isInteger(s) || s < 0 || s > c.maxScore) throw new DomainError("incubator:errors.score", c.id);
  }
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    for (const c of criteria) {
      await tx
        .insert(applicationScores)
        .values({ applicationId, reviewerUserId: actor.id, criterionId: c.id, score: scores[c.id]! })
        .onConflictDoUpdate({ target: [applicationScores.applicationId, applicationScores.reviewerUserId, applicationScores.criterionId], set: { score: scores[c.id]!, updatedAt: new Date() } });
    }
    await tx
      .update(applicationReviewers)
      .set({ submittedAt: new Date() })
      .where(and(eq(applicationReviewers.applicationId, applicationId), eq(applicationReviewers.reviewerUserId, actor.id)));
  });
}

/** What a reviewer may see of an application: assigned reviewers only, and never other reviewers' scores. */
export async function getApplicationForReviewer(db: Db, actor: Actor, applicationId: string) {
  await applicationPark(db, applicationId);
  await requireAssigned(db, actor, applicationId);
  const [row] = await db
    .select({ id: startupApplications.id, venture: ventures.name, sector: ventures.sector, stage: ventures.stage, summary: ventures.summary, supportWanted: startupApplications.supportWanted })
    .from(startupApplications)
    .innerJoin(ventures, eq(ventures.id, startupApplications.ventureId))
    .where(eq(startupApplications.id, applicationId));
  const mine = await db
    .select({ criterionId: applicationScores.criterionId, score: applicationScores.score })
    .from(applicationScores)
    .where(and(eq(applicationScores.applicationId, applicationId), eq(applicationScores.reviewerUserId, actor.id)));
  return { ...row!, myScores: mine };
}

/** The manager's ranking of a package's applications by normalised score (reviewers scored on the park's rubric). */
export async function rankApplications(db: Db, actor: Actor, packageId: string) {
  requireUuid(packageId);
  const [pkg] = await db.select({ organizationId: incubatorPackages.organizationId }).from(incubatorPackages).where(eq(incubatorPackages.id, packageId));
  if (!pkg) throw new NotFoundError();
  await assertOrganizationAccess(db, actor, pkg.organizationId);
  const criteria = await db.select().from(rubricCriteria).where(eq(rubricCriteria.organizationId, pkg.organizationId));
  // Normalise over every application of the park each reviewer scored, not just this package's.
  const rows = await db
    .select({ applicationId: applicationScores.applicationId, reviewerId: applicationScores.reviewerUserId, criterionId: applicationScores.criterionId, score: applicationScores.score })
    .from(applicationScores)
    .innerJoin(rubricCriteria, eq(rubricCriteria.id, applicationScores.criterionId))
    .where(eq(rubricCriteria.organizationId, pkg.organizationId));
  const sheets = new Map<string, { applicationId: string; reviewerId: string; scores: Map<string, number> }>();
  for (const r of rows) {
    const key = `${r.applicationId}:${r.reviewerId}`;
    const sheet = sheets.get(key) ?? { applicationId: r.applicationId, reviewerId: r.reviewerId, scores: new Map() };
    sheet.scores.set(r.criterionId, r.score);
    sheets.set(key, sheet);
  }
  const totals: ReviewerTotal[] = [];
  for (const s of sheets.values()) {
    const total = weightedTotal(criteria, s.scores);
    if (total !== null) totals.push({ applicationId: s.applicationId, reviewerId: s.reviewerId, total });
  }
  const apps = await db
    .select({ id: startupApplications.id, status: startupApplications.status, venture: ventures.name })
    .from(startupApplications)
    .innerJoin(ventures, eq(ventures.id, startupApplications.ventureId))
    .where(eq(startupApplications.packageId, packageId));
  const ids = new Set(apps.map((a) => a.id));
  const scores = new Map(normaliseScores(totals).map((n) => [n.applicationId, n]));
  return apps
    .map((a) => ({ ...a, score: ids.has(a.id) ? (scores.get(a.id) ?? null) : null }))
    .sort((a, b) => (b.score?.normalised ?? -Infinity) - (a.score?.normalised ?? -Infinity));
}

// ---------------------------------------------------------------- decisions and capacity

export type Decision =
  | { kind: "accept"; startDate: string }
  | { kind: "waitlist"; note?: string }
  | { kind: "decline"; reason: string };

export type DecisionResult = { status: "accepted"; holdId: string } | { status: "waitlisted"; full: boolean } | { status: "declined" };

/** Take one place of a package for an application, or null when none is left. */
async function takePlace(tx: Db, packageId: string, applicationId: string, now: Date): Promise<string | null> {
  const taken = await tx
    .update(incubatorPackages)
    .set({ placesTaken: sql`${incubatorPackages.placesTaken} + 1`, updatedAt: now })
    .where(and(eq(incubatorPackages.id, packageId), sql`${incubatorPackages.placesTaken} < ${incubatorPackages.capacity}`))
    .returning({ id: incubatorPackages.id });
  if (taken.length === 0) return null;
  const [hold] = await tx
    .insert(capacityHolds)
    .values({ packageId, applicationId, expiresAt: new Date(now.getTime() + HOLD_DAYS * 86_400_000) })
    .returning({ id: capacityHolds.id });
  await enqueueSearchSync(tx, "incubator_packages", [packageId]);
  return hold!.id;
}

export interface DecideOptions extends MailContext {
  now?: Date;
}

export async function decideApplication(db: Db, actor: Actor, applicationId: string, decision: Decision, options: DecideOptions): Promise<DecisionResult> {
  const now = options.now ?? new Date();
  const app = await applicationPark(db, applicationId);
  await assertOrganizationAccess(db, actor, app.organizationId);
  if (decision.kind === "decline" && !decision.reason.trim()) throw new DomainError("incubator:errors.reasonRequired", "reason");
  if (decision.kind === "accept" && !/^\d{4}-\d{2}-\d{2}$/.test(decision.startDate)) throw new DomainError("incubator:errors.startDate", "startDate");
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [current] = await tx.select({ status: startupApplications.status }).from(startupApplications).where(eq(startupApplications.id, applicationId)).for("update");
    if (!current) throw new NotFoundError();
    if (current.status === "accepted" || current.status === "withdrawn" || current.status === "declined") {
      throw new DomainError("incubator:errors.alreadyDecided", undefined, 409);
    }
    if (decision.kind === "accept") {
      const holdId = await takePlace(tx, app.packageId, applicationId, now);
      if (!holdId) {
        await tx.update(startupApplications).set({ status: "waitlisted", decidedAt: now, decidedByUserId: actor.id, updatedAt: now }).where(eq(startupApplications.id, applicationId));
        await event(tx, applicationId, "waitlisted", actor, "full");
        await mailFounder(tx, applicationId, "waitlisted", options, { key: String(now.getTime()) });
        return { status: "waitlisted", full: true };
      }
      await tx
        .update(startupApplications)
        .set({ status: "accepted", startDate: decision.startDate, decidedAt: now, decidedByUserId: actor.id, decisionReason: null, updatedAt: now })
        .where(eq(startupApplications.id, applicationId));
      await event(tx, applicationId, "accepted", actor, decision.startDate);
      // A venture starting in the park is a placement: the founder's station asks again at 1, 3 and 6 months.
      const [founder] = await tx
        .select({ profileId: veteranProfiles.id, ventureId: ventures.id })
        .from(startupApplications)
        .innerJoin(ventures, eq(ventures.id, startupApplications.ventureId))
        .innerJoin(veteranProfiles, eq(veteranProfiles.userId, ventures.founderUserId))
        .where(eq(startupApplications.id, applicationId));
      if (founder) {
        await scheduleFollowUps(tx as unknown as Db, { source: "venture_start", veteranProfileId: founder.profileId, ventureId: founder.ventureId, placedAt: new Date(`${decision.startDate}T00:00:00+08:00`) });
      }
      await openChecklist(tx, applicationId, app.organizationId, decision.startDate);
      await mailFounder(tx, applicationId, "accepted", options, { note: decision.startDate, key: holdId });
      return { status: "accepted", holdId };
    }
    const status = decision.kind === "waitlist" ? "waitlisted" : "declined";
    const reason = decision.kind === "decline" ? decision.reason.trim() : (decision.note ?? null);
    await tx.update(startupApplications).set({ status, decisionReason: reason, decidedAt: now, decidedByUserId: actor.id, updatedAt: now }).where(eq(startupApplications.id, applicationId));
    await event(tx, applicationId, status, actor, reason ?? undefined);
    await mailFounder(tx, applicationId, status, options, { note: reason ?? undefined, key: String(now.getTime()) });
    return status === "waitlisted" ? { status: "waitlisted", full: false } : { status: "declined" };
  });
}

/**
 * Release holds past their expiry that were never paid for: the place goes back to the package and the
 * application returns to the waitlist. Idempotent (each hold is claimed once, under its row lock).
 */
export async function releaseExpiredHolds(db: Db, now = new Date()): Promise<number> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const due = await tx
      .select({ id: capacityHolds.id, packageId: capacityHolds.packageId, applicationId: capacityHolds.applicationId })
      .from(capacityHolds)
      .where(
        and(
          eq(capacityHolds.status, "held"),
          lte(capacityHolds.expiresAt, now),
          // A transfer waiting for the park's confirmation keeps its place until the park answers.
          notExists(
            tx
              .select({ id: payments.id })
              .from(payments)
              .where(and(eq(payments.applicationId, capacityHolds.applicationId), inArray(payments.status, ["proof_uploaded", "awaiting_approval"]))),
          ),
        ),
      )
      .orderBy(asc(capacityHolds.expiresAt))
      .limit(500)
      .for("update", { skipLocked: true });
    for (const h of due) {
      await tx.update(capacityHolds).set({ status: "released", updatedAt: now }).where(eq(capacityHolds.id, h.id));
      await tx
        .update(incubatorPackages)
        .set({ placesTaken: sql`greatest(${incubatorPackages.placesTaken} - 1, 0)`, updatedAt: now })
        .where(eq(incubatorPackages.id, h.packageId));
      await tx.update(startupApplications).set({ status: "waitlisted", updatedAt: now }).where(eq(startupApplications.id, h.applicationId));
      await event(tx, h.applicationId, "hold_released", null);
    }
    if (due.length) await enqueueSearchSync(tx, "incubator_packages", [...new Set(due.map((d) => d.packageId))]);
    return due.length;
  });
}

/** The founder's own applications with their timeline; a founder never sees scores or other ventures. */
export async function listMyStartupApplications(db: Db, actor: Actor) {
  const apps = await db
    .select({ id: startupApplications.id, status: startupApplications.status, venture: ventures.name, package: incubatorPackages.title, startDate: startupApplications.startDate, reason: startupApplications.decisionReason })
    .from(startupApplications)
    .innerJoin(ventures, eq(ventures.id, startupApplications.ventureId))
    .innerJoin(incubatorPackages, eq(incubatorPackages.id, startupApplications.packageId))
    .where(eq(ventures.founderUserId, actor.id));
  const events = apps.length
    ? await db
        .select({ applicationId: startupApplicationEvents.applicationId, status: startupApplicationEvents.status, at: startupApplicationEvents.createdAt })
        .from(startupApplicationEvents)
        .where(inArray(startupApplicationEvents.applicationId, apps.map((a) => a.id)))
        .orderBy(asc(startupApplicationEvents.id))
    : [];
  return apps.map((a) => ({ ...a, timeline: events.filter((e) => e.applicationId === a.id) }));
}

/** Founder or park member (or staff) only: who may see an application's venture and plan. */
export async function assertApplicationAccess(db: Db, actor: Actor, applicationId: string) {
  const app = await applicationPark(db, applicationId);
  if (app.founderUserId === actor.id) return app;
  if (isStaff(actor)) {
    // Staff of the park's region (assertOrganizationAccess applies the station's scope).
    await assertOrganizationAccess(db, actor, app.organizationId);
    return app;
  }
  if (await isMember(db, actor.id, app.organizationId)) return app;
  throw new NotFoundError();
}

// ---------------------------------------------------------------- pages: the park, the reviewer, the founder

async function timelineOf(db: Db, applicationId: string) {
  return db
    .select({ status: startupApplicationEvents.status, note: startupApplicationEvents.note, at: startupApplicationEvents.createdAt })
    .from(startupApplicationEvents)
    .where(eq(startupApplicationEvents.applicationId, applicationId))
    .orderBy(asc(startupApplicationEvents.id));
}

/** The park's applications, newest first, with how many reviewers finished. */
export async function listParkApplications(db: Db, actor: Actor, parkId: string) {
  await assertOrganizationAccess(db, actor, parkId);
  return db
    .select({
      id: startupApplications.id,
      status: startupApplications.status,
      venture: ventures.name,
      sector: ventures.sector,
      packageId: incubatorPackages.id,
      package: incubatorPackages.title,
      createdAt: startupApplications.createdAt,
      reviewers: sql<number>`(select count(*)::int from ${applicationReviewers} r where r.application_id = ${startupApplications.id})`,
      reviewed: sql<number>`(select count(*)::int from ${applicationReviewers} r where r.application_id = ${startupApplications.id} and r.submitted_at is not null)`,
    })
    .from(startupApplications)
    .innerJoin(incubatorPackages, eq(incubatorPackages.id, startupApplications.packageId))
    .innerJoin(ventures, eq(ventures.id, startupApplications.ventureId))
    .where(eq(incubatorPackages.organizationId, parkId))
    .orderBy(desc(startupApplications.createdAt))
    .limit(500);
}

/** Park members who can be assigned as reviewers. */
export async function parkMembers(db: Db, actor: Actor, parkId: string) {
  await assertOrganizationAccess(db, actor, parkId);
  return db
    .select({ id: users.id, name: users.displayName, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, parkId))
    .orderBy(asc(users.displayName));
}

/** One application as the park sees it: the venture, the plan, reviewers and their progress, the timeline. */
export async function getParkApplication(db: Db, actor: Actor, applicationId: string) {
  const app = await applicationPark(db, applicationId);
  await assertOrganizationAccess(db, actor, app.organizationId);
  const [row] = await db
    .select({
      id: startupApplications.id,
      status: startupApplications.status,
      supportWanted: startupApplications.supportWanted,
      planName: startupApplications.planName,
      planBytes: startupApplications.planBytes,
      pitchAt: startupApplications.pitchAt,
      startDate: startupApplications.startDate,
      decisionReason: startupApplications.decisionReason,
      packageId: incubatorPackages.id,
      package: incubatorPackages.title,
      venture: ventures,
      founderName: users.displayName,
    })
    .from(startupApplications)
    .innerJoin(incubatorPackages, eq(incubatorPackages.id, startupApplications.packageId))
    .innerJoin(ventures, eq(ventures.id, startupApplications.ventureId))
    .innerJoin(users, eq(users.id, ventures.founderUserId))
    .where(eq(startupApplications.id, applicationId));
  const reviewers = await db
    .select({ id: users.id, name: users.displayName, submittedAt: applicationReviewers.submittedAt })
    .from(applicationReviewers)
    .innerJoin(users, eq(users.id, applicationReviewers.reviewerUserId))
    .where(eq(applicationReviewers.applicationId, applicationId))
    .orderBy(asc(users.displayName));
  const timeline = await timelineOf(db, applicationId);
  const ranking = await rankApplications(db, actor, app.packageId);
  const position = ranking.findIndex((r) => r.id === applicationId);
  return { ...row!, organizationId: app.organizationId, reviewers, timeline, score: ranking[position]?.score ?? null, rank: position + 1, ranked: ranking.filter((r) => r.score).length };
}

/** The pitch panel (评审答辩) date, set by the park. */
export async function setPitchDate(db: Db, actor: Actor, applicationId: string, at: Date) {
  const app = await applicationPark(db, applicationId);
  await assertOrganizationAccess(db, actor, app.organizationId);
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await tx.update(startupApplications).set({ pitchAt: at, updatedAt: new Date() }).where(eq(startupApplications.id, applicationId));
    await event(tx, applicationId, "pitch", actor, at.toISOString());
  });
}

/** A reviewer's assignments, unscored first. */
export async function listMyReviews(db: Db, actor: Actor) {
  return db
    .select({
      id: startupApplications.id,
      venture: ventures.name,
      package: incubatorPackages.title,
      park: organizations.name,
      submittedAt: applicationReviewers.submittedAt,
    })
    .from(applicationReviewers)
    .innerJoin(startupApplications, eq(startupApplications.id, applicationReviewers.applicationId))
    .innerJoin(ventures, eq(ventures.id, startupApplications.ventureId))
    .innerJoin(incubatorPackages, eq(incubatorPackages.id, startupApplications.packageId))
    .innerJoin(organizations, eq(organizations.id, incubatorPackages.organizationId))
    .where(eq(applicationReviewers.reviewerUserId, actor.id))
    .orderBy(sql`${applicationReviewers.submittedAt} is not null`, desc(applicationReviewers.createdAt));
}

/** The park's rubric, for the scoring form and the rubric page. */
export async function rubricOf(db: Db, organizationId: string) {
  return db.select().from(rubricCriteria).where(eq(rubricCriteria.organizationId, organizationId)).orderBy(asc(rubricCriteria.position), asc(rubricCriteria.createdAt));
}

/** The founder's view of one of their applications (never scores, never other ventures). */
export async function getFounderApplication(db: Db, actor: Actor, applicationId: string) {
  const app = await applicationPark(db, applicationId);
  if (app.founderUserId !== actor.id) throw new NotFoundError();
  const [row] = await db
    .select({
      id: startupApplications.id,
      status: startupApplications.status,
      startDate: startupApplications.startDate,
      pitchAt: startupApplications.pitchAt,
      decisionReason: startupApplications.decisionReason,
      planName: startupApplications.planName,
      venture: ventures.name,
      ventureId: ventures.id,
      packageId: incubatorPackages.id,
      package: incubatorPackages.title,
      parkId: organizations.id,
      park: organizations.name,
    })
    .from(startupApplications)
    .innerJoin(ventures, eq(ventures.id, startupApplications.ventureId))
    .innerJoin(incubatorPackages, eq(incubatorPackages.id, startupApplications.packageId))
    .innerJoin(organizations, eq(organizations.id, incubatorPackages.organizationId))
    .where(eq(startupApplications.id, applicationId));
  const timeline = await timelineOf(db, applicationId);
  // The founder sees a decline reason but not the park's internal notes on other steps.
  return { ...row!, timeline: timeline.map((e) => ({ status: e.status, at: e.at, note: e.status === "declined" || e.status === "accepted" || e.status === "pitch" ? e.note : null })) };
}

/**
 * The business plan for download: the founder, assigned reviewers and park members (the access read is audited
 * for everyone but the founder).
 */
export async function getPlanForDownload(db: Db, actor: Actor, applicationId: string) {
  const app = await applicationPark(db, applicationId);
  const allowed =
    app.founderUserId === actor.id ||
    isStaff(actor) ||
    (await isMember(db, actor.id, app.organizationId));
  if (!allowed) throw new NotFoundError();
  const [row] = await db.select({ path: startupApplications.planPath, name: startupApplications.planName }).from(startupApplications).where(eq(startupApplications.id, applicationId));
  if (!row?.path) throw new NotFoundError();
  if (app.founderUserId !== actor.id) await recordAudit(db, actor, "startup.plan.download", applicationId);
  return { path: row.path, name: row.name ?? "plan.pdf" };
}

/** A published package of a verified park, for the application form. */
export async function getPackageForApply(db: Db, packageId: string) {
  requireUuid(packageId);
  const [row] = await db
    .select({ id: incubatorPackages.id, title: incubatorPackages.title, requirements: incubatorPackages.requirements, parkId: organizations.id, park: organizations.name })
    .from(incubatorPackages)
    .innerJoin(organizations, eq(organizations.id, incubatorPackages.organizationId))
    .where(and(eq(incubatorPackages.id, packageId), eq(incubatorPackages.status, "published"), eq(organizations.verificationStatus, "verified")));
  if (!row) throw new NotFoundError();
  return row;
}
