import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { trainingSlotSchema, type TrainingSlotFormValue } from "../../app/forms/training";
import { DomainError, ForbiddenError } from "../../app/models/errors";
import { cancelEnrollment, enrol, waitlistPosition } from "../../app/models/training-enrolment.server";
import {
  createOrganizationTrainingSlot,
  getTrainingSlotPage,
  listOrganizationTrainingSlots,
  updateTrainingSlot,
} from "../../app/models/training-slot.server";
import type { Db } from "../../db/client";
import { createOrganization, createTrainingSlot, createUser, createVeteranProfile } from "../../db/factories";
import { emailOutbox, searchOutbox, trainingEnrollments, trainingSlots } from "../../db/schema";
import { withRollback } from "../helpers/db";

const ctx = { publicUrl: "http://rongye.test" };

async function veteran(tx: Db, name: string) {
  const user = await createUser(tx, { role: "veteran", displayName: name });
  const profile = await createVeteranProfile(tx, { userId: user.id, fullName: name });
  return { user, profile };
}

async function slotRow(tx: Db, id: string) {
  const [row] = await tx.select().from(trainingSlots).where(eq(trainingSlots.id, id));
  return row!;
}

async function mailsTo(tx: Db, to: string) {
  const rows = await tx.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, to), eq(emailOutbox.template, "training_enrollment")));
  return rows.map((r) => (r.props as { event: string }).event);
}

/** A parsed form value, as the routes hand it to the model (capacity arrives as a number after Conform's coercion). */
function formValue(overrides: Record<string, string | string[]> = {}): TrainingSlotFormValue {
  const values: Record<string, string | string[]> = {
    title: "电工作业（低压）培训",
    description: "取证班",
    regionCode: "320582",
    place: "港城培训学校",
    startsAt: "2030-05-01T09:00",
    endsAt: "2030-05-10T17:00",
    capacity: "3",
    fee: "1200",
    subsidy: "1000",
    skills: ["electrician"],
    ...overrides,
  };
  const parsed = trainingSlotSchema.safeParse({ ...values, capacity: Number(values.capacity) });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

async function expectDomainError(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === code);
}

describe("training enrolment", () => {
  it("enrols until full, then waitlists in order with positions, and re-enrolling answers without changing anything", async () => {
    await withRollback(async (tx) => {
      const slot = await createTrainingSlot(tx, { capacity: 2 });
      const people = [];
      for (const name of ["甲", "乙", "丙", "丁"]) people.push(await veteran(tx, name));
      const results = [];
      for (const p of people) results.push(await enrol(tx, p.user, slot.id, ctx));
      expect(results.map((r) => r.status)).toEqual(["enrolled", "enrolled", "waitlisted", "waitlisted"]);
      expect(results[0]).toMatchObject({ already: false, seatsLeft: 1 });
      expect(results[1]).toMatchObject({ seatsLeft: 0 });
      expect(results[2]).toMatchObject({ position: 1 });
      expect(results[3]).toMatchObject({ position: 2 });
      expect((await slotRow(tx, slot.id)).seatsTaken).toBe(2);

      const again = await enrol(tx, people[0]!.user, slot.id, ctx);
      expect(again).toMatchObject({ status: "enrolled", already: true, enrollmentId: results[0]!.enrollmentId });
      const againWaiting = await enrol(tx, people[3]!.user, slot.id, ctx);
      expect(againWaiting).toMatchObject({ status: "waitlisted", already: true, position: 2 });
      expect((await slotRow(tx, slot.id)).seatsTaken).toBe(2);
      const rows = await tx.select().from(trainingEnrollments).where(eq(trainingEnrollments.trainingSlotId, slot.id));
      expect(rows).toHaveLength(4);

      // one mail per change: enrolled / waitlisted, none for the repeated requests
      expect(await mailsTo(tx, people[0]!.user.email)).toEqual(["enrolled"]);
      expect(await mailsTo(tx, people[3]!.user.email)).toEqual(["waitlisted"]);
      // every enrolment changes seats_left in the search document
      const synced = await tx.select().from(searchOutbox).where(and(eq(searchOutbox.indexName, "training_slots"), eq(searchOutbox.documentId, slot.id)));
      expect(synced).toHaveLength(4);
    });
  });

  it("cancelling a seat promotes the earliest waitlisted veteran in the same transaction and mails them", async () => {
    await withRollback(async (tx) => {
      const slot = await createTrainingSlot(tx, { capacity: 1 });
      const a = await veteran(tx, "张伟");
      const b = await veteran(tx, "李强");
      const c = await veteran(tx, "王磊");
      const ra = await enrol(tx, a.user, slot.id, ctx);
      const rb = await enrol(tx, b.user, slot.id, ctx);
      const rc = await enrol(tx, c.user, slot.id, ctx);
      expect([rb, rc].map((r) => r.status === "waitlisted" && r.position)).toEqual([1, 2]);

      const cancelled = await cancelEnrollment(tx, a.user, ra.enrollmentId, ctx);
      expect(cancelled).toMatchObject({ previous: "enrolled", promotedEnrollmentId: rb.enrollmentId });
      expect((await slotRow(tx, slot.id)).seatsTaken).toBe(1);
      const page = await getTrainingSlotPage(tx, slot.id, b.user);
      expect(page.viewer).toEqual({ kind: "veteran", enrollment: { id: rb.enrollmentId, status: "enrolled", position: null } });
      expect(await waitlistPosition(tx, rc.enrollmentId)).toBe(1);
      expect(await mailsTo(tx, b.user.email)).toEqual(["waitlisted", "promoted"]);
      expect(await mailsTo(tx, a.user.email)).toEqual(["enrolled", "cancelled"]);

      // cancelling again is a no-op answer, not an error
      expect(await cancelEnrollment(tx, a.user, ra.enrollmentId, ctx)).toMatchObject({ previous: "cancelled", promotedEnrollmentId: null });

      // a waitlisted veteran leaving only leaves the queue
      const left = await cancelEnrollment(tx, c.user, rc.enrollmentId, ctx);
      expect(left).toMatchObject({ previous: "waitlisted", promotedEnrollmentId: null });
      expect((await slotRow(tx, slot.id)).seatsTaken).toBe(1);

      // the promoted veteran cancels with nobody waiting: the seat is freed
      await cancelEnrollment(tx, b.user, rb.enrollmentId, ctx);
      expect((await slotRow(tx, slot.id)).seatsTaken).toBe(0);

      // and a cancelled veteran may enrol again, taking the free seat
      const back = await enrol(tx, a.user, slot.id, ctx);
      expect(back).toMatchObject({ status: "enrolled", enrollmentId: ra.enrollmentId, already: false });
    });
  });

  it("says so when the veteran has no profile, and refuses closed or started courses", async () => {
    await withRollback(async (tx) => {
      const slot = await createTrainingSlot(tx, { capacity: 5 });
      const noProfile = await createUser(tx, { role: "veteran" });
      await expectDomainError(enrol(tx, noProfile, slot.id, ctx), "training:errors.noProfile");
      expect((await getTrainingSlotPage(tx, slot.id, noProfile)).viewer).toEqual({ kind: "noProfile" });

      const v = await veteran(tx, "赵军");
      const closed = await createTrainingSlot(tx, { capacity: 5, status: "closed" });
      await expectDomainError(enrol(tx, v.user, closed.id, ctx), "training:errors.closed");
      const started = await createTrainingSlot(tx, { capacity: 5, startsAt: new Date(Date.now() - 86_400_000) });
      await expectDomainError(enrol(tx, v.user, started.id, ctx), "training:errors.closed");
      expect((await slotRow(tx, closed.id)).seatsTaken).toBe(0);
    });
  });
});

describe("posting training slots", () => {
  it("lets a training provider's member post and edit, storing fen, and enqueues search sync each time", async () => {
    await withRollback(async (tx) => {
      const owner = await createUser(tx, { role: "employer" });
      const org = await createOrganization(tx, { kind: "training_provider", ownerUserId: owner.id });
      const { id } = await createOrganizationTrainingSlot(tx, owner, org.id, formValue({ fee: "1200.50", subsidy: "1000" }));
      const row = await slotRow(tx, id);
      expect(row).toMatchObject({ feeFen: 120_050, subsidyFen: 100_000, capacity: 3, seatsTaken: 0, status: "published", skills: ["electrician"] });
      expect(row.startsAt.toISOString()).toBe("2030-05-01T01:00:00.000Z");
      const list = await listOrganizationTrainingSlots(tx, owner, org.id);
      expect(list.map((s) => s.id)).toEqual([id]);

      await updateTrainingSlot(tx, owner, id, formValue({ title: "电工作业（低压）取证班", capacity: "4" }), ctx);
      expect((await slotRow(tx, id)).title).toBe("电工作业（低压）取证班");
      const synced = await tx.select().from(searchOutbox).where(eq(searchOutbox.documentId, id));
      expect(synced).toHaveLength(2);
    });
  });

  it("refuses capacity below the seats taken, and a larger capacity enrols waitlisted veterans in order", async () => {
    await withRollback(async (tx) => {
      const owner = await createUser(tx, { role: "employer" });
      const org = await createOrganization(tx, { kind: "employer", ownerUserId: owner.id });
      const { id } = await createOrganizationTrainingSlot(tx, owner, org.id, formValue({ capacity: "2" }));
      const people = [];
      for (const name of ["一", "二", "三", "四"]) people.push(await veteran(tx, name));
      const results = [];
      for (const p of people) results.push(await enrol(tx, p.user, id, ctx));

      await expect(updateTrainingSlot(tx, owner, id, formValue({ capacity: "1" }), ctx)).rejects.toSatisfy(
        (e: unknown) => e instanceof DomainError && e.code === "training:errors.capacityBelowTaken|2" && e.field === "capacity",
      );
      expect((await slotRow(tx, id)).capacity).toBe(2);

      const updated = await updateTrainingSlot(tx, owner, id, formValue({ capacity: "3" }), ctx);
      expect(updated.promoted).toEqual([results[2]!.enrollmentId]);
      expect(await slotRow(tx, id)).toMatchObject({ capacity: 3, seatsTaken: 3 });
      expect(await waitlistPosition(tx, results[3]!.enrollmentId)).toBe(1);
      expect(await mailsTo(tx, people[2]!.user.email)).toEqual(["waitlisted", "promoted"]);
    });
  });

  it("validates skills and region on the server", async () => {
    await withRollback(async (tx) => {
      const owner = await createUser(tx, { role: "employer" });
      const org = await createOrganization(tx, { kind: "training_provider", ownerUserId: owner.id });
      await expectDomainError(createOrganizationTrainingSlot(tx, owner, org.id, formValue({ skills: ["no_such_skill"] })), "training:errors.skill");
      await expectDomainError(createOrganizationTrainingSlot(tx, owner, org.id, formValue({ regionCode: "999999" })), "training:errors.region");
    });
  });
});

describe("access sweep", () => {
  it("another employer cannot edit, list or post for an organisation they do not belong to", async () => {
    await withRollback(async (tx) => {
      const owner = await createUser(tx, { role: "employer" });
      const org = await createOrganization(tx, { kind: "training_provider", ownerUserId: owner.id });
      const { id } = await createOrganizationTrainingSlot(tx, owner, org.id, formValue());
      const stranger = await createUser(tx, { role: "employer" });
      await createOrganization(tx, { kind: "employer", ownerUserId: stranger.id });
      await expect(updateTrainingSlot(tx, stranger, id, formValue({ title: "篡改" }), ctx)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listOrganizationTrainingSlots(tx, stranger, org.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(createOrganizationTrainingSlot(tx, stranger, org.id, formValue())).rejects.toBeInstanceOf(ForbiddenError);
      expect((await slotRow(tx, id)).title).toBe("电工作业（低压）培训");
      // a veteran is no member either
      const v = await veteran(tx, "钱");
      await expect(updateTrainingSlot(tx, v.user, id, formValue(), ctx)).rejects.toBeInstanceOf(ForbiddenError);
    });
  });

  it("organisations of other kinds cannot post courses", async () => {
    await withRollback(async (tx) => {
      const manager = await createUser(tx, { role: "incubator" });
      const park = await createOrganization(tx, { kind: "incubator_park", ownerUserId: manager.id });
      await expect(createOrganizationTrainingSlot(tx, manager, park.id, formValue())).rejects.toSatisfy(
        (e: unknown) => e instanceof ForbiddenError && e.code === "training:errors.orgKind",
      );
    });
  });

  it("a veteran cannot cancel another veteran's enrolment; staff can", async () => {
    await withRollback(async (tx) => {
      const slot = await createTrainingSlot(tx, { capacity: 2 });
      const a = await veteran(tx, "孙");
      const b = await veteran(tx, "周");
      const ra = await enrol(tx, a.user, slot.id, ctx);
      await expect(cancelEnrollment(tx, b.user, ra.enrollmentId, ctx)).rejects.toBeInstanceOf(ForbiddenError);
      const employer = await createUser(tx, { role: "employer" });
      await expect(cancelEnrollment(tx, employer, ra.enrollmentId, ctx)).rejects.toBeInstanceOf(ForbiddenError);
      expect((await slotRow(tx, slot.id)).seatsTaken).toBe(1);
      const staff = await createUser(tx, { role: "staff" });
      expect(await cancelEnrollment(tx, staff, ra.enrollmentId, ctx)).toMatchObject({ previous: "enrolled" });
      expect((await slotRow(tx, slot.id)).seatsTaken).toBe(0);
    });
  });
});
