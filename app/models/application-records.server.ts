import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { applicationEvents, applications, jobPostings, organizations, users, veteranProfiles } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { isApplicationStatus, type ApplicationStatus } from "./application-status";
import { isMember, isStaff, isUuid, type Actor } from "./authz.server";
import { regionInScope, staffScope } from "./staff-scope.server";
import { DomainError } from "./errors";
import { scheduleFollowUps } from "./follow-ups.server";

/*
 * Shared internals of the applications feature: loading one application with what access checks need, deciding
 * who may see it, its timeline, and recording a status change. Callers use app/models/application.server.ts.
 */


export interface MailOptions {
  /** Absolute base URL for links in mails, e.g. config.PUBLIC_URL. */
  publicUrl: string;
}

export function asStatus(value: string): ApplicationStatus {
  if (!isApplicationStatus(value)) throw new Error(`Unknown application status "${value}"`);
  return value;
}

export async function loadApplication(db: Db, id: string) {
  if (!isUuid(id)) return null;
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
      applicantRegionCode: veteranProfiles.regionCode,
    })
    .from(applications)
    .innerJoin(jobPostings, eq(jobPostings.id, applications.jobPostingId))
    .innerJoin(organizations, eq(organizations.id, jobPostings.organizationId))
    .innerJoin(veteranProfiles, eq(veteranProfiles.id, applications.veteranProfileId))
    .where(eq(applications.id, id));
  return row ?? null;
}
export type LoadedApplication = NonNullable<Awaited<ReturnType<typeof loadApplication>>>;

/**
 * Who may see an application: the applicant, members of the job's organisation, staff of the applicant's region
 * (their station's scope). Everyone else: 404.
 */
export async function accessOf(db: Db, actor: Actor, app: LoadedApplication): Promise<"veteran" | "employer" | "staff" | null> {
  if (actor.role === "veteran" && app.veteranUserId === actor.id) return "veteran";
  if (isStaff(actor)) {
    const scope = await staffScope(db, actor).catch(() => null);
    return scope && regionInScope(scope, app.applicantRegionCode) ? "staff" : null;
  }
  if (await isMember(db, actor.id, app.organizationId)) return "employer";
  return null;
}

export async function listEvents(db: Db, applicationId: string) {
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

/**
 * Apply a list of statuses to an application in one transaction: the status update is conditional on the status
 * read before (a concurrent move makes this one fail cleanly), one event per status, firstResponseAt on the
 * employer's first action, and one mail to the veteran (in their locale) for the final status.
 */
export async function recordTransition(
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
    // a hire starts the station's follow-ups at 1, 3 and 6 months
    if (finalStatus === "hired") await scheduleFollowUps(tx as unknown as Db, { source: "hire", veteranProfileId: app.veteranProfileId, applicationId: app.id, placedAt: now });
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

