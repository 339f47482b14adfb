import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DomainError, ForbiddenError, NotFoundError } from "../../app/models/errors";
import { AUTO_PUBLISH_DAYS } from "../../app/models/organization-review.server";
import { getPublicOrganization, updateOrganizationProfile } from "../../app/models/organization.server";
import {
  listOrganizationsForReview,
  rejectOrganization,
  setOrganizationBadge,
  verifyOrganization,
} from "../../app/models/organization-review.server";
import type { Db } from "../../db/client";
import { createJobPosting, createOrganization, createTrainingSlot, createUser } from "../../db/factories";
import { auditLog, emailOutbox, jobPostings, memberships, organizations, searchOutbox } from "../../db/schema";
import { withRollback } from "../helpers/db";

const BASE = "http://rongye.test";
const BADGE = "退役军人就业创业示范基地";

async function expectDomainError(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === code);
}

async function outboxIds(tx: Db, index: string) {
  const rows = await tx.select().from(searchOutbox).where(eq(searchOutbox.indexName, index));
  return rows.map((r) => r.documentId);
}

async function auditFor(tx: Db, organizationId: string) {
  return tx.select().from(auditLog).where(and(eq(auditLog.subjectType, "organization"), eq(auditLog.subjectId, organizationId)));
}

async function setup(tx: Db) {
  const staff = await createUser(tx, { role: "staff" });
  const owner = await createUser(tx, { role: "employer", locale: "en", displayName: "Li Ming" });
  const colleague = await createUser(tx, { role: "employer", displayName: "王芳" });
  const org = await createOrganization(tx, { ownerUserId: owner.id, verificationStatus: "pending", name: "常熟虞味餐饮管理有限公司" });
  await createOrganization(tx, {}); // unrelated org, so "all organisations" never passes by accident
  await tx.insert(memberships).values({ userId: colleague.id, organizationId: org.id, role: "member" });
  return { staff, owner, colleague, org };
}

describe("organisation verification", () => {
  it("verifies: publishes only the postings that waited for verification, re-indexes live listings, mails members, audits", async () => {
    await withRollback(async (tx) => {
      const { staff, owner, colleague, org } = await setup(tx);
      const waiting = await createJobPosting(tx, { organizationId: org.id, status: "pending_review" });
      const flagged = await createJobPosting(tx, { organizationId: org.id, status: "pending_review", reviewReason: "薪资描述不清" });
      const draft = await createJobPosting(tx, { organizationId: org.id, status: "draft" });
      const live = await createJobPosting(tx, { organizationId: org.id, status: "published" });
      const slot = await createTrainingSlot(tx, { organizationId: org.id, status: "published" });
      const other = await createJobPosting(tx, { status: "pending_review" });
      const now = new Date("2026-11-20T08:00:00Z");

      const result = await verifyOrganization(tx, staff, org.id, { publicUrl: BASE, now });
      expect(result.publishedJobIds).toEqual([waiting.id]);
      expect(result.mailed).toBe(2);

      const [after] = await tx.select().from(organizations).where(eq(organizations.id, org.id));
      expect(after.verificationStatus).toBe("verified");
      expect(after.reviewedByUserId).toBe(staff.id);
      expect(after.reviewedAt?.toISOString()).toBe(now.toISOString());

      const jobs = await tx.select().from(jobPostings).where(inArray(jobPostings.id, [waiting.id, flagged.id, draft.id, other.id]));
      const byId = new Map(jobs.map((j) => [j.id, j]));
      expect(byId.get(waiting.id)!.status).toBe("published");
      expect(byId.get(waiting.id)!.publishedAt?.toISOString()).toBe(now.toISOString());
      expect(byId.get(waiting.id)!.expiresAt!.getTime() - now.getTime()).toBe(AUTO_PUBLISH_DAYS * 24 * 3600 * 1000);
      expect(byId.get(flagged.id)!.status).toBe("pending_review");
      expect(byId.get(draft.id)!.status).toBe("draft");
      expect(byId.get(other.id)!.status).toBe("pending_review");

      const jobRows = await outboxIds(tx, "jobs");
      expect(jobRows).toEqual(expect.arrayContaining([waiting.id, live.id]));
      expect(jobRows).not.toContain(flagged.id);
      expect(jobRows).not.toContain(other.id);
      expect(await outboxIds(tx, "training_slots")).toContain(slot.id);

      const mails = await tx.select().from(emailOutbox).where(eq(emailOutbox.template, "organization_reviewed"));
      expect(mails.map((m) => m.toAddress).sort()).toEqual([owner.email, colleague.email].sort());
      const ownerMail = mails.find((m) => m.toAddress === owner.email)!;
      expect(ownerMail.locale).toBe("en");
      expect(ownerMail.props).toMatchObject({ outcome: "verified", organizationName: org.name, publishedJobs: 1, url: `${BASE}/orgs/${org.id}` });

      const audit = await auditFor(tx, org.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: "organization.verify", actorUserId: staff.id });
      expect(audit[0].detail).toMatchObject({ previousStatus: "pending", publishedJobIds: [waiting.id] });

      // Verifying twice is refused, and changes nothing more.
      await expectDomainError(verifyOrganization(tx, staff, org.id, { publicUrl: BASE }), "staff:errors.alreadyVerified");
      expect(await auditFor(tx, org.id)).toHaveLength(1);
    });
  });

  it("rejects only with a reason, mails it, re-indexes live listings and audits; a rejected org can then be verified", async () => {
    await withRollback(async (tx) => {
      const { staff, owner, org } = await setup(tx);
      const waiting = await createJobPosting(tx, { organizationId: org.id, status: "pending_review" });
      await expectDomainError(rejectOrganization(tx, staff, org.id, "  ", { publicUrl: BASE }), "staff:errors.reasonRequired");
      await expectDomainError(rejectOrganization(tx, staff, org.id, "x".repeat(501), { publicUrl: BASE }), "errors.tooLong");
      const [unchanged] = await tx.select().from(organizations).where(eq(organizations.id, org.id));
      expect(unchanged.verificationStatus).toBe("pending");

      await rejectOrganization(tx, staff, org.id, "  营业执照名称与填写不一致  ", { publicUrl: BASE });
      const [rejected] = await tx.select().from(organizations).where(eq(organizations.id, org.id));
      expect(rejected.verificationStatus).toBe("rejected");
      expect(rejected.rejectionReason).toBe("营业执照名称与填写不一致");
      expect(rejected.reviewedByUserId).toBe(staff.id);
      const [job] = await tx.select().from(jobPostings).where(eq(jobPostings.id, waiting.id));
      expect(job.status).toBe("pending_review");

      const mails = await tx.select().from(emailOutbox).where(and(eq(emailOutbox.template, "organization_reviewed"), eq(emailOutbox.toAddress, owner.email)));
      expect(mails).toHaveLength(1);
      expect(mails[0].props).toMatchObject({ outcome: "rejected", reason: "营业执照名称与填写不一致", url: `${BASE}/organization` });
      expect((await auditFor(tx, org.id)).map((a) => a.action)).toEqual(["organization.reject"]);
      await expectDomainError(rejectOrganization(tx, staff, org.id, "again", { publicUrl: BASE }), "staff:errors.alreadyRejected");

      // Later verified after all: the waiting posting goes live, the reason is cleared.
      const verified = await verifyOrganization(tx, staff, org.id, { publicUrl: BASE });
      expect(verified.publishedJobIds).toEqual([waiting.id]);
      const [final] = await tx.select().from(organizations).where(eq(organizations.id, org.id));
      expect(final.rejectionReason).toBeNull();
    });
  });

  it("withdraws verification from a verified org: its live jobs are re-indexed (they lose organization_verified)", async () => {
    await withRollback(async (tx) => {
      const staff = await createUser(tx, { role: "admin" });
      const org = await createOrganization(tx, { verificationStatus: "verified" });
      const live = await createJobPosting(tx, { organizationId: org.id, status: "published" });
      const slot = await createTrainingSlot(tx, { organizationId: org.id, status: "published" });
      await tx.delete(searchOutbox);
      const result = await rejectOrganization(tx, staff, org.id, "示范基地资格已被撤销", { publicUrl: BASE });
      expect(result.reindexedJobIds).toEqual([live.id]);
      expect(await outboxIds(tx, "jobs")).toEqual([live.id]);
      expect(await outboxIds(tx, "training_slots")).toEqual([slot.id]);
      expect(result.mailed).toBe(0); // no members: nothing to send, nothing breaks
    });
  });

  it("grants and revokes badges (verified orgs only, known badges only) with audit rows", async () => {
    await withRollback(async (tx) => {
      const { staff, org } = await setup(tx);
      await expectDomainError(setOrganizationBadge(tx, staff, org.id, BADGE, true), "staff:errors.badgeNeedsVerified");
      await verifyOrganization(tx, staff, org.id, { publicUrl: BASE });
      await expectDomainError(setOrganizationBadge(tx, staff, org.id, "自封的金牌企业", true), "staff:errors.unknownBadge");

      expect(await setOrganizationBadge(tx, staff, org.id, BADGE, true)).toEqual({ badges: [BADGE], changed: true });
      expect(await setOrganizationBadge(tx, staff, org.id, BADGE, true)).toEqual({ badges: [BADGE], changed: false });
      const [granted] = await tx.select().from(organizations).where(eq(organizations.id, org.id));
      expect(granted.badges).toEqual([BADGE]);
      expect(await setOrganizationBadge(tx, staff, org.id, BADGE, false)).toEqual({ badges: [], changed: true });
      const badgeAudit = (await auditFor(tx, org.id)).filter((a) => a.action === "organization.badge");
      expect(badgeAudit.map((a) => a.detail)).toEqual([
        { badge: BADGE, granted: true },
        { badge: BADGE, granted: false },
      ]);
    });
  });

  it("lists the queue for staff with members and waiting jobs", async () => {
    await withRollback(async (tx) => {
      const { staff, owner, org } = await setup(tx);
      await createJobPosting(tx, { organizationId: org.id, status: "pending_review" });
      const queue = await listOrganizationsForReview(tx, staff, { status: "pending", pageSize: 100 });
      const item = queue.items.find((i) => i.id === org.id);
      expect(item).toBeDefined();
      expect(item!.waitingJobs).toBe(1);
      expect(item!.members.map((m) => m.email)).toContain(owner.email);
      expect(item!.regionPath.length).toBeGreaterThan(0);
      expect(queue.items.every((i) => i.verificationStatus === "pending")).toBe(true);
      await verifyOrganization(tx, staff, org.id, { publicUrl: BASE });
      const pending = await listOrganizationsForReview(tx, staff, { status: "pending", pageSize: 100 });
      expect(pending.items.some((i) => i.id === org.id)).toBe(false);
      const verified = await listOrganizationsForReview(tx, staff, { status: "verified", pageSize: 100 });
      expect(verified.items.some((i) => i.id === org.id)).toBe(true);
    });
  });
});

describe("access sweep", () => {
  it("employers, park managers and veterans cannot review, badge or list; members cannot edit another org", async () => {
    await withRollback(async (tx) => {
      const { owner, org } = await setup(tx);
      const veteran = await createUser(tx, { role: "veteran" });
      const park = await createUser(tx, { role: "incubator" });
      const ownerB = await createUser(tx, { role: "employer" });
      const orgB = await createOrganization(tx, { ownerUserId: ownerB.id, verificationStatus: "verified" });
      for (const actor of [owner, veteran, park, ownerB]) {
        await expect(verifyOrganization(tx, actor, org.id, { publicUrl: BASE })).rejects.toBeInstanceOf(ForbiddenError);
        await expect(rejectOrganization(tx, actor, orgB.id, "恶意拒绝", { publicUrl: BASE })).rejects.toBeInstanceOf(ForbiddenError);
        await expect(setOrganizationBadge(tx, actor, orgB.id, BADGE, true)).rejects.toBeInstanceOf(ForbiddenError);
        await expect(listOrganizationsForReview(tx, actor)).rejects.toBeInstanceOf(ForbiddenError);
      }
      // Member of org B cannot edit org A, nor can a veteran; org A's owner cannot edit org B.
      const edit = { name: "改名的单位" };
      await expect(updateOrganizationProfile(tx, ownerB, org.id, edit)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateOrganizationProfile(tx, veteran, org.id, edit)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateOrganizationProfile(tx, owner, orgB.id, edit)).rejects.toBeInstanceOf(ForbiddenError);
      const rows = await tx.select().from(organizations).where(inArray(organizations.id, [org.id, orgB.id]));
      expect(rows.every((r) => r.name !== "改名的单位")).toBe(true);
      expect(rows.find((r) => r.id === org.id)!.verificationStatus).toBe("pending");
      expect(rows.find((r) => r.id === orgB.id)!.verificationStatus).toBe("verified");
      expect(await tx.select().from(auditLog).where(inArray(auditLog.subjectId, [org.id, orgB.id]))).toHaveLength(0);
    });
  });

  it("shows a rejected organisation only to its members and staff", async () => {
    await withRollback(async (tx) => {
      const { staff, owner, org } = await setup(tx);
      await rejectOrganization(tx, staff, org.id, "资料不全", { publicUrl: BASE });
      const stranger = await createUser(tx, { role: "veteran" });
      await expect(getPublicOrganization(tx, org.id, null)).rejects.toBeInstanceOf(NotFoundError);
      await expect(getPublicOrganization(tx, org.id, stranger)).rejects.toBeInstanceOf(NotFoundError);
      expect((await getPublicOrganization(tx, org.id, owner)).canEdit).toBe(true);
      expect((await getPublicOrganization(tx, org.id, staff)).verificationStatus).toBe("rejected");
      await expect(getPublicOrganization(tx, "not-a-uuid", null)).rejects.toBeInstanceOf(NotFoundError);
    });
  });
});
