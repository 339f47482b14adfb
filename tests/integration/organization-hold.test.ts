import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { runMaintenance } from "../../app/maintenance.server";
import { applyToJob } from "../../app/models/application.server";
import { DomainError } from "../../app/models/errors";
import { rejectOrganization, verifyOrganization } from "../../app/models/organization-review.server";
import { enrol } from "../../app/models/training-enrolment.server";
import type { Db } from "../../db/client";
import { createJobPosting, createOrganization, createTrainingSlot, createUser, createVeteranProfile } from "../../db/factories";
import { jobPostings, organizations, trainingSlots } from "../../db/schema";
import { EmbeddedSearchEngine } from "../../search/embedded";
import { drainSearchOutbox, ensureIndexes } from "../../search/sync";
import { getTestDb, withRollback } from "../helpers/db";

// Open (and migrate) the shared test database in the hook, not inside the first test's time budget.
beforeAll(() => getTestDb());

const BASE = "http://rongye.test";

async function statusOf(tx: Db, ids: { job: string; slot: string }) {
  const [job] = await tx.select({ status: jobPostings.status }).from(jobPostings).where(eq(jobPostings.id, ids.job));
  const [slot] = await tx.select({ status: trainingSlots.status }).from(trainingSlots).where(eq(trainingSlots.id, ids.slot));
  return { job: job!.status, slot: slot!.status };
}

async function searchable(tx: Db, engine: EmbeddedSearchEngine, ids: { job: string; slot: string }) {
  await drainSearchOutbox(tx, engine);
  const jobs = (await engine.search("jobs", { q: "" })).hits.map((h) => h.id);
  const slots = (await engine.search("training_slots", { q: "" })).hits.map((h) => h.id);
  return { job: jobs.includes(ids.job), slot: slots.includes(ids.slot) };
}

async function expectConflict(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === code && e.status === 409);
}

describe("a rejected organisation's listings are held", () => {
  it("rejection holds published jobs and training slots (out of search, no applying or enrolling); verification restores them", async () => {
    await withRollback(async (tx) => {
      const staff = await createUser(tx, { role: "staff" });
      const owner = await createUser(tx, { role: "employer" });
      const org = await createOrganization(tx, { ownerUserId: owner.id, verificationStatus: "verified" });
      const job = await createJobPosting(tx, { organizationId: org.id, title: "仓储叉车司机" });
      const slot = await createTrainingSlot(tx, { organizationId: org.id, title: "叉车证培训班", capacity: 5 });
      const flagged = await createJobPosting(tx, { organizationId: org.id, status: "pending_review", reviewReason: "薪资描述不清" });
      const veteran = await createUser(tx, { role: "veteran" });
      await createVeteranProfile(tx, { userId: veteran.id, fullName: "赵铁柱" });
      const ids = { job: job.id, slot: slot.id };
      const engine = new EmbeddedSearchEngine();
      await ensureIndexes(tx, engine, { rebuild: true });
      expect(await searchable(tx, engine, ids)).toEqual({ job: true, slot: true });

      const rejected = await rejectOrganization(tx, staff, org.id, "营业执照与单位名称不符", { publicUrl: BASE });
      expect(rejected.reindexedJobIds).toEqual([job.id]);
      expect(rejected.reindexedTrainingSlotIds).toEqual([slot.id]);
      expect(await statusOf(tx, ids)).toEqual({ job: "pending_review", slot: "pending_review" });
      expect(await searchable(tx, engine, ids)).toEqual({ job: false, slot: false });
      await expectConflict(applyToJob(tx, veteran, { jobPostingId: job.id, coverNote: "我有十年叉车驾驶经验。" }, { publicUrl: BASE }), "applications:errors.employerOnHold");
      await expectConflict(enrol(tx, veteran, slot.id, { publicUrl: BASE }), "training:errors.providerOnHold");

      await verifyOrganization(tx, staff, org.id, { publicUrl: BASE });
      expect(await statusOf(tx, ids)).toEqual({ job: "published", slot: "published" });
      expect(await searchable(tx, engine, ids)).toEqual({ job: true, slot: true });
      // a posting staff are moderating for its own reasons stays where it was
      const [stillFlagged] = await tx.select().from(jobPostings).where(eq(jobPostings.id, flagged.id));
      expect(stillFlagged).toMatchObject({ status: "pending_review", reviewReason: "薪资描述不清" });
      await expect(applyToJob(tx, veteran, { jobPostingId: job.id, coverNote: "我有十年叉车驾驶经验。" }, { publicUrl: BASE })).resolves.toHaveProperty("id");
      await expect(enrol(tx, veteran, slot.id, { publicUrl: BASE })).resolves.toMatchObject({ status: "enrolled" });
    });
  });

  it("maintenance holds listings of rejected organisations that slipped past the rejection", async () => {
    await withRollback(async (tx) => {
      const org = await createOrganization(tx, { kind: "training_provider", verificationStatus: "rejected" });
      const verified = await createOrganization(tx, { verificationStatus: "verified" });
      // published in a race with the rejection (or by an import)
      const job = await createJobPosting(tx, { organizationId: org.id });
      const slot = await createTrainingSlot(tx, { organizationId: org.id });
      const unrelated = await createJobPosting(tx, { organizationId: verified.id });
      const engine = new EmbeddedSearchEngine();

      const first = await runMaintenance(tx, engine, { publicUrl: BASE });
      expect(first.heldListings).toBe(2);
      expect(await statusOf(tx, { job: job.id, slot: slot.id })).toEqual({ job: "pending_review", slot: "pending_review" });
      const [other] = await tx.select().from(jobPostings).where(eq(jobPostings.id, unrelated.id));
      expect(other!.status).toBe("published");
      expect((await runMaintenance(tx, engine, { publicUrl: BASE })).heldListings).toBe(0);
      const [orgRow] = await tx.select().from(organizations).where(eq(organizations.id, org.id));
      expect(orgRow!.verificationStatus).toBe("rejected");
    });
  });
});
