import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { createJobPosting, createOrganization, createTrainingSlot, createUser, createVeteranProfile } from "../../db/factories";
import { applications, trainingEnrollments } from "../../db/schema";
import { NotFoundError } from "../../app/models/errors";
import { enrolmentCountsBySlot, listMyEnrolments, listSlotEnrolments, myApplicationsForJobs } from "../../app/models/training-rosters.server";
import { getTestDb, withRollback } from "../helpers/db";

beforeAll(() => getTestDb());

const DAY = 86_400_000;

async function veteran(tx: Db, name: string) {
  const user = await createUser(tx, { role: "veteran" });
  const profile = await createVeteranProfile(tx, { userId: user.id, fullName: name });
  return { user, profile };
}

async function enrolment(tx: Db, slotId: string, profileId: string, status: "enrolled" | "waitlisted" | "cancelled", minutesAgo: number) {
  const createdAt = new Date(Date.now() - minutesAgo * 60_000);
  await tx.insert(trainingEnrollments).values({ trainingSlotId: slotId, veteranProfileId: profileId, status, createdAt });
}

/** A provider with a two-seat course (full, two waiting, one cancelled) and a later course. */
async function world(tx: Db) {
  const provider = await createUser(tx, { role: "employer" });
  const org = await createOrganization(tx, { ownerUserId: provider.id, kind: "training_provider", verificationStatus: "verified" });
  const forklift = await createTrainingSlot(tx, { organizationId: org.id, title: "叉车操作证培训", capacity: 2, seatsTaken: 2, startsAt: new Date(Date.now() + 10 * DAY) });
  const welding = await createTrainingSlot(tx, { organizationId: org.id, title: "焊工培训", startsAt: new Date(Date.now() + 30 * DAY) });
  const a = await veteran(tx, "甲一");
  const b = await veteran(tx, "乙二");
  const c = await veteran(tx, "丙三");
  const d = await veteran(tx, "丁四");
  const e = await veteran(tx, "戊五");
  await enrolment(tx, forklift.id, a.profile.id, "enrolled", 50);
  await enrolment(tx, forklift.id, b.profile.id, "enrolled", 40);
  await enrolment(tx, forklift.id, d.profile.id, "waitlisted", 20);
  await enrolment(tx, forklift.id, c.profile.id, "waitlisted", 30);
  await enrolment(tx, forklift.id, e.profile.id, "cancelled", 60);
  await enrolment(tx, welding.id, c.profile.id, "enrolled", 10);
  return { provider, org, forklift, welding, a, b, c, d, e };
}

describe("training rosters", () => {
  it("a veteran's own enrolments, soonest first, with the waitlist place; cancelled last", async () => {
    await withRollback(async (tx) => {
      const w = await world(tx);
      const mine = await listMyEnrolments(tx, w.c.user);
      expect(mine.map((m) => [m.title, m.status, m.position])).toEqual([
        ["叉车操作证培训", "waitlisted", 1],
        ["焊工培训", "enrolled", null],
      ]);
      expect((await listMyEnrolments(tx, w.d.user))[0]).toMatchObject({ status: "waitlisted", position: 2 });
      expect(await listMyEnrolments(tx, w.provider)).toEqual([]);
      const onlyCancelled = await listMyEnrolments(tx, w.e.user);
      expect(onlyCancelled.map((m) => m.status)).toEqual(["cancelled"]);
    });
  });

  it("the provider sees who enrolled (enrolled, then the waitlist in order, then cancelled); nobody else does", async () => {
    await withRollback(async (tx) => {
      const w = await world(tx);
      const roster = await listSlotEnrolments(tx, w.provider, w.forklift.id);
      expect(roster.enrolments.map((r) => [r.name, r.status, r.position])).toEqual([
        ["甲一", "enrolled", null],
        ["乙二", "enrolled", null],
        ["丙三", "waitlisted", 1],
        ["丁四", "waitlisted", 2],
        ["戊五", "cancelled", null],
      ]);
      const staff = await createUser(tx, { role: "staff" });
      expect((await listSlotEnrolments(tx, staff, w.forklift.id)).enrolments).toHaveLength(5);
      const otherEmployer = await createUser(tx, { role: "employer" });
      await createOrganization(tx, { ownerUserId: otherEmployer.id, kind: "training_provider" });
      await expect(listSlotEnrolments(tx, otherEmployer, w.forklift.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(listSlotEnrolments(tx, w.a.user, w.forklift.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(listSlotEnrolments(tx, w.provider, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
      expect(await enrolmentCountsBySlot(tx, [w.forklift.id, w.welding.id])).toEqual({
        [w.forklift.id]: { enrolled: 2, waitlisted: 2 },
        [w.welding.id]: { enrolled: 1, waitlisted: 0 },
      });
    });
  });

  it("marks the jobs a veteran has applied for (not withdrawn ones, not for anyone else)", async () => {
    await withRollback(async (tx) => {
      const v = await veteran(tx, "己六");
      const applied = await createJobPosting(tx, { title: "冷链司机" });
      const withdrawn = await createJobPosting(tx, { title: "保安" });
      const untouched = await createJobPosting(tx, { title: "厨师" });
      const [row] = await tx.insert(applications).values({ jobPostingId: applied.id, veteranProfileId: v.profile.id, status: "interview" }).returning();
      await tx.insert(applications).values({ jobPostingId: withdrawn.id, veteranProfileId: v.profile.id, status: "withdrawn" });
      const marks = await myApplicationsForJobs(tx, v.user, [applied.id, withdrawn.id, untouched.id]);
      expect(marks).toEqual({ [applied.id]: { id: row!.id, status: "interview" } });
      expect(await myApplicationsForJobs(tx, null, [applied.id])).toEqual({});
      const other = await veteran(tx, "庚七");
      expect(await myApplicationsForJobs(tx, other.user, [applied.id])).toEqual({});
    });
  });
});
