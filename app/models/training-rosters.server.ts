import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { applications, organizations, trainingEnrollments, trainingSlots, veteranProfiles } from "../../db/schema";
import type { EnrollmentStatus } from "../../db/enums";
import type { ApplicationStatus } from "./application-status";
import { assertOrganizationAccess, requireUuid, type Actor } from "./authz.server";
import { NotFoundError } from "./errors";
import { describeSpecialty } from "./profile-vocabulary.server";

/**
 * Who is on which course, from both sides: a veteran's own enrolments ("my training"), a provider's list of who
 * enrolled on one of its courses, and which jobs a veteran has already applied for (marked in lists).
 */

/** Place in the waitlist of each waitlisted enrolment (1-based, by join time then id), for many at once. */
const WAITLIST_POSITION = sql<number | null>`case when ${trainingEnrollments.status} = 'waitlisted' then (
  select count(*)::int from ${trainingEnrollments} w
  where w.training_slot_id = ${trainingEnrollments.trainingSlotId} and w.status = 'waitlisted'
    and (w.created_at, w.id) <= (${trainingEnrollments.createdAt}, ${trainingEnrollments.id})
) end`;

/** The enrolment's own columns, as both lists show them. */
const ENROLMENT_COLUMNS = {
  id: trainingEnrollments.id,
  status: trainingEnrollments.status,
  enrolledAt: trainingEnrollments.createdAt,
  position: WAITLIST_POSITION,
};

/** The signed-in veteran's enrolments (enrolled and waitlisted first, then cancelled), soonest course first. */
export async function listMyEnrolments(db: Db, actor: Actor) {
  if (actor.role !== "veteran") return [];
  const rows = await db
    .select({
      ...ENROLMENT_COLUMNS,
      slotId: trainingSlots.id,
      title: trainingSlots.title,
      startsAt: trainingSlots.startsAt,
      endsAt: trainingSlots.endsAt,
      place: trainingSlots.place,
      organizationName: organizations.name,
    })
    .from(trainingEnrollments)
    .innerJoin(veteranProfiles, eq(veteranProfiles.id, trainingEnrollments.veteranProfileId))
    .innerJoin(trainingSlots, eq(trainingSlots.id, trainingEnrollments.trainingSlotId))
    .innerJoin(organizations, eq(organizations.id, trainingSlots.organizationId))
    .where(eq(veteranProfiles.userId, actor.id))
    .orderBy(sql`${trainingEnrollments.status} = 'cancelled'`, asc(trainingSlots.startsAt), asc(trainingEnrollments.id));
  return rows.map((r) => ({ ...r, status: r.status as EnrollmentStatus, position: r.position === null ? null : Number(r.position) }));
}

/**
 * Who enrolled on a course, for the members of the organisation that runs it (and staff): enrolled first, then the
 * waitlist in order, then cancellations. Anyone else gets NotFoundError, as for a course that does not exist.
 */
export async function listSlotEnrolments(db: Db, actor: Actor, slotId: string) {
  requireUuid(slotId);
  const [slot] = await db
    .select({ id: trainingSlots.id, title: trainingSlots.title, organizationId: trainingSlots.organizationId, capacity: trainingSlots.capacity, seatsTaken: trainingSlots.seatsTaken, startsAt: trainingSlots.startsAt })
    .from(trainingSlots)
    .where(eq(trainingSlots.id, slotId));
  if (!slot) throw new NotFoundError();
  await assertOrganizationAccess(db, actor, slot.organizationId).catch(() => {
    throw new NotFoundError();
  });
  const rows = await db
    .select({
      ...ENROLMENT_COLUMNS,
      name: veteranProfiles.fullName,
      regionCode: veteranProfiles.regionCode,
      specialty: veteranProfiles.specialty,
    })
    .from(trainingEnrollments)
    .innerJoin(veteranProfiles, eq(veteranProfiles.id, trainingEnrollments.veteranProfileId))
    .where(eq(trainingEnrollments.trainingSlotId, slot.id))
    .orderBy(
      sql`case ${trainingEnrollments.status} when 'enrolled' then 0 when 'waitlisted' then 1 else 2 end`,
      asc(trainingEnrollments.createdAt),
      asc(trainingEnrollments.id),
    );
  return {
    slot,
    enrolments: rows.map((r) => ({
      ...r,
      specialty: r.specialty ? describeSpecialty(r.specialty) : null,
      status: r.status as EnrollmentStatus,
      position: r.position === null ? null : Number(r.position),
    })),
  };
}

/** Enrolment counts (enrolled, waitlisted) per course of `slotIds`, for the lists of their organisation. */
export async function enrolmentCountsBySlot(db: Db, slotIds: readonly string[]): Promise<Record<string, { enrolled: number; waitlisted: number }>> {
  const result: Record<string, { enrolled: number; waitlisted: number }> = {};
  if (slotIds.length === 0) return result;
  const rows = await db
    .select({ slotId: trainingEnrollments.trainingSlotId, status: trainingEnrollments.status, n: sql<number>`count(*)::int` })
    .from(trainingEnrollments)
    .where(and(inArray(trainingEnrollments.trainingSlotId, [...slotIds]), ne(trainingEnrollments.status, "cancelled")))
    .groupBy(trainingEnrollments.trainingSlotId, trainingEnrollments.status);
  for (const row of rows) {
    const counts = (result[row.slotId] ??= { enrolled: 0, waitlisted: 0 });
    if (row.status === "enrolled" || row.status === "waitlisted") counts[row.status] = Number(row.n);
  }
  return result;
}

/**
 * The veteran's latest application to each of `jobIds` they have applied for (withdrawn ones left out: they can
 * apply again), for marking jobs already applied for in search results and recommendations.
 */
export async function myApplicationsForJobs(db: Db, actor: Actor | null, jobIds: readonly string[]): Promise<Record<string, { id: string; status: ApplicationStatus }>> {
  const result: Record<string, { id: string; status: ApplicationStatus }> = {};
  if (!actor || actor.role !== "veteran" || jobIds.length === 0) return result;
  const rows = await db
    .select({ id: applications.id, jobId: applications.jobPostingId, status: applications.status })
    .from(applications)
    .innerJoin(veteranProfiles, eq(veteranProfiles.id, applications.veteranProfileId))
    .where(and(eq(veteranProfiles.userId, actor.id), inArray(applications.jobPostingId, [...jobIds]), ne(applications.status, "withdrawn")))
    .orderBy(desc(applications.createdAt));
  for (const row of rows) result[row.jobId] ??= { id: row.id, status: row.status };
  return result;
}
