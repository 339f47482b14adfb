import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { applicationEvents, applications, jobPostings, memberships, organizations, users, veteranProfiles } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { CONTROL_CHARS, CV_MIME, detectCvKind, MAX_CV_BYTES, removeUpload, storeUpload, uploadsDir, type CvKind } from "../utils/upload.server";
import { asStatus, listEvents, loadApplication, recordTransition, type MailOptions } from "./application-records.server";
import { ACTIVE_STATUSES, allowedTransitions } from "./application-status";
import { requireUuid, type Actor } from "./authz.server";
import { isHeldForRejection } from "./organization-hold.server";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";

/*
 * Applications: applying and the veteran's side here; the employer's side and the CV download in
 * application-employer.server.ts; unanswered flagging and response figures in application-stats.server.ts; the
 * status machine in application-status.ts (shared with the browser).
 */

/** Applications per veteran per hour (rate limit applied by the route with consumeRateLimit). */
export const APPLY_RATE_LIMIT = { limit: 20, windowSeconds: 3600 };

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
  requireUuid(jobPostingId);
  const [job] = await db
    .select({
      id: jobPostings.id,
      title: jobPostings.title,
      status: jobPostings.status,
      expiresAt: jobPostings.expiresAt,
      closedAt: jobPostings.closedAt,
      reviewReason: jobPostings.reviewReason,
      organizationName: organizations.name,
      organizationStatus: organizations.verificationStatus,
    })
    .from(jobPostings)
    .innerJoin(organizations, eq(organizations.id, jobPostings.organizationId))
    .where(eq(jobPostings.id, jobPostingId));
  if (job && isHeldForRejection(job, job.organizationStatus)) throw new DomainError("applications:errors.employerOnHold", undefined, 409);
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

/**
 * Remove the CV files of a veteran's applications (for account or profile deletion, where the rows go by cascade
 * and the files would otherwise stay on disk). Call it after the deleting transaction has committed, with the
 * names read before it: `const names = await listCvFiles(db, profileId)` → delete → `removeCvFiles(names)`.
 */
export async function listCvFiles(db: Db, veteranProfileId: string): Promise<string[]> {
  const rows = await db
    .select({ cvPath: applications.cvPath })
    .from(applications)
    .where(eq(applications.veteranProfileId, veteranProfileId));
  return rows.map((r) => r.cvPath).filter((p): p is string => !!p);
}

export async function removeCvFiles(names: string[], storageDir = uploadsDir()): Promise<void> {
  for (const name of names) await removeUpload(name, storageDir);
}
