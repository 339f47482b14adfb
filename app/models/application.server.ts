import { json } from "@remix-run/node";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  applicationEvents,
  applications,
  auditLog,
  jobPostings,
  memberships,
  organizations,
  users,
  veteranProfiles,
} from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { CONTROL_CHARS, CV_MIME, detectCvKind, MAX_CV_BYTES, readUpload, removeUpload, storeUpload, uploadsDir, type CvKind } from "../utils/upload.server";
import {
  ACTIVE_STATUSES,
  allowedTransitions,
  employerMovePath,
  employerMoveTargets,
  isApplicationStatus,
  type ApplicationStatus,
} from "./application-status";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";

export * from "./application-status";
export { flagUnansweredApplications, getEmployerResponseStats, UNANSWERED_AFTER_MS, type ResponseStats } from "./application-stats.server";

/** Who is acting: the session user (only these fields are used). */
export interface Actor {
  id: string;
  role: string;
}

export interface MailOptions {
  /** Absolute base URL for links in mails, e.g. config.PUBLIC_URL. */
  publicUrl: string;
}

/** Applications per veteran per hour (rate limit applied by the route with consumeRateLimit). */
export const APPLY_RATE_LIMIT = { limit: 20, windowSeconds: 3600 };

const isStaff = (actor: Actor) => actor.role === "staff" || actor.role === "admin";

function asStatus(value: string): ApplicationStatus {
  if (!isApplicationStatus(value)) throw new Error(`Unknown application status "${value}"`);
  return value;
}

/** True when `error` (or one it wraps) is PostgreSQL's unique violation on the named constraint. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e = error as { code?: unknown; constraint?: unknown; constraint_name?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code === "23505" && (e.constraint === constraint || e.constraint_name === constraint)) return true;
  }
  return false;
}

function isLive(job: { status: string; expiresAt: Date | null; closedAt: Date | null }, now: Date): boolean {
  return job.status === "published" && !job.closedAt && (!job.expiresAt || job.expiresAt.getTime() > now.getTime());
}

async function veteranProfileOf(db: Db, userId: string) {
  const [profile] = await db
    .select({ id: veteranProfiles.id, fullName: veteranProfiles.fullName })
    .from(veteranProfiles)
    .where(eq(veteranProfiles.userId, userId));
  return profile ?? null;
}

// ---------------------------------------------------------------- applying

/** What the apply page needs: the job (published and live only), the veteran's profile, any active application. */
export async function getApplyContext(db: Db, actor: Actor, jobPostingId: string, now = new Date()) {
  const [job] = await db
    .select({
      id: jobPostings.id,
      title: jobPostings.title,
      status: jobPostings.status,
      expiresAt: jobPostings.expiresAt,
      closedAt: jobPostings.closedAt,
      organizationName: organizations.name,
    })
    .from(jobPostings)
    .innerJoin(organizations, eq(organizations.id, jobPostings.organizationId))
    .where(eq(jobPostings.id, jobPostingId));
  if (!job || !isLive(job, now)) throw new NotFoundError();
  const profile = actor.role === "veteran" ? await veteranProfileOf(db, actor.id) : null;
  let activeApplicationId: string | null = null;
  if (profile) {
    const [active] = await db
      .select({ id: applications.id })
      .from(applications)
      .where(
        and(
          eq(applications.jobPostingId, job.id),
          eq(applications.veteranProfileId, profile.id),
          inArray(applications.status, [...ACTIVE_STATUSES]),
        ),
      );
    activeApplicationId = active?.id ?? null;
  }
  return { job: { id: job.id, title: job.title, organizationName: job.organizationName }, hasProfile: !!profile, activeApplicationId };
}

export interface ApplyInput {
  jobPostingId: string;
  coverNote: string;
  cv?: { filename: string; bytes: Uint8Array } | null;
}

export interface ApplyOptions extends MailOptions {
  /** Folder for the CV (default `uploadsDir()`). */
  storageDir?: string;
  now?: Date;
}

/**
 * A veteran applies to a published, live job with a cover note and an optional CV (PDF or DOCX by content, at
 * most 5 MB). One active application per job and veteran: the partial unique index decides under concurrency, and
 * its violation becomes "already applied". The application, its first event and the mails to the employer's
 * members are written in one transaction; the CV file is removed again if that transaction fails.
 */
export async function applyToJob(db: Db, actor: Actor, input: ApplyInput, options: ApplyOptions): Promise<{ id: string }> {
  if (actor.role !== "veteran") throw new ForbiddenError("applications:errors.onlyVeterans");
  const now = options.now ?? new Date();
  const profile = await veteranProfileOf(db, actor.id);
  if (!profile) throw new DomainError("applications:errors.noProfile");
  const context = await getApplyContext(db, actor, input.jobPostingId, now);
  if (context.activeApplicationId) throw new DomainError("applications:errors.alreadyApplied");

  let kind: CvKind | null = null;
  if (input.cv) {
    if (input.cv.bytes.byteLength > MAX_CV_BYTES) throw new DomainError("applications:errors.cvTooLarge", "cv");
    kind = detectCvKind(input.cv.bytes);
    if (!kind) throw new DomainError("applications:errors.cvType", "cv");
  }
  const dir = options.storageDir ?? uploadsDir();
  const stored = input.cv && kind ? await storeUpload(input.cv.bytes, kind, dir) : null;

  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(applications)
        .values({
          jobPostingId: input.jobPostingId,
          veteranProfileId: profile.id,
          status: "applied",
          coverNote: input.coverNote,
          cvPath: stored?.name ?? null,
          cvMime: kind ? CV_MIME[kind] : null,
          cvFilename: input.cv && kind ? cleanFilename(input.cv.filename, kind) : null,
          cvBytes: input.cv ? input.cv.bytes.byteLength : null,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: applications.id });
      await tx.insert(applicationEvents).values({ applicationId: row!.id, status: "applied", actorUserId: actor.id, createdAt: now });
      await mailEmployerMembers(tx, row!.id, options.publicUrl);
      return { id: row!.id };
    });
  } catch (error) {
    if (stored) await removeUpload(stored.name, dir).catch(() => {});
    if (isUniqueViolation(error, "applications_one_active")) throw new DomainError("applications:errors.alreadyApplied");
    throw error;
  }
}

/** The original name, only for display and the download's suggested name; never used for the stored path. */
function cleanFilename(name: string, kind: CvKind): string {
  const base = (name.split(/[/\\]/).pop() ?? "").replace(CONTROL_CHARS, "").trim().slice(0, 120);
  const withoutExt = base.replace(/\.[^.]*$/, "") || "cv";
  return `${withoutExt}.${kind}`;
}

async function mailEmployerMembers(tx: Db, applicationId: string, publicUrl: string) {
  const [info] = await tx
    .select({ jobTitle: jobPostings.title, organizationId: jobPostings.organizationId, applicantName: veteranProfiles.fullName })
    .from(applications)
    .innerJoin(jobPostings, eq(jobPostings.id, applications.jobPostingId))
    .innerJoin(veteranProfiles, eq(veteranProfiles.id, applications.veteranProfileId))
    .where(eq(applications.id, applicationId));
  const members = await tx
    .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, info!.organizationId));
  for (const m of members) {
    await enqueueEmail(tx, {
      template: "application_received",
      to: m.email,
      locale: m.locale,
      userId: m.id,
      idempotencyKey: `application_received:${applicationId}:${m.id}`,
      props: {
        name: m.displayName,
        jobTitle: info!.jobTitle,
        applicantName: info!.applicantName,
        applicationUrl: `${publicUrl}/employer/applications/${applicationId}`,
      },
    });
  }
}

// ---------------------------------------------------------------- the veteran's side

/** The veteran's own applications, newest first. */
export async function listMyApplications(db: Db, actor: Actor) {
  if (actor.role !== "veteran") return [];
  return db
    .select({
      id: applications.id,
      status: applications.status,
      createdAt: applications.createdAt,
      updatedAt: applications.updatedAt,
      jobPostingId: jobPostings.id,
      jobTitle: jobPostings.title,
      organizationName: organizations.name,
    })
    .from(applications)
    .innerJoin(veteranProfiles, eq(veteranProfiles.id, applications.veteranProfileId))
    .innerJoin(jobPostings, eq(jobPostings.id, applications.jobPostingId))
    .innerJoin(organizations, eq(organizations.id, jobPostings.organizationId))
    .where(eq(veteranProfiles.userId, actor.id))
    .orderBy(desc(applications.createdAt));
}

async function loadApplication(db: Db, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db
    .select({
      id: applications.id,
      status: applications.status,
      coverNote: applications.coverNote,
      cvPath: applications.cvPath,
      cvMime: applications.cvMime,
      cvFilename: applications.cvFilename,
      cvBytes: applications.cvBytes,
      firstResponseAt: applications.firstResponseAt,
      flaggedUnansweredAt: applications.flaggedUnansweredAt,
      createdAt: applications.createdAt,
      updatedAt: applications.updatedAt,
      jobPostingId: jobPostings.id,
      jobTitle: jobPostings.title,
      organizationId: jobPostings.organizationId,
      organizationName: organizations.name,
      veteranProfileId: veteranProfiles.id,
      veteranUserId: veteranProfiles.userId,
      applicantName: veteranProfiles.fullName,
    })
    .from(applications)
    .innerJoin(jobPostings, eq(jobPostings.id, applications.jobPostingId))
    .innerJoin(organizations, eq(organizations.id, jobPostings.organizationId))
    .innerJoin(veteranProfiles, eq(veteranProfiles.id, applications.veteranProfileId))
    .where(eq(applications.id, id));
  return row ?? null;
}
type LoadedApplication = NonNullable<Awaited<ReturnType<typeof loadApplication>>>;

async function isMember(db: Db, userId: string, organizationId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organizationId, organizationId)));
  return !!row;
}

/** Who may see an application: the applicant, members of the job's organisation, staff. Everyone else: 404. */
async function accessOf(db: Db, actor: Actor, app: LoadedApplication): Promise<"veteran" | "employer" | "staff" | null> {
  if (actor.role === "veteran" && app.veteranUserId === actor.id) return "veteran";
  if (isStaff(actor)) return "staff";
  if (await isMember(db, actor.id, app.organizationId)) return "employer";
  return null;
}

async function listEvents(db: Db, applicationId: string) {
  return db
    .select({
      id: applicationEvents.id,
      status: applicationEvents.status,
      note: applicationEvents.note,
      createdAt: applicationEvents.createdAt,
      actorUserId: applicationEvents.actorUserId,
      actorRole: users.role,
    })
    .from(applicationEvents)
    .leftJoin(users, eq(users.id, applicationEvents.actorUserId))
    .where(eq(applicationEvents.applicationId, applicationId))
    .orderBy(asc(applicationEvents.createdAt), asc(applicationEvents.id));
}

/** The applicant's view: the application, its timeline, and whether it can still be withdrawn. */
export async function getMyApplication(db: Db, actor: Actor, id: string) {
  const app = await loadApplication(db, id);
  if (!app || actor.role !== "veteran" || app.veteranUserId !== actor.id) throw new NotFoundError();
  const events = await listEvents(db, app.id);
  const status = asStatus(app.status);
  return {
    application: {
      id: app.id,
      status,
      coverNote: app.coverNote,
      hasCv: !!app.cvPath,
      cvFilename: app.cvFilename,
      cvBytes: app.cvBytes,
      createdAt: app.createdAt,
      jobPostingId: app.jobPostingId,
      jobTitle: app.jobTitle,
      organizationId: app.organizationId,
      organizationName: app.organizationName,
    },
    events: events.map((e) => ({ id: e.id, status: e.status, note: e.note, createdAt: e.createdAt, byEmployer: e.actorRole !== "veteran" })),
    canWithdraw: allowedTransitions(status, "veteran").includes("withdrawn"),
  };
}

/** The applicant withdraws (any non-final status). Event and confirmation mail in the same transaction. */
export async function withdrawApplication(db: Db, actor: Actor, id: string, input: { note?: string }, options: MailOptions & { now?: Date }) {
  const app = await loadApplication(db, id);
  if (!app || actor.role !== "veteran" || app.veteranUserId !== actor.id) throw new NotFoundError();
  if (!allowedTransitions(asStatus(app.status), "veteran").includes("withdrawn")) {
    throw new DomainError("applications:errors.invalidTransition", undefined, 409);
  }
  return recordTransition(db, actor, app, ["withdrawn"], "veteran", input.note, options);
}

// ---------------------------------------------------------------- the employer's side

/** A posting's applications for its organisation's members (and staff), with the "waiting 14+ days" marker. */
export async function listJobApplications(db: Db, actor: Actor, jobPostingId: string, now = new Date()) {
  if (!/^[0-9a-f-]{36}$/i.test(jobPostingId)) throw new NotFoundError();
  const [job] = await db
    .select({ id: jobPostings.id, title: jobPostings.title, status: jobPostings.status, organizationId: jobPostings.organizationId, organizationName: organizations.name })
    .from(jobPostings)
    .innerJoin(organizations, eq(organizations.id, jobPostings.organizationId))
    .where(eq(jobPostings.id, jobPostingId));
  if (!job || !(isStaff(actor) || (await isMember(db, actor.id, job.organizationId)))) throw new NotFoundError();
  const rows = await db
    .select({
      id: applications.id,
      status: applications.status,
      createdAt: applications.createdAt,
      firstResponseAt: applications.firstResponseAt,
      flaggedUnansweredAt: applications.flaggedUnansweredAt,
      hasCv: sql<boolean>`${applications.cvPath} is not null`,
      applicantName: veteranProfiles.fullName,
      specialty: veteranProfiles.specialty,
    })
    .from(applications)
    .innerJoin(veteranProfiles, eq(veteranProfiles.id, applications.veteranProfileId))
    .where(eq(applications.jobPostingId, job.id))
    .orderBy(asc(applications.createdAt));
  return {
    job,
    applications: rows.map((r) => ({ ...r, status: asStatus(r.status), waitingLong: isWaitingLong(r, now) })),
  };
}

/** Still `applied` 14 days or more after it arrived (or already flagged by the worker). */
export function isWaitingLong(app: { status: string; createdAt: Date; flaggedUnansweredAt: Date | null }, now: Date): boolean {
  return app.status === "applied" && (!!app.flaggedUnansweredAt || now.getTime() - app.createdAt.getTime() >= 14 * 86_400_000);
}

/** The employer's view of one application: applicant summary, cover note, CV, timeline and the moves allowed. */
export async function getApplicationForEmployer(db: Db, actor: Actor, id: string, now = new Date()) {
  const app = await loadApplication(db, id);
  const access = app ? await accessOf(db, actor, app) : null;
  if (!app || (access !== "employer" && access !== "staff")) throw new NotFoundError();
  if (access === "staff") {
    await db.insert(auditLog).values({ actorUserId: actor.id, action: "application.read", subjectType: "application", subjectId: app.id });
  }
  const [applicant] = await db
    .select({
      fullName: veteranProfiles.fullName,
      phone: veteranProfiles.phone,
      contactEmail: veteranProfiles.contactEmail,
      accountEmail: users.email,
      regionCode: veteranProfiles.regionCode,
      branch: veteranProfiles.branch,
      specialty: veteranProfiles.specialty,
      rank: veteranProfiles.rank,
      yearsServed: veteranProfiles.yearsServed,
      dischargeYear: veteranProfiles.dischargeYear,
      education: veteranProfiles.education,
      skills: veteranProfiles.skills,
      certificates: veteranProfiles.certificates,
    })
    .from(veteranProfiles)
    .leftJoin(users, eq(users.id, veteranProfiles.userId))
    .where(eq(veteranProfiles.id, app.veteranProfileId));
  const status = asStatus(app.status);
  const events = await listEvents(db, app.id);
  return {
    application: {
      id: app.id,
      status,
      coverNote: app.coverNote,
      hasCv: !!app.cvPath,
      cvFilename: app.cvFilename,
      cvBytes: app.cvBytes,
      createdAt: app.createdAt,
      firstResponseAt: app.firstResponseAt,
      jobPostingId: app.jobPostingId,
      jobTitle: app.jobTitle,
      organizationId: app.organizationId,
      organizationName: app.organizationName,
      waitingLong: isWaitingLong(app, now),
    },
    applicant: { ...applicant!, email: applicant!.contactEmail ?? applicant!.accountEmail },
    events: events.map((e) => ({ id: e.id, status: e.status, note: e.note, createdAt: e.createdAt, byEmployer: e.actorRole !== "veteran" })),
    moveTargets: access === "employer" ? employerMoveTargets(status) : [],
  };
}

/**
 * An organisation member moves an application along the pipeline. Staff may read but not move. Moving one that
 * is still `applied` past `viewed` records `viewed` first (see employerMovePath). Invalid moves are refused.
 */
export async function moveApplication(
  db: Db,
  actor: Actor,
  id: string,
  input: { status: ApplicationStatus; note?: string },
  options: MailOptions & { now?: Date },
) {
  const app = await loadApplication(db, id);
  const access = app ? await accessOf(db, actor, app) : null;
  if (!app || (access !== "employer" && access !== "staff")) throw new NotFoundError();
  if (access !== "employer") throw new ForbiddenError();
  const path = employerMovePath(asStatus(app.status), input.status);
  if (!path) throw new DomainError("applications:errors.invalidTransition", "status", 409);
  return recordTransition(db, actor, app, path, "employer", input.note, options);
}

/**
 * Apply a list of statuses to an application in one transaction: the status update is conditional on the status
 * read before (a concurrent move makes this one fail cleanly), one event per status, firstResponseAt on the
 * employer's first action, and one mail to the veteran (in their locale) for the final status.
 */
async function recordTransition(
  db: Db,
  actor: Actor,
  app: LoadedApplication,
  path: ApplicationStatus[],
  by: "employer" | "veteran",
  note: string | undefined,
  options: MailOptions & { now?: Date },
) {
  const now = options.now ?? new Date();
  const finalStatus = path[path.length - 1]!;
  const cleanNote = note?.trim() || null;
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(applications)
      .set({
        status: finalStatus,
        updatedAt: now,
        ...(by === "employer" && !app.firstResponseAt ? { firstResponseAt: now } : {}),
      })
      .where(and(eq(applications.id, app.id), eq(applications.status, app.status)))
      .returning({ id: applications.id });
    if (updated.length === 0) throw new DomainError("applications:errors.changedMeanwhile", undefined, 409);
    let lastEventId = 0;
    for (const [i, status] of path.entries()) {
      const [event] = await tx
        .insert(applicationEvents)
        .values({ applicationId: app.id, status, actorUserId: actor.id, note: i === path.length - 1 ? cleanNote : null, createdAt: now })
        .returning({ id: applicationEvents.id });
      lastEventId = event!.id;
    }
    const [veteran] = app.veteranUserId
      ? await tx.select({ id: users.id, email: users.email, locale: users.locale }).from(users).where(eq(users.id, app.veteranUserId))
      : [];
    if (veteran) {
      await enqueueEmail(tx, {
        template: "application_status",
        to: veteran.email,
        locale: veteran.locale,
        userId: veteran.id,
        idempotencyKey: `application_status:${app.id}:${lastEventId}`,
        props: {
          name: app.applicantName,
          jobTitle: app.jobTitle,
          organizationName: app.organizationName,
          status: finalStatus,
          note: cleanNote ?? undefined,
          applicationUrl: `${options.publicUrl}/applications/${app.id}`,
        },
      });
    }
    return { id: app.id, status: finalStatus };
  });
}

// ---------------------------------------------------------------- the CV

/**
 * The CV bytes for the applicant, members of the job's organisation and staff (staff reads are audited); anyone
 * else, and applications without a CV, get NotFoundError so the route answers 404 without saying why.
 */
export async function getCvForDownload(db: Db, actor: Actor, id: string, storageDir = uploadsDir()) {
  const app = await loadApplication(db, id);
  const access = app ? await accessOf(db, actor, app) : null;
  if (!app || !access || !app.cvPath || !app.cvMime) throw new NotFoundError();
  if (access === "staff") {
    await db.insert(auditLog).values({ actorUserId: actor.id, action: "application.cv.download", subjectType: "application", subjectId: app.id });
  }
  let bytes: Buffer;
  try {
    bytes = await readUpload(app.cvPath, storageDir);
  } catch {
    throw new NotFoundError();
  }
  return { bytes, mime: app.cvMime, filename: app.cvFilename ?? "cv" };
}

/** For loaders: a domain error (not found, forbidden) becomes the matching HTTP response for the error boundary. */
export async function orHttpError<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof DomainError) throw json({ message: error.code }, { status: error.status });
    throw error;
  }
}
