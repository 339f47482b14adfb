import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { applications, jobPostings, organizations, users, veteranProfiles } from "../../db/schema";
import { readUpload, uploadsDir } from "../utils/upload.server";
import { employerMovePath, employerMoveTargets, type ApplicationStatus } from "./application-status";
import {
  accessOf,
  asStatus,
  listEvents,
  loadApplication,
  recordTransition,
  type MailOptions,
} from "./application-records.server";
import { isMember, isStaff, recordAudit, requireUuid, type Actor } from "./authz.server";
import { assertRegionInScope, scopeCondition, staffScope } from "./staff-scope.server";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";
import { describeSkills, describeSpecialty } from "./profile-vocabulary.server";

// ---------------------------------------------------------------- the employer's side

/** A posting's applications for its organisation's members (and staff), with the "waiting 14+ days" marker. */
export async function listJobApplications(db: Db, actor: Actor, jobPostingId: string, now = new Date()) {
  requireUuid(jobPostingId);
  const [job] = await db
    .select({ id: jobPostings.id, title: jobPostings.title, status: jobPostings.status, organizationId: jobPostings.organizationId, organizationName: organizations.name, regionCode: jobPostings.regionCode })
    .from(jobPostings)
    .innerJoin(organizations, eq(organizations.id, jobPostings.organizationId))
    .where(eq(jobPostings.id, jobPostingId));
  if (!job) throw new NotFoundError();
  // Staff see a posting of their station's region, and of its applicants only those whose files are in that region.
  const scope = isStaff(actor) ? await staffScope(db, actor) : null;
  if (scope) assertRegionInScope(scope, job.regionCode);
  else if (!(await isMember(db, actor.id, job.organizationId))) throw new NotFoundError();
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
    .where(and(eq(applications.jobPostingId, job.id), scope ? scopeCondition(scope, veteranProfiles.regionCode) : undefined))
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
    await recordAudit(db, actor, "application.read", app.id);
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
    applicant: {
      ...applicant!,
      email: applicant!.contactEmail ?? applicant!.accountEmail,
      // What the employer reads is named, never the stored ids (army, senior_high, heavy_truck_driving).
      skills: describeSkills(applicant!.skills),
      specialty: applicant!.specialty ? describeSpecialty(applicant!.specialty) : null,
    },
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
    await recordAudit(db, actor, "application.cv.download", app.id);
  }
  let bytes: Buffer;
  try {
    bytes = await readUpload(app.cvPath, storageDir);
  } catch {
    throw new NotFoundError();
  }
  return { bytes, mime: app.cvMime, filename: app.cvFilename ?? "cv" };
}

