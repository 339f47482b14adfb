/**
 * Veterans' enrolments in training slots.
 *
 * Seats are never over-sold: an enrolment takes a seat with one conditional UPDATE
 * (`seats_taken < capacity`), backed by the table's CHECK, and the waitlist is ordered by the moment a veteran
 * joined it. All changes to a slot's enrolments happen while holding the slot's row lock, taken first, so
 * concurrent enrolments and cancellations of one slot queue up instead of deadlocking.
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import { organizations, trainingEnrollments, trainingSlots, users, veteranProfiles } from "../../db/schema";
import type { EnrollmentStatus } from "../../db/enums";
import { enqueueEmail } from "../../emails/outbox";
import type { TrainingEnrollmentEvent } from "../../emails/training-enrollment";
import { enqueueSearchSync } from "../../search/sync";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";
import { isStaff, requireUuid, type Actor } from "./authz.server";
import { assertRegionInScope, staffScope } from "./staff-scope.server";
import { isHeldForRejection } from "./organization-hold.server";

export interface MailContext {
  /** Absolute base URL for links in mail, e.g. config.PUBLIC_URL. */
  publicUrl: string;
}

const MAX_ATTEMPTS = 8;

export type EnrolResult =
  | { status: "enrolled"; enrollmentId: string; already: boolean; seatsLeft: number }
  | { status: "waitlisted"; enrollmentId: string; already: boolean; position: number };

export interface CancelResult {
  status: "cancelled";
  enrollmentId: string;
  /** What the entry was before: an enrolled seat, a waitlist place, or already cancelled (nothing changed). */
  previous: EnrollmentStatus;
  /** The waitlisted enrolment that took the freed seat, if any. */
  promotedEnrollmentId: string | null;
}

// ------------------------------------------------------------------ helpers

/** Thrown inside a transaction to roll it back and run it again (a concurrent insert won a unique race). */
class RetryTransaction extends Error {}

function pgErrorCode(error: unknown): string | undefined {
  for (let e = error, guard = 0; e && guard < 5; guard++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Run `body` in a transaction, again on a lost unique race, a deadlock or a serialization failure. */
export async function withRetry<T>(db: Db, body: (tx: Db) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => body(tx as unknown as Db));
    } catch (error) {
      const code = pgErrorCode(error);
      const retriable = error instanceof RetryTransaction || code === "40001" || code === "40P01" || code === "23505";
      if (!retriable || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

export async function lockSlot(tx: Db, slotId: string) {
  const [slot] = await tx.select().from(trainingSlots).where(eq(trainingSlots.id, slotId)).for("update");
  return slot;
}

export async function profileOfUser(db: Db, userId: string) {
  const [profile] = await db
    .select({ id: veteranProfiles.id, fullName: veteranProfiles.fullName })
    .from(veteranProfiles)
    .where(eq(veteranProfiles.userId, userId));
  return profile;
}

/**
 * The same table under another name, for subqueries that compare rows of it with the outer row. drizzle leaves
 * columns unqualified in single-table selects, so an un-aliased inner table would capture the outer column names.
 */
const otherEnrollment = alias(trainingEnrollments, "other_enrollment");

/** 1-based place in the slot's waitlist: entries are served by the time they joined, then by id. */
export async function waitlistPosition(db: Db, enrollmentId: string): Promise<number | null> {
  const [row] = await db
    .select({ position: sql<number>`count(*)::int` })
    .from(trainingEnrollments)
    .innerJoin(
      otherEnrollment,
      and(
        eq(otherEnrollment.trainingSlotId, trainingEnrollments.trainingSlotId),
        eq(otherEnrollment.status, "waitlisted"),
        sql`(${otherEnrollment.createdAt}, ${otherEnrollment.id}) <= (${trainingEnrollments.createdAt}, ${trainingEnrollments.id})`,
      ),
    )
    .where(and(eq(trainingEnrollments.id, enrollmentId), eq(trainingEnrollments.status, "waitlisted")))
    .groupBy(trainingEnrollments.id);
  return row ? Number(row.position) : null;
}

function courseUrl(ctx: MailContext, slotId: string): string {
  return `${ctx.publicUrl.replace(/\/+$/, "")}/training/${slotId}`;
}

/** Mail the veteran behind an enrolment, if the profile has an account or a contact address. */
async function mailEnrollment(
  tx: Db,
  ctx: MailContext,
  enrollmentId: string,
  event: TrainingEnrollmentEvent,
  position?: number,
): Promise<void> {
  const [row] = await tx
    .select({
      slotId: trainingSlots.id,
      title: trainingSlots.title,
      startsAt: trainingSlots.startsAt,
      place: trainingSlots.place,
      fullName: veteranProfiles.fullName,
      contactEmail: veteranProfiles.contactEmail,
      userId: users.id,
      userEmail: users.email,
      userLocale: users.locale,
    })
    .from(trainingEnrollments)
    .innerJoin(trainingSlots, eq(trainingSlots.id, trainingEnrollments.trainingSlotId))
    .innerJoin(veteranProfiles, eq(veteranProfiles.id, trainingEnrollments.veteranProfileId))
    .leftJoin(users, eq(users.id, veteranProfiles.userId))
    .where(eq(trainingEnrollments.id, enrollmentId));
  const to = row?.userEmail ?? row?.contactEmail;
  if (!row || !to) return;
  await enqueueEmail(tx, {
    template: "training_enrollment",
    to,
    locale: row.userLocale ?? "zh-CN",
    userId: row.userId,
    // One mail per change of the enrolment; a later change (cancel, re-enrol) is a new mail.
    idempotencyKey: `training_enrollment:${enrollmentId}:${event}:${randomUUID()}`,
    props: {
      name: row.fullName,
      event,
      courseTitle: row.title,
      startsAt: new Date(row.startsAt).toISOString(),
      place: row.place,
      position,
      courseUrl: courseUrl(ctx, row.slotId),
    },
  });
}

/**
 * Move the first `count` waitlisted entries of a locked slot to enrolled (earliest joined first) and mail them.
 * Seats are the caller's business: a cancellation hands its seat over, a capacity increase adds seats.
 */
export async function promoteFromWaitlist(tx: Db, ctx: MailContext, slotId: string, count: number): Promise<string[]> {
  if (count <= 0) return [];
  const next = await tx
    .select({ id: trainingEnrollments.id })
    .from(trainingEnrollments)
    .where(and(eq(trainingEnrollments.trainingSlotId, slotId), eq(trainingEnrollments.status, "waitlisted")))
    .orderBy(asc(trainingEnrollments.createdAt), asc(trainingEnrollments.id))
    .limit(count)
    .for("update");
  for (const { id } of next) {
    await tx
      .update(trainingEnrollments)
      .set({ status: "enrolled", updatedAt: sql`clock_timestamp()` })
      .where(eq(trainingEnrollments.id, id));
    await mailEnrollment(tx, ctx, id, "promoted");
  }
  return next.map((n) => n.id);
}

export function enrolmentOpen(slot: { status: string; startsAt: Date }, now = new Date()): boolean {
  return slot.status === "published" && slot.startsAt.getTime() > now.getTime();
}

// ------------------------------------------------------------------ enrolment

/**
 * Enrol the acting veteran in a slot: a seat if one is left, else a place on the waitlist. Asking again while
 * enrolled or waitlisted answers with the current state (`already: true`) and changes nothing.
 */
export async function enrol(db: Db, actor: Actor, slotId: string, ctx: MailContext): Promise<EnrolResult> {
  requireUuid(slotId);
  const profile = await profileOfUser(db, actor.id);
  if (!profile) throw new DomainError("training:errors.noProfile", undefined, 409);
  return enrolProfile(db, profile.id, slotId, ctx);
}

async function enrolProfile(db: Db, profileId: string, slotId: string, ctx: MailContext): Promise<EnrolResult> {
  return withRetry(db, async (tx) => {
    const [existing] = await tx
      .select({ id: trainingEnrollments.id, status: trainingEnrollments.status })
      .from(trainingEnrollments)
      .where(and(eq(trainingEnrollments.trainingSlotId, slotId), eq(trainingEnrollments.veteranProfileId, profileId)));
    const [slot] = await tx.select().from(trainingSlots).where(eq(trainingSlots.id, slotId));
    if (!slot) throw new NotFoundError();
    if (existing?.status === "enrolled") {
      return { status: "enrolled", enrollmentId: existing.id, already: true, seatsLeft: slot.capacity - slot.seatsTaken };
    }
    if (existing?.status === "waitlisted") {
      return { status: "waitlisted", enrollmentId: existing.id, already: true, position: (await waitlistPosition(tx, existing.id)) ?? 1 };
    }
    if (!enrolmentOpen(slot)) {
      const [provider] = await tx
        .select({ status: organizations.verificationStatus })
        .from(organizations)
        .where(eq(organizations.id, slot.organizationId));
      const held = provider && isHeldForRejection(slot, provider.status);
      throw new DomainError(held ? "training:errors.providerOnHold" : "training:errors.closed", undefined, 409);
    }

    const takeSeat = () =>
      tx
        .update(trainingSlots)
        .set({ seatsTaken: sql`${trainingSlots.seatsTaken} + 1`, updatedAt: new Date() })
        .where(
          and(
            eq(trainingSlots.id, slotId),
            eq(trainingSlots.status, "published"),
            sql`${trainingSlots.seatsTaken} < ${trainingSlots.capacity}`,
          ),
        )
        .returning({ seatsTaken: trainingSlots.seatsTaken, capacity: trainingSlots.capacity });

    let seat = (await takeSeat())[0];
    if (!seat) {
      // Full (or just closed). Queue behind the slot's lock so waitlist places are handed out one at a time, and
      // try once more under it: a cancellation with nobody waiting may have freed a seat meanwhile.
      const locked = await lockSlot(tx, slotId);
      if (!locked || locked.status !== "published") throw new DomainError("training:errors.closed", undefined, 409);
      seat = (await takeSeat())[0];
    }
    const status: EnrollmentStatus = seat ? "enrolled" : "waitlisted";
    // created_at is the moment this veteran joined (or re-joined) the queue: clock_timestamp(), taken while the
    // slot is locked, so the waitlist order is the order places were handed out.
    const [row] = await tx
      .insert(trainingEnrollments)
      .values({ trainingSlotId: slotId, veteranProfileId: profileId, status, createdAt: sql`clock_timestamp()` })
      .onConflictDoUpdate({
        target: [trainingEnrollments.trainingSlotId, trainingEnrollments.veteranProfileId],
        set: { status, createdAt: sql`clock_timestamp()`, updatedAt: sql`clock_timestamp()` },
        setWhere: sql`${trainingEnrollments.status} = 'cancelled'`,
      })
      .returning({ id: trainingEnrollments.id });
    // The same veteran enrolled concurrently and won: roll back our seat and answer from their row.
    if (!row) throw new RetryTransaction();

    await enqueueSearchSync(tx, "training_slots", [slotId]);
    if (seat) {
      await mailEnrollment(tx, ctx, row.id, "enrolled");
      return { status: "enrolled", enrollmentId: row.id, already: false, seatsLeft: seat.capacity - seat.seatsTaken };
    }
    const position = (await waitlistPosition(tx, row.id)) ?? 1;
    await mailEnrollment(tx, ctx, row.id, "waitlisted", position);
    return { status: "waitlisted", enrollmentId: row.id, already: false, position };
  });
}

/**
 * Cancel an enrolment or a waitlist place. The veteran it belongs to (or staff) may; a cancelled seat goes to the
 * first veteran on the waitlist in the same transaction, and they are mailed.
 */
export async function cancelEnrollment(db: Db, actor: Actor, enrollmentId: string, ctx: MailContext): Promise<CancelResult> {
  requireUuid(enrollmentId);
  const [owner] = await db
    .select({ slotId: trainingEnrollments.trainingSlotId, userId: veteranProfiles.userId, regionCode: veteranProfiles.regionCode })
    .from(trainingEnrollments)
    .innerJoin(veteranProfiles, eq(veteranProfiles.id, trainingEnrollments.veteranProfileId))
    .where(eq(trainingEnrollments.id, enrollmentId));
  if (!owner) throw new NotFoundError();
  // Staff act for veterans of their station's region only.
  if (isStaff(actor)) assertRegionInScope(await staffScope(db, actor), owner.regionCode);
  else if (owner.userId !== actor.id) throw new ForbiddenError();

  return withRetry(db, async (tx) => {
    await lockSlot(tx, owner.slotId);
    const [current] = await tx
      .select({ status: trainingEnrollments.status })
      .from(trainingEnrollments)
      .where(eq(trainingEnrollments.id, enrollmentId))
      .for("update");
    if (!current) throw new NotFoundError();
    const previous = current.status as EnrollmentStatus;
    if (previous === "cancelled") return { status: "cancelled", enrollmentId, previous, promotedEnrollmentId: null };

    await tx
      .update(trainingEnrollments)
      .set({ status: "cancelled", updatedAt: sql`clock_timestamp()` })
      .where(eq(trainingEnrollments.id, enrollmentId));
    let promoted: string | null = null;
    if (previous === "enrolled") {
      [promoted = null] = await promoteFromWaitlist(tx, ctx, owner.slotId, 1);
      if (!promoted) {
        await tx
          .update(trainingSlots)
          .set({ seatsTaken: sql`${trainingSlots.seatsTaken} - 1`, updatedAt: new Date() })
          .where(eq(trainingSlots.id, owner.slotId));
      }
    }
    await mailEnrollment(tx, ctx, enrollmentId, "cancelled");
    await enqueueSearchSync(tx, "training_slots", [owner.slotId]);
    return { status: "cancelled", enrollmentId, previous, promotedEnrollmentId: promoted };
  });
}
