import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DomainError, ForbiddenError, NotFoundError } from "../../app/models/errors";
import {
  approveJobPosting,
  listPendingJobPostings,
  rejectJobPosting,
} from "../../app/models/job-posting-moderation.server";
import {
  closeJobPosting,
  createJobPosting,
  expireJobPostings,
  postingOrganization,
  reconfirmJobPosting,
  submitJobPosting,
  updateJobPosting,
  type JobPostingInput,
} from "../../app/models/job-posting.server";
import {
  getJobPostingForEdit,
  getJobPostingView,
  listOrganizationJobPostings,
} from "../../app/models/job-posting-read.server";
import { JOB_POSTING_TTL_DAYS } from "../../app/forms/job-posting";
import { withDomainErrors } from "../../app/utils/http-errors.server";
import type { Db } from "../../db/client";
import { createJobPosting as insertJobPosting, createOrganization, createUser } from "../../db/factories";
import { emailOutbox, jobPostings, searchOutbox } from "../../db/schema";
import { withRollback } from "../helpers/db";

const BASE = "http://rongye.test";
const DAY_MS = 86_400_000;
const NOW = new Date("2026-11-20T08:00:00Z");

function input(overrides: Partial<JobPostingInput> = {}): JobPostingInput {
  return {
    title: "集装箱牵引车司机",
    description: "## 岗位职责\n- 港区集装箱短驳运输\n- 车辆日常检查\n\n持 A2 驾照，退役军人优先。",
    category: "driving_logistics",
    skills: ["驾驶", "logistics"],
    regionCode: "320582",
    address: "张家港市金港街道港丰公路 88 号",
    lat: 31.95,
    lng: 120.4,
    salaryMin: 6000,
    salaryMax: 9000,
    jobType: "full_time",
    headcount: 3,
    veteranPreferred: true,
    ...overrides,
  };
}

async function expectDomainError(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === code);
}

async function employerOf(tx: Db, verificationStatus: "verified" | "pending", kind: "employer" | "training_provider" = "employer") {
  const user = await createUser(tx, { role: "employer", displayName: "王芳" });
  const org = await createOrganization(tx, { ownerUserId: user.id, verificationStatus, kind });
  return { user, org };
}

async function outboxFor(tx: Db, id: string) {
  return tx.select().from(searchOutbox).where(and(eq(searchOutbox.indexName, "jobs"), eq(searchOutbox.documentId, id)));
}

async function row(tx: Db, id: string) {
  const [r] = await tx.select().from(jobPostings).where(eq(jobPostings.id, id));
  return r!;
}

describe("creating postings", () => {
  it("a verified organisation publishes directly for 30 days, with skills normalised and a search outbox row", async () => {
    await withRollback(async (tx) => {
      const { user, org } = await employerOf(tx, "verified");
      const saved = await createJobPosting(tx, user, input(), { submit: true, now: NOW });
      expect(saved.status).toBe("published");
      const r = await row(tx, saved.id);
      expect(r).toMatchObject({
        organizationId: org.id,
        createdByUserId: user.id,
        status: "published",
        reviewReason: null,
        skills: ["driving", "logistics"],
        lat: "31.95",
        lng: "120.4",
      });
      expect(r.publishedAt).toEqual(NOW);
      expect(r.expiresAt).toEqual(new Date(NOW.getTime() + JOB_POSTING_TTL_DAYS * DAY_MS));
      expect(await outboxFor(tx, saved.id)).toHaveLength(1);
    });
  });

  it("an unverified organisation's posting waits for review without a reason (verification releases it)", async () => {
    await withRollback(async (tx) => {
      const { user } = await employerOf(tx, "pending");
      const saved = await createJobPosting(tx, user, input(), { submit: true, now: NOW });
      expect(saved).toMatchObject({ status: "pending_review", reviewReason: null });
      expect((await row(tx, saved.id)).publishedAt).toBeNull();
    });
  });

  it("asking applicants to pay holds the posting with the phrases, even for a verified organisation", async () => {
    await withRollback(async (tx) => {
      const { user } = await employerOf(tx, "verified");
      const saved = await createJobPosting(tx, user, input({ description: "入职需缴纳押金500元，岗前培训费由学员承担。" }), {
        submit: true,
        now: NOW,
      });
      expect(saved.status).toBe("pending_review");
      expect(saved.reviewReason).toBe("jobs:review.applicantFees|押金、培训费");
    });
  });

  it("a draft stays a draft until submitted", async () => {
    await withRollback(async (tx) => {
      const { user } = await employerOf(tx, "verified");
      const draft = await createJobPosting(tx, user, input(), { submit: false, now: NOW });
      expect(draft.status).toBe("draft");
      const submitted = await submitJobPosting(tx, user, draft.id, NOW);
      expect(submitted.status).toBe("published");
      await expectDomainError(submitJobPosting(tx, user, draft.id, NOW), "jobs:errors.notSubmittable");
    });
  });

  it("training providers post too; veterans, staff and park managers cannot", async () => {
    await withRollback(async (tx) => {
      const { user: provider } = await employerOf(tx, "verified", "training_provider");
      expect((await createJobPosting(tx, provider, input(), { submit: true })).status).toBe("published");
      const veteran = await createUser(tx, { role: "veteran" });
      const staff = await createUser(tx, { role: "staff" });
      const parkUser = await createUser(tx, { role: "employer" });
      await createOrganization(tx, { ownerUserId: parkUser.id, kind: "incubator_park", verificationStatus: "verified" });
      await expectDomainError(createJobPosting(tx, veteran, input(), { submit: true }), "jobs:errors.employersOnly");
      await expectDomainError(createJobPosting(tx, staff, input(), { submit: true }), "jobs:errors.employersOnly");
      await expectDomainError(createJobPosting(tx, parkUser, input(), { submit: true }), "jobs:errors.noOrganization");
    });
  });

  it("checks category, skills and region against the taxonomy and the regions table", async () => {
    await withRollback(async (tx) => {
      const { user } = await employerOf(tx, "verified");
      await expect(createJobPosting(tx, user, input({ category: "astronaut" }), { submit: true })).rejects.toMatchObject({
        code: "jobs:errors.unknownCategory",
        field: "category",
      });
      await expect(createJobPosting(tx, user, input({ skills: ["驾驶", "量子纠缠"] }), { submit: true })).rejects.toMatchObject({
        code: "jobs:errors.unknownSkill|量子纠缠",
        field: "skills",
      });
      await expect(createJobPosting(tx, user, input({ regionCode: "999999" }), { submit: true })).rejects.toMatchObject({
        code: "errors.regionUnknown",
        field: "regionCode",
      });
      expect(await tx.select().from(jobPostings).where(eq(jobPostings.createdByUserId, user.id))).toHaveLength(0);
    });
  });
});

describe("editing, closing, renewing, expiry", () => {
  it("a verified organisation's clean edit stays published with its dates; a fee edit goes to review", async () => {
    await withRollback(async (tx) => {
      const { user } = await employerOf(tx, "verified");
      const { id } = await createJobPosting(tx, user, input(), { submit: true, now: NOW });
      const before = await row(tx, id);
      const later = new Date(NOW.getTime() + 2 * DAY_MS);
      const edited = await updateJobPosting(tx, user, id, input({ title: "牵引车司机（夜班）" }), { submit: true, now: later });
      expect(edited.status).toBe("published");
      const after = await row(tx, id);
      expect(after.title).toBe("牵引车司机（夜班）");
      expect(after.publishedAt).toEqual(before.publishedAt);
      expect(after.expiresAt).toEqual(before.expiresAt);

      const held = await updateJobPosting(tx, user, id, input({ description: "上岗前先交服装费200元" }), { submit: true, now: later });
      expect(held.status).toBe("pending_review");
      expect(held.reviewReason).toMatch(/^jobs:review\.applicantFees\|/);
      expect(await outboxFor(tx, id)).toHaveLength(3);
    });
  });

  it("free-text skills an older posting already holds survive an edit; new unknown ones are refused", async () => {
    await withRollback(async (tx) => {
      const { user, org } = await employerOf(tx, "verified");
      const legacy = await insertJobPosting(tx, { organizationId: org.id, skills: ["A2驾照", "driving"], createdByUserId: user.id });
      const saved = await updateJobPosting(tx, user, legacy.id, input({ skills: ["A2驾照", "驾驶", "叉车"] }), { submit: true, now: NOW });
      expect(saved.status).toBe("published");
      expect((await row(tx, legacy.id)).skills).toEqual(["A2驾照", "driving", "forklift"]);
      await expect(updateJobPosting(tx, user, legacy.id, input({ skills: ["B2驾照"] }), { submit: true })).rejects.toMatchObject({
        code: "jobs:errors.unknownSkill|B2驾照",
      });
    });
  });

  it("an unverified organisation's edit of a published posting goes back to review", async () => {
    await withRollback(async (tx) => {
      const { user, org } = await employerOf(tx, "pending");
      const published = await insertJobPosting(tx, { organizationId: org.id, status: "published", createdByUserId: user.id });
      const edited = await updateJobPosting(tx, user, published.id, input(), { submit: true, now: NOW });
      expect(edited.status).toBe("pending_review");
    });
  });

  it("closing takes a posting down; re-confirming extends a live one 30 days from now and re-opens a closed one", async () => {
    await withRollback(async (tx) => {
      const { user } = await employerOf(tx, "verified");
      const { id } = await createJobPosting(tx, user, input(), { submit: true, now: NOW });
      const tenDaysLater = new Date(NOW.getTime() + 10 * DAY_MS);
      const renewed = await reconfirmJobPosting(tx, user, id, tenDaysLater);
      expect(renewed.expiresAt).toEqual(new Date(tenDaysLater.getTime() + 30 * DAY_MS));

      const closed = await closeJobPosting(tx, user, id, tenDaysLater);
      expect(closed.status).toBe("closed");
      expect((await row(tx, id)).closedAt).toEqual(tenDaysLater);
      const ops = (await outboxFor(tx, id)).map((r) => r.op);
      expect(ops[ops.length - 1]).toBe("delete");
      await expectDomainError(updateJobPosting(tx, user, id, input(), { submit: true }), "jobs:errors.closedNotEditable");

      const reopened = await reconfirmJobPosting(tx, user, id, tenDaysLater);
      expect(reopened.status).toBe("published");
      expect((await row(tx, id)).closedAt).toBeNull();
    });
  });

  it("expireJobPostings closes expired postings only, queues their removal, and leaves search; re-running does nothing", async () => {
    await withRollback(async (tx) => {
      const { user, org } = await employerOf(tx, "verified");
      const expired = await insertJobPosting(tx, { organizationId: org.id, expiresAt: new Date(NOW.getTime() - 1000) });
      const live = await insertJobPosting(tx, { organizationId: org.id, expiresAt: new Date(NOW.getTime() + DAY_MS) });
      // An expired posting is not shown publicly even before the sweep runs.
      await expect(getJobPostingView(tx, null, expired.id, NOW)).rejects.toBeInstanceOf(NotFoundError);

      const ids = await expireJobPostings(tx, NOW);
      expect(ids).toContain(expired.id);
      expect(ids).not.toContain(live.id);
      expect((await row(tx, expired.id)).status).toBe("closed");
      expect((await row(tx, live.id)).status).toBe("published");
      expect((await outboxFor(tx, expired.id)).map((r) => r.op)).toEqual(["delete"]);
      expect(await expireJobPostings(tx, NOW)).not.toContain(expired.id);

      // The owner still sees it, marked not live, and can re-post it.
      const view = await getJobPostingView(tx, user, expired.id, NOW);
      expect(view).toMatchObject({ live: false, status: "closed", viewerIsMember: true });
      expect((await reconfirmJobPosting(tx, user, expired.id, NOW)).status).toBe("published");
    });
  });

  it("search outbox rows are written in the same transaction: a failed write leaves neither change nor row", async () => {
    await withRollback(async (tx) => {
      const staff = await createUser(tx, { role: "staff" });
      // A recipient address the mail outbox refuses makes approval fail after the posting and outbox writes.
      const { user, org } = await employerOf(tx, "pending");
      const broken = await createUser(tx, { role: "employer", email: "not-an-address" });
      const { id } = await createJobPosting(tx, user, input(), { submit: true, now: NOW });
      await tx.update(jobPostings).set({ createdByUserId: broken.id }).where(eq(jobPostings.id, id));
      const rowsBefore = (await outboxFor(tx, id)).length;
      await expect(approveJobPosting(tx, staff, id, { publicUrl: BASE, now: NOW })).rejects.toThrow(/Invalid recipient/);
      expect((await row(tx, id)).status).toBe("pending_review");
      expect(await outboxFor(tx, id)).toHaveLength(rowsBefore);
      expect(org.id).toBeTruthy();
    });
  });
});

describe("staff moderation", () => {
  it("lists pending postings with their reasons; approving publishes and mails the author", async () => {
    await withRollback(async (tx) => {
      const staff = await createUser(tx, { role: "staff" });
      const { user } = await employerOf(tx, "verified");
      const { id } = await createJobPosting(tx, user, input({ description: "需缴纳押金500元，月薪 8000。" }), { submit: true, now: NOW });

      const queue = await listPendingJobPostings(tx, staff);
      const item = queue.items.find((i) => i.id === id);
      expect(item).toMatchObject({ reviewReason: "jobs:review.applicantFees|押金", organizationVerified: true, feePhrases: ["押金"] });
      expect(item!.descriptionHtml).toContain("<p>");

      const approved = await approveJobPosting(tx, staff, id, { publicUrl: BASE, now: NOW });
      expect(approved.status).toBe("published");
      const r = await row(tx, id);
      expect(r).toMatchObject({ reviewedByUserId: staff.id, reviewReason: null });
      expect(r.expiresAt).toEqual(new Date(NOW.getTime() + 30 * DAY_MS));
      const mail = await tx.select().from(emailOutbox).where(eq(emailOutbox.userId, user.id));
      expect(mail).toHaveLength(1);
      expect(mail[0]).toMatchObject({ template: "posting_reviewed", toAddress: user.email });
      expect(mail[0]!.props).toMatchObject({ outcome: "approved", postingUrl: `${BASE}/jobs/${id}` });

      await expectDomainError(approveJobPosting(tx, staff, id, { publicUrl: BASE }), "jobs:errors.notPending");
    });
  });

  it("rejecting needs a reason, which the employer sees and is mailed; a rejected posting can be fixed and resubmitted", async () => {
    await withRollback(async (tx) => {
      const admin = await createUser(tx, { role: "admin" });
      const { user } = await employerOf(tx, "pending");
      const { id } = await createJobPosting(tx, user, input(), { submit: true, now: NOW });
      await expectDomainError(rejectJobPosting(tx, admin, id, " ", { publicUrl: BASE }), "jobs:errors.reasonRequired");
      const rejected = await rejectJobPosting(tx, admin, id, "薪资描述与实际不符", { publicUrl: BASE, now: NOW });
      expect(rejected).toMatchObject({ status: "rejected", reviewReason: "薪资描述与实际不符" });
      const [mail] = await tx.select().from(emailOutbox).where(eq(emailOutbox.userId, user.id));
      expect(mail!.props).toMatchObject({ outcome: "rejected", reason: "薪资描述与实际不符", postingUrl: `${BASE}/employer/jobs/${id}/edit` });
      expect((await outboxFor(tx, id)).map((r) => r.op)).toEqual(["upsert", "delete"]);

      const list = await listOrganizationJobPostings(tx, user);
      expect(list.items.find((i) => i.id === id)).toMatchObject({ status: "rejected", reviewReason: "薪资描述与实际不符" });
      expect((await submitJobPosting(tx, user, id, NOW)).status).toBe("pending_review");
    });
  });
});

describe("access sweep", () => {
  it("employer B cannot read, edit, submit, renew or close employer A's posting", async () => {
    await withRollback(async (tx) => {
      const a = await employerOf(tx, "verified");
      const b = await employerOf(tx, "verified");
      const { id } = await createJobPosting(tx, a.user, input(), { submit: true, now: NOW });
      await expect(getJobPostingForEdit(tx, b.user, id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateJobPosting(tx, b.user, id, input({ title: "被篡改" }), { submit: true })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(submitJobPosting(tx, b.user, id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(reconfirmJobPosting(tx, b.user, id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(closeJobPosting(tx, b.user, id)).rejects.toBeInstanceOf(ForbiddenError);
      const r = await row(tx, id);
      expect(r).toMatchObject({ title: "集装箱牵引车司机", status: "published" });
      expect((await listOrganizationJobPostings(tx, b.user)).items.map((i) => i.id)).not.toContain(id);
    });
  });

  it("veterans and employers cannot moderate; staff cannot edit (they moderate), but may take a posting down", async () => {
    await withRollback(async (tx) => {
      const veteran = await createUser(tx, { role: "veteran" });
      const staff = await createUser(tx, { role: "staff" });
      const a = await employerOf(tx, "pending");
      const { id } = await createJobPosting(tx, a.user, input(), { submit: true, now: NOW });
      for (const actor of [veteran, a.user]) {
        await expect(listPendingJobPostings(tx, actor)).rejects.toBeInstanceOf(ForbiddenError);
        await expect(approveJobPosting(tx, actor, id, { publicUrl: BASE })).rejects.toBeInstanceOf(ForbiddenError);
        await expect(rejectJobPosting(tx, actor, id, "不行", { publicUrl: BASE })).rejects.toBeInstanceOf(ForbiddenError);
      }
      await expect(closeJobPosting(tx, veteran, id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateJobPosting(tx, staff, id, input(), { submit: true })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getJobPostingForEdit(tx, staff, id)).rejects.toBeInstanceOf(ForbiddenError);
      expect((await row(tx, id)).status).toBe("pending_review");
      expect((await closeJobPosting(tx, staff, id)).status).toBe("closed");
    });
  });

  it("drafts, pending, rejected and closed postings are not public; members and staff still see them", async () => {
    await withRollback(async (tx) => {
      const a = await employerOf(tx, "verified");
      const staff = await createUser(tx, { role: "staff" });
      const veteran = await createUser(tx, { role: "veteran" });
      const other = await employerOf(tx, "verified");
      for (const status of ["draft", "pending_review", "rejected", "closed"] as const) {
        const p = await insertJobPosting(tx, { organizationId: a.org.id, status });
        for (const viewer of [null, veteran, other.user]) {
          await expect(getJobPostingView(tx, viewer, p.id)).rejects.toBeInstanceOf(NotFoundError);
        }
        expect((await getJobPostingView(tx, a.user, p.id)).status).toBe(status);
        expect((await getJobPostingView(tx, staff, p.id)).viewerIsMember).toBe(false);
      }
      const live = await insertJobPosting(tx, { organizationId: a.org.id, description: "**安全驾驶**\n\n<script>alert(1)</script>" });
      const view = await getJobPostingView(tx, null, live.id);
      expect(view).toMatchObject({ live: true, viewerIsMember: false, organization: { verified: true } });
      expect(view.descriptionHtml).toBe("<p><strong>安全驾驶</strong></p>");
      await expect(getJobPostingView(tx, null, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  it("loaders turn refusals into HTTP responses: 404 for a hidden posting, 403 for an account that cannot post", async () => {
    await withRollback(async (tx) => {
      const a = await employerOf(tx, "verified");
      const draft = await insertJobPosting(tx, { organizationId: a.org.id, status: "draft" });
      const veteran = await createUser(tx, { role: "veteran" });
      await expect(withDomainErrors(getJobPostingView)(tx, veteran, draft.id)).rejects.toSatisfy(
        (e: unknown) => e instanceof Response && e.status === 404,
      );
      await expect(withDomainErrors(postingOrganization)(tx, veteran)).rejects.toSatisfy((e: unknown) => e instanceof Response && e.status === 403);
      expect((await withDomainErrors(postingOrganization)(tx, a.user)).id).toBe(a.org.id);
    });
  });
});
