// Training slots (courses posted by training providers and employers): posting and editing them, the
// organisation's list, and the public slot page with where the viewer stands. Enrolments are in
// training-enrolment.server.ts.
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { organizations, regions, trainingEnrollments, trainingSlots } from "../../db/schema";
import type { EnrollmentStatus } from "../../db/enums";
import { enqueueSearchSync } from "../../search/sync";
import { getSkill, normalizeSkill, taxonomy } from "../../search/taxonomy";
import { trainingFee, type TrainingFee, type TrainingSlotFormValue } from "../forms/training";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";
import { assertOrganizationAccess, isStaff, requireUuid, type Actor } from "./authz.server";
import { regionChain } from "./region.server";
import {
  enrolmentOpen,
  lockSlot,
  profileOfUser,
  promoteFromWaitlist,
  waitlistPosition,
  withRetry,
  type MailContext,
} from "./training-enrolment.server";

const POSTING_KINDS = new Set(["training_provider", "employer"]);

// ------------------------------------------------------------------ posting slots

export interface SkillOption {
  id: string;
  name: string;
  nameEn: string;
  category: string;
}

/** The taxonomy's skills, for the "skills taught" picker, with their category names. */
export function listSkillOptions(): { categories: { id: string; name: string; nameEn: string }[]; skills: SkillOption[] } {
  return {
    categories: taxonomy.categories.map((c) => ({ id: c.id, name: c.name, nameEn: c.nameEn })),
    skills: taxonomy.skills.map((s) => ({ id: s.id, name: s.name, nameEn: s.nameEn, category: s.category })),
  };
}

/** Skill ids of a slot; older rows (imported or seeded) may hold skill names, mapped here when the taxonomy knows them. */
export function skillIdsOf(skills: readonly string[]): string[] {
  const ids = skills.map((s) => (getSkill(s) ? s : normalizeSkill(s))).filter((id): id is string => !!id);
  return [...new Set(ids)];
}

async function assertCanPost(db: Db, actor: Actor, organizationId: string) {
  await assertOrganizationAccess(db, actor, organizationId);
  const [org] = await db.select({ kind: organizations.kind }).from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw new NotFoundError();
  if (!POSTING_KINDS.has(org.kind)) throw new ForbiddenError("training:errors.orgKind");
}

async function validateSlotInput(db: Db, value: TrainingSlotFormValue) {
  const unknown = value.skills.filter((id) => !getSkill(id));
  if (unknown.length) throw new DomainError("training:errors.skill", "skills");
  const [region] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, value.regionCode));
  if (!region) throw new DomainError("training:errors.region", "regionCode");
  if (value.endsAt.getTime() <= value.startsAt.getTime()) throw new DomainError("training:errors.endBeforeStart", "endsAt");
}

function slotColumns(value: TrainingSlotFormValue) {
  return {
    title: value.title,
    description: value.description,
    regionCode: value.regionCode,
    place: value.place,
    startsAt: value.startsAt,
    endsAt: value.endsAt,
    capacity: value.capacity,
    feeFen: value.fee,
    subsidyFen: value.subsidy,
    skills: [...new Set(value.skills)],
    status: value.status,
  };
}

/** Post a slot for an organisation the actor belongs to (a training provider or an employer). */
export async function createOrganizationTrainingSlot(
  db: Db,
  actor: Actor,
  organizationId: string,
  value: TrainingSlotFormValue,
): Promise<{ id: string }> {
  await assertCanPost(db, actor, organizationId);
  await validateSlotInput(db, value);
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx
      .insert(trainingSlots)
      .values({ ...slotColumns(value), organizationId })
      .returning({ id: trainingSlots.id });
    await enqueueSearchSync(tx, "training_slots", [row!.id]);
    return { id: row!.id };
  });
}

/**
 * Change a slot. Capacity cannot go below the seats already taken; when it grows, waitlisted veterans take the new
 * seats in order (and are mailed).
 */
export async function updateTrainingSlot(
  db: Db,
  actor: Actor,
  slotId: string,
  value: TrainingSlotFormValue,
  ctx: MailContext,
): Promise<{ id: string; promoted: string[] }> {
  requireUuid(slotId);
  const [found] = await db.select({ organizationId: trainingSlots.organizationId }).from(trainingSlots).where(eq(trainingSlots.id, slotId));
  if (!found) throw new NotFoundError();
  await assertCanPost(db, actor, found.organizationId);
  await validateSlotInput(db, value);
  return withRetry(db, async (tx) => {
    const slot = await lockSlot(tx, slotId);
    if (!slot) throw new NotFoundError();
    if (value.capacity < slot.seatsTaken) throw new DomainError(`training:errors.capacityBelowTaken|${slot.seatsTaken}`, "capacity");
    await tx
      .update(trainingSlots)
      .set({ ...slotColumns(value), updatedAt: new Date() })
      .where(eq(trainingSlots.id, slotId));
    let promoted: string[] = [];
    if (value.status === "published") {
      promoted = await promoteFromWaitlist(tx, ctx, slotId, value.capacity - slot.seatsTaken);
      if (promoted.length) {
        await tx
          .update(trainingSlots)
          .set({ seatsTaken: sql`${trainingSlots.seatsTaken} + ${promoted.length}` })
          .where(eq(trainingSlots.id, slotId));
      }
    }
    await enqueueSearchSync(tx, "training_slots", [slotId]);
    return { id: slotId, promoted };
  });
}

// ------------------------------------------------------------------ reading

/** An organisation's slots, newest start first, with how many are waiting. Members (and staff) only. */
export async function listOrganizationTrainingSlots(db: Db, actor: Actor, organizationId: string) {
  requireUuid(organizationId);
  await assertOrganizationAccess(db, actor, organizationId);
  return db
    .select({
      id: trainingSlots.id,
      title: trainingSlots.title,
      startsAt: trainingSlots.startsAt,
      endsAt: trainingSlots.endsAt,
      place: trainingSlots.place,
      capacity: trainingSlots.capacity,
      seatsTaken: trainingSlots.seatsTaken,
      feeFen: trainingSlots.feeFen,
      subsidyFen: trainingSlots.subsidyFen,
      status: trainingSlots.status,
      waitlisted: sql<number>`count(${trainingEnrollments.id})::int`,
    })
    .from(trainingSlots)
    .leftJoin(
      trainingEnrollments,
      and(eq(trainingEnrollments.trainingSlotId, trainingSlots.id), eq(trainingEnrollments.status, "waitlisted")),
    )
    .where(eq(trainingSlots.organizationId, organizationId))
    .groupBy(trainingSlots.id)
    .orderBy(desc(trainingSlots.startsAt));
}

/** A slot for its edit form: members of its organisation (and staff) only. */
export async function getTrainingSlotForEdit(db: Db, actor: Actor, slotId: string) {
  requireUuid(slotId);
  const [slot] = await db.select().from(trainingSlots).where(eq(trainingSlots.id, slotId));
  if (!slot) throw new NotFoundError();
  await assertOrganizationAccess(db, actor, slot.organizationId);
  return { ...slot, skills: skillIdsOf(slot.skills), regionPath: await regionChain(db, slot.regionCode) };
}

export type ViewerState =
  | { kind: "anonymous" }
  | { kind: "notVeteran" }
  | { kind: "noProfile" }
  | { kind: "veteran"; enrollment: { id: string; status: EnrollmentStatus; position: number | null } | null };

/** Everything the public slot page shows, and where the viewer stands. Slots that are not live are 404 to the public. */
export async function getTrainingSlotPage(db: Db, slotId: string, viewer: Actor | null) {
  requireUuid(slotId);
  const [row] = await db
    .select({
      slot: trainingSlots,
      organizationName: organizations.name,
      organizationVerified: sql<boolean>`${organizations.verificationStatus} = 'verified'`,
    })
    .from(trainingSlots)
    .innerJoin(organizations, eq(organizations.id, trainingSlots.organizationId))
    .where(eq(trainingSlots.id, slotId));
  if (!row) throw new NotFoundError();
  const { slot } = row;
  let canManage = false;
  if (viewer) {
    canManage = await assertOrganizationAccess(db, viewer, slot.organizationId).then(
      () => true,
      () => false,
    );
  }
  if (slot.status !== "published" && slot.status !== "closed" && !canManage) throw new NotFoundError();

  let state: ViewerState = { kind: "anonymous" };
  if (viewer) {
    const profile = await profileOfUser(db, viewer.id);
    if (profile) {
      const [enrollment] = await db
        .select({ id: trainingEnrollments.id, status: trainingEnrollments.status })
        .from(trainingEnrollments)
        .where(and(eq(trainingEnrollments.trainingSlotId, slotId), eq(trainingEnrollments.veteranProfileId, profile.id)));
      state = {
        kind: "veteran",
        enrollment: enrollment
          ? {
              id: enrollment.id,
              status: enrollment.status as EnrollmentStatus,
              position: enrollment.status === "waitlisted" ? await waitlistPosition(db, enrollment.id) : null,
            }
          : null,
      };
    } else {
      state = { kind: viewer.role === "veteran" ? "noProfile" : "notVeteran" };
    }
  }
  const [waiting] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(trainingEnrollments)
    .where(and(eq(trainingEnrollments.trainingSlotId, slotId), eq(trainingEnrollments.status, "waitlisted")));
  const fee: TrainingFee = trainingFee(slot.feeFen, slot.subsidyFen);
  return {
    slot: {
      id: slot.id,
      organizationId: slot.organizationId,
      title: slot.title,
      description: slot.description,
      place: slot.place,
      regionCode: slot.regionCode,
      startsAt: slot.startsAt.toISOString(),
      endsAt: slot.endsAt.toISOString(),
      capacity: slot.capacity,
      seatsTaken: slot.seatsTaken,
      seatsLeft: Math.max(0, slot.capacity - slot.seatsTaken),
      waitlisted: Number(waiting?.n ?? 0),
      currency: slot.currency,
      status: slot.status,
      open: enrolmentOpen(slot),
    },
    fee,
    organization: { name: row.organizationName, verified: Boolean(row.organizationVerified) },
    regionPath: (await regionChain(db, slot.regionCode)).filter((r) => r.name !== "市辖区"),
    skills: slot.skills.map((s) => {
      const skill = getSkill(s) ?? getSkill(normalizeSkill(s) ?? "");
      return skill ? { id: skill.id, name: skill.name, nameEn: skill.nameEn } : { id: s, name: s, nameEn: s };
    }),
    viewer: state,
    canManage,
    /** May open the course's edit page: members who are employers (providers), and staff; a park manager may not. */
    viewerCanEdit: canManage && viewer !== null && (viewer.role === "employer" || isStaff(viewer)),
  };
}
