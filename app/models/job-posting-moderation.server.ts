// Staff moderation of job postings: the review queue, approve and reject (the employer is mailed either way).
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jobPostings, memberships, organizations, users, type JobPosting } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { enqueueSearchSync } from "../../search/sync";
import { detectApplicantFees } from "../forms/job-posting";
import { renderMarkdown } from "../utils/markdown.server";
import { DomainError } from "./errors";
import type { Actor } from "./authz.server";
import { assertRegionInScope, scopeCondition, staffScope } from "./staff-scope.server";
import { liveUntil, loadPosting, saveResultColumns, type SaveResult } from "./job-posting.server";
import { pageOf, PAGE_SIZE } from "./job-posting-read.server";

async function mailReviewOutcome(
  tx: Db,
  posting: JobPosting,
  outcome: "approved" | "rejected",
  reason: string | undefined,
  publicUrl: string,
  reviewedAt: Date,
) {
  // The person who wrote the posting, or every member of the organisation when that is unknown.
  const recipients = await tx
    .select({ id: users.id, email: users.email, name: users.displayName, locale: users.locale })
    .from(users)
    .where(
      posting.createdByUserId
        ? eq(users.id, posting.createdByUserId)
        : inArray(
            users.id,
            tx.select({ id: memberships.userId }).from(memberships).where(eq(memberships.organizationId, posting.organizationId)),
          ),
    );
  const base = publicUrl.replace(/\/+$/, "");
  const postingUrl = outcome === "approved" ? `${base}/jobs/${posting.id}` : `${base}/employer/jobs/${posting.id}/edit`;
  for (const r of recipients) {
    await enqueueEmail(tx, {
      template: "posting_reviewed",
      to: r.email,
      locale: r.locale,
      userId: r.id,
      props: { name: r.name, postingTitle: posting.title, outcome, reason, postingUrl },
      idempotencyKey: `posting_reviewed:${posting.id}:${reviewedAt.toISOString()}:${r.id}`,
    });
  }
}

async function loadForModeration(tx: Db, actor: Actor, id: string): Promise<JobPosting> {
  const scope = await staffScope(tx, actor);
  const posting = await loadPosting(tx, id, true);
  // Staff moderate postings of their station's region only; outside it a posting does not exist for them.
  assertRegionInScope(scope, posting.regionCode);
  if (posting.status !== "pending_review") throw new DomainError("jobs:errors.notPending", undefined, 409);
  return posting;
}

/** Staff approve a held posting: published for JOB_POSTING_TTL_DAYS, the employer is mailed. */
export async function approveJobPosting(
  db: Db,
  actor: Actor,
  id: string,
  options: { publicUrl: string; now?: Date },
): Promise<SaveResult> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const posting = await loadForModeration(tx, actor, id);
    const [row] = await tx
      .update(jobPostings)
      .set({
        status: "published",
        reviewReason: null,
        reviewedAt: now,
        reviewedByUserId: actor.id,
        publishedAt: now,
        expiresAt: liveUntil(now),
        closedAt: null,
        updatedAt: now,
      })
      .where(eq(jobPostings.id, id))
      .returning(saveResultColumns);
    await enqueueSearchSync(tx, "jobs", [id]);
    await mailReviewOutcome(tx, posting, "approved", undefined, options.publicUrl, now);
    return row!;
  });
}

/** Staff reject a held posting with a reason the employer sees (on the page and by mail). */
export async function rejectJobPosting(
  db: Db,
  actor: Actor,
  id: string,
  reason: string,
  options: { publicUrl: string; now?: Date },
): Promise<SaveResult> {
  const now = options.now ?? new Date();
  const text = reason.trim();
  if (text.length < 2) throw new DomainError("jobs:errors.reasonRequired", "reason");
  return db.transaction(async (tx) => {
    const posting = await loadForModeration(tx, actor, id);
    const [row] = await tx
      .update(jobPostings)
      .set({ status: "rejected", reviewReason: text, reviewedAt: now, reviewedByUserId: actor.id, updatedAt: now })
      .where(eq(jobPostings.id, id))
      .returning(saveResultColumns);
    await enqueueSearchSync(tx, "jobs", [id], "delete");
    await mailReviewOutcome(tx, posting, "rejected", text, options.publicUrl, now);
    return row!;
  });
}

/** Staff's queue: postings waiting for review, oldest first, with the reason each is held and its description. */
export async function listPendingJobPostings(db: Db, actor: Actor, options: { page?: number } = {}) {
  const scope = await staffScope(db, actor);
  const { page, offset } = pageOf(options.page);
  const where = and(eq(jobPostings.status, "pending_review"), scopeCondition(scope, jobPostings.regionCode));
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(jobPostings).where(where);
  const rows = await db
    .select({
      id: jobPostings.id,
      title: jobPostings.title,
      description: jobPostings.description,
      reviewReason: jobPostings.reviewReason,
      regionCode: jobPostings.regionCode,
      salaryMin: jobPostings.salaryMin,
      salaryMax: jobPostings.salaryMax,
      updatedAt: jobPostings.updatedAt,
      organizationId: organizations.id,
      organizationName: organizations.name,
      organizationStatus: organizations.verificationStatus,
    })
    .from(jobPostings)
    .innerJoin(organizations, eq(organizations.id, jobPostings.organizationId))
    .where(where)
    .orderBy(asc(jobPostings.updatedAt), asc(jobPostings.id))
    .limit(PAGE_SIZE)
    .offset(offset);
  return {
    items: rows.map(({ description, ...r }) => ({
      ...r,
      organizationVerified: r.organizationStatus === "verified",
      descriptionHtml: renderMarkdown(description),
      feePhrases: detectApplicantFees(`${r.title}\n${description}`),
    })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

/** Count of postings waiting for staff (for dashboards). */
export async function countPendingJobPostings(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(jobPostings).where(eq(jobPostings.status, "pending_review"));
  return Number(row?.n ?? 0);
}
