import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../app/models/errors";
import { getOrganizationForEdit, getPublicOrganization, updateOrganizationProfile } from "../../app/models/organization.server";
import type { Db } from "../../db/client";
import { createJobPosting, createOrganization, createTrainingSlot, createUser } from "../../db/factories";
import { auditLog, organizations, searchOutbox } from "../../db/schema";
import { withRollback } from "../helpers/db";

async function expectDomainError(promise: Promise<unknown>, code: string, field?: string) {
  await expect(promise).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === code && (field === undefined || e.field === field));
}

async function orgRow(tx: Db, id: string) {
  const [row] = await tx.select().from(organizations).where(eq(organizations.id, id));
  return row;
}

describe("organisation profile", () => {
  it("a member edits description, website, address, region and kind; a verified org stays verified", async () => {
    await withRollback(async (tx) => {
      const owner = await createUser(tx, { role: "employer" });
      const org = await createOrganization(tx, { ownerUserId: owner.id, verificationStatus: "verified", name: "港城物流" });
      const live = await createJobPosting(tx, { organizationId: org.id, status: "published" });
      await tx.delete(searchOutbox);
      const result = await updateOrganizationProfile(tx, owner, org.id, {
        name: "港城物流",
        description: "集装箱短驳与城市配送",
        website: "https://example.com/gc",
        address: "金港街道港丰公路 88 号",
        regionCode: "320582",
        kind: "training_provider",
      });
      expect(result.needsReview).toBe(false);
      const row = await orgRow(tx, org.id);
      expect(row).toMatchObject({
        verificationStatus: "verified",
        description: "集装箱短驳与城市配送",
        website: "https://example.com/gc",
        kind: "training_provider",
        regionCode: "320582",
      });
      // Name unchanged: no search documents change.
      expect(await tx.select().from(searchOutbox)).toHaveLength(0);
      const [audit] = await tx.select().from(auditLog).where(and(eq(auditLog.subjectId, org.id), eq(auditLog.action, "organization.update")));
      expect((audit.detail as { changed: string[] }).changed.sort()).toEqual(["address", "description", "kind", "website"]);
      // Omitted optional fields are cleared; an empty region keeps the current one.
      await updateOrganizationProfile(tx, owner, org.id, { name: "港城物流" });
      expect(await orgRow(tx, org.id)).toMatchObject({ description: null, website: null, regionCode: "320582" });
      expect(live.id).toBeTruthy();
    });
  });

  it("renaming a verified org sends it back to pending and re-indexes its live listings", async () => {
    await withRollback(async (tx) => {
      const owner = await createUser(tx, { role: "employer" });
      const org = await createOrganization(tx, { ownerUserId: owner.id, verificationStatus: "verified" });
      const live = await createJobPosting(tx, { organizationId: org.id, status: "published" });
      const slot = await createTrainingSlot(tx, { organizationId: org.id, status: "published" });
      await tx.delete(searchOutbox);
      const result = await updateOrganizationProfile(tx, owner, org.id, { name: "全新名称有限公司" });
      expect(result.needsReview).toBe(true);
      expect(await orgRow(tx, org.id)).toMatchObject({ verificationStatus: "pending", name: "全新名称有限公司" });
      const outbox = await tx.select().from(searchOutbox);
      expect(outbox.map((r) => `${r.indexName}:${r.documentId}`).sort()).toEqual([`jobs:${live.id}`, `training_slots:${slot.id}`].sort());
    });
  });

  it("saving a rejected org resubmits it for review", async () => {
    await withRollback(async (tx) => {
      const owner = await createUser(tx, { role: "incubator" });
      const org = await createOrganization(tx, { ownerUserId: owner.id, kind: "incubator_park", verificationStatus: "rejected", rejectionReason: "缺少地址" });
      const result = await updateOrganizationProfile(tx, owner, org.id, { name: org.name, address: "杨舍镇创业路 1 号" });
      expect(result.needsReview).toBe(true);
      expect(await orgRow(tx, org.id)).toMatchObject({ verificationStatus: "pending", rejectionReason: null, address: "杨舍镇创业路 1 号" });
      const [audit] = await tx.select().from(auditLog).where(and(eq(auditLog.subjectId, org.id), eq(auditLog.action, "organization.update")));
      expect(audit.detail).toMatchObject({ previousStatus: "rejected", previousReason: "缺少地址" });
    });
  });

  it("refuses kinds other than employer ↔ training provider and unknown regions", async () => {
    await withRollback(async (tx) => {
      const owner = await createUser(tx, { role: "incubator" });
      const park = await createOrganization(tx, { ownerUserId: owner.id, kind: "incubator_park" });
      await expectDomainError(updateOrganizationProfile(tx, owner, park.id, { name: park.name, kind: "employer" }), "staff:errors.kindLocked", "kind");
      await expectDomainError(updateOrganizationProfile(tx, owner, park.id, { name: park.name, regionCode: "999999" }), "errors.regionUnknown", "regionCode");
      expect((await orgRow(tx, park.id)).kind).toBe("incubator_park");
    });
  });

  it("loads the edit view for members only and the public page with live jobs only", async () => {
    await withRollback(async (tx) => {
      const owner = await createUser(tx, { role: "employer" });
      const org = await createOrganization(tx, { ownerUserId: owner.id, verificationStatus: "verified", regionCode: "320582" });
      const live = await createJobPosting(tx, { organizationId: org.id, status: "published" });
      await createJobPosting(tx, { organizationId: org.id, status: "published", expiresAt: new Date(Date.now() - 1000) });
      await createJobPosting(tx, { organizationId: org.id, status: "pending_review" });
      const view = await getOrganizationForEdit(tx, owner, org.id);
      expect(view.regionPath.at(-1)?.code).toBe("320582");
      const page = await getPublicOrganization(tx, org.id, null);
      expect(page.jobs.map((j) => j.id)).toEqual([live.id]);
      expect(page.canEdit).toBe(false);
      expect(page.regionPath.map((r) => r.code)).toEqual(view.regionPath.map((r) => r.code));
    });
  });
});
