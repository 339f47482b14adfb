// Job postings: an employer's life cycle (draft → pending_review → published | rejected, close, re-confirm, expiry).
// Every write queues the posting for the search index in the same transaction. Staff moderation is in
// job-posting-moderation.server.ts, reads in job-posting-read.server.ts.
import { and, eq, lt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jobPostings, organizations, regions, type JobPosting } from "../../db/schema";
import { enqueueSearchSync } from "../../search/sync";
import { taxonomy } from "../../search/taxonomy";
import { detectApplicantFees, feeReviewReason, JOB_POSTING_TTL_DAYS, type JobPostingFormValue } from "../forms/job-posting";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";
import { assertOrganizationAccess, isStaff, requireActingOrganization, requireUuid, type Actor } from "./authz.server";
import { assertRegionInScope, staffScope } from "./staff-scope.server";
import { resolveSkillTerms } from "./job-taxonomy.server";

export type JobStatus = JobPosting["status"];

const DAY_MS = 86_400_000;
const POSTING_KINDS = ["employer", "training_provider"] as const;

// ------------------------------------------------------------------ review reasons
//
// `review_reason` holds either staff's free text (a rejection) or a system reason as an i18n key with an argument,
// "jobs:review.applicantFees|押金、培训费", so the employer and staff each read it in their own language.
// A posting that waits ONLY because its organisation is unverified has no reason (null): verifying the
// organisation publishes exactly those (organization.server.ts).

// ------------------------------------------------------------------ guards

export async function loadPosting(db: Db, id: string, forUpdate = false): Promise<JobPosting> {
  requireUuid(id);
  const query = db.select().from(jobPostings).where(eq(jobPostings.id, id));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw new NotFoundError();
  return row;
}

/** Only members of the posting's organisation change it (staff moderate through approve/reject/close instead). */
async function loadOwnPosting(db: Db, actor: Actor, id: string): Promise<JobPosting> {
  const posting = await loadPosting(db, id, true);
  if (isStaff(actor)) throw new ForbiddenError();
  await assertOrganizationAccess(db, actor, posting.organizationId);
  return posting;
}

async function organizationVerified(db: Db, organizationId: string): Promise<boolean> {
  const [org] = await db
    .select({ status: organizations.verificationStatus })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return org?.status === "verified";
}

/** The organisation an employer posts for; only employers and training providers post jobs. Throws ForbiddenError. */
export async function postingOrganization(db: Db, actor: Actor) {
  return requireActingOrganization(db, actor, {
    role: "employer",
    kinds: POSTING_KINDS,
    code: { role: "jobs:errors.employersOnly", organization: "jobs:errors.noOrganization" },
  });
}

// ------------------------------------------------------------------ publication decision

export type PublicationDecision =
  | { status: "published"; reviewReason: null }
  | { status: "pending_review"; reviewReason: string | null; feePhrases: string[] };

/** Verified organisations publish directly; anything asking applicants to pay waits for staff, verified or not. */
export function decidePublication(input: { organizationVerified: boolean; title: string; description: string }): PublicationDecision {
  const feePhrases = detectApplicantFees(`${input.title}\n${input.description}`);
  if (feePhrases.length > 0) return { status: "pending_review", reviewReason: feeReviewReason(feePhrases), feePhrases };
  if (input.organizationVerified) return { status: "published", reviewReason: null };
  return { status: "pending_review", reviewReason: null, feePhrases };
}

export function liveUntil(now: Date): Date {
  return new Date(now.getTime() + JOB_POSTING_TTL_DAYS * DAY_MS);
}

/** The columns a decision sets. A posting already published keeps its dates when it stays published. */
function decisionColumns(decision: PublicationDecision, current: Pick<JobPosting, "status" | "publishedAt" | "expiresAt">, now: Date) {
  if (decision.status === "published") {
    const stillLive = current.status === "published" && current.expiresAt && current.expiresAt > now;
    return {
      status: "published" as const,
      reviewReason: null,
      publishedAt: stillLive ? current.publishedAt : now,
      expiresAt: stillLive ? current.expiresAt : liveUntil(now),
      closedAt: null,
    };
  }
  return { status: "pending_review" as const, reviewReason: decision.reviewReason, closedAt: null };
}

// ------------------------------------------------------------------ employer writes

export type JobPostingInput = Omit<JobPostingFormValue, "skills" | "intent"> & { skills: string[] };

async function postingValues(db: Db, input: JobPostingInput, current?: Pick<JobPosting, "skills" | "category">) {
  const knownCategory = taxonomy.categories.some((c) => c.id === input.category) || input.category === current?.category;
  if (!knownCategory) throw new DomainError("jobs:errors.unknownCategory", "category");
  const skills = resolveSkillTerms(input.skills, current?.skills);
  const [region] = await db.select({ code: regions.code, level: regions.level }).from(regions).where(eq(regions.code, input.regionCode));
  if (!region || region.level > 3) throw new DomainError("errors.regionUnknown", "regionCode");
  return {
    title: input.title,
    description: input.description,
    category: input.category,
    skills,
    regionCode: input.regionCode,
    address: input.address || null,
    lat: input.lat === undefined ? null : String(input.lat),
    lng: input.lng === undefined ? null : String(input.lng),
    salaryMin: input.salaryMin ?? null,
    salaryMax: input.salaryMax ?? null,
    jobType: input.jobType,
    headcount: input.headcount,
    veteranPreferred: input.veteranPreferred,
  };
}

export interface SaveResult {
  id: string;
  status: JobStatus;
  reviewReason: string | null;
  expiresAt: Date | null;
}
export const saveResultColumns = {
  id: jobPostings.id,
  status: jobPostings.status,
  reviewReason: jobPostings.reviewReason,
  expiresAt: jobPostings.expiresAt,
};

/** Create a posting as a draft or submit it at once (published or held for review). */
export async function createJobPosting(
  db: Db,
  actor: Actor,
  input: JobPostingInput,
  options: { submit: boolean; now?: Date },
): Promise<SaveResult> {
  const now = options.now ?? new Date();
  const org = await postingOrganization(db, actor);
  const values = await postingValues(db, input);
  return db.transaction(async (tx) => {
    const decision = options.submit
      ? decidePublication({ organizationVerified: await organizationVerified(tx, org.id), ...values })
      : null;
    const [row] = await tx
      .insert(jobPostings)
      .values({
        ...values,
        organizationId: org.id,
        createdByUserId: actor.id,
        ...(decision ? decisionColumns(decision, { status: "draft", publishedAt: null, expiresAt: null }, now) : { status: "draft" as const }),
        createdAt: now,
        updatedAt: now,
      })
      .returning(saveResultColumns);
    await enqueueSearchSync(tx, "jobs", [row!.id]);
    return row!;
  });
}

/**
 * Edit a posting. A draft stays a draft unless submitted; anything else is decided again: a verified organisation's
 * clean edit stays (or becomes) published with its dates kept, an unverified organisation's edit goes back to
 * review, and applicant fees hold it whoever posts. Closed postings are re-opened with re-confirm, not edited.
 */
export async function updateJobPosting(
  db: Db,
  actor: Actor,
  id: string,
  input: JobPostingInput,
  options: { submit: boolean; now?: Date },
): Promise<SaveResult> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const current = await loadOwnPosting(tx, actor, id);
    if (current.status === "closed") throw new DomainError("jobs:errors.closedNotEditable", undefined, 409);
    const values = await postingValues(tx, input, current);
    const decide = options.submit || current.status !== "draft";
    const columns = decide
      ? decisionColumns(
          decidePublication({ organizationVerified: await organizationVerified(tx, current.organizationId), ...values }),
          current,
          now,
        )
      : {};
    const [row] = await tx
      .update(jobPostings)
      .set({ ...values, ...columns, updatedAt: now })
      .where(eq(jobPostings.id, id))
      .returning(saveResultColumns);
    await enqueueSearchSync(tx, "jobs", [id]);
    return row!;
  });
}

/** Submit a draft (or a rejected posting after changes) for publication. */
export async function submitJobPosting(db: Db, actor: Actor, id: string, now = new Date()): Promise<SaveResult> {
  return db.transaction(async (tx) => {
    const current = await loadOwnPosting(tx, actor, id);
    if (current.status !== "draft" && current.status !== "rejected") {
      throw new DomainError("jobs:errors.notSubmittable", undefined, 409);
    }
    const decision = decidePublication({
      organizationVerified: await organizationVerified(tx, current.organizationId),
      title: current.title,
      description: current.description,
    });
    const [row] = await tx
      .update(jobPostings)
      .set({ ...decisionColumns(decision, current, now), updatedAt: now })
      .where(eq(jobPostings.id, id))
      .returning(saveResultColumns);
    await enqueueSearchSync(tx, "jobs", [id]);
    return row!;
  });
}

/**
 * Keep a posting live: a published one runs JOB_POSTING_TTL_DAYS from now; a closed (or expired) one is decided
 * again, as when it was first submitted.
 */
export async function reconfirmJobPosting(db: Db, actor: Actor, id: string, now = new Date()): Promise<SaveResult> {
  return db.transaction(async (tx) => {
    const current = await loadOwnPosting(tx, actor, id);
    if (current.status !== "published" && current.status !== "closed") {
      throw new DomainError("jobs:errors.notReconfirmable", undefined, 409);
    }
    let set: Partial<typeof jobPostings.$inferInsert>;
    if (current.status === "published" && current.expiresAt && current.expiresAt > now) {
      set = { expiresAt: liveUntil(now) };
    } else {
      const decision = decidePublication({
        organizationVerified: await organizationVerified(tx, current.organizationId),
        title: current.title,
        description: current.description,
      });
      set =
        decision.status === "published"
          ? { status: "published", reviewReason: null, publishedAt: now, expiresAt: liveUntil(now), closedAt: null }
          : { status: "pending_review", reviewReason: decision.reviewReason, expiresAt: null, closedAt: null };
    }
    const [row] = await tx
      .update(jobPostings)
      .set({ ...set, updatedAt: now })
      .where(eq(jobPostings.id, id))
      .returning(saveResultColumns);
    await enqueueSearchSync(tx, "jobs", [id]);
    return row!;
  });
}

/** Close a posting (members; staff may take one down too). Closing twice is harmless. */
export async function closeJobPosting(db: Db, actor: Actor, id: string, now = new Date()): Promise<SaveResult> {
  return db.transaction(async (tx) => {
    const current = await loadPosting(tx, id, true);
    // Staff take down postings of their station's region; members close their own organisation's.
    if (isStaff(actor)) assertRegionInScope(await staffScope(tx, actor), current.regionCode);
    else await assertOrganizationAccess(tx, actor, current.organizationId);
    if (current.status === "closed") return { id, status: current.status, reviewReason: current.reviewReason, expiresAt: current.expiresAt };
    const [row] = await tx
      .update(jobPostings)
      .set({ status: "closed", closedAt: now, updatedAt: now })
      .where(eq(jobPostings.id, id))
      .returning(saveResultColumns);
    await enqueueSearchSync(tx, "jobs", [id], "delete");
    return row!;
  });
}

/**
 * Close every published posting whose expiry has passed and take it out of search. Idempotent; meant for a
 * periodic job (the worker). Returns the ids closed.
 */
export async function expireJobPostings(db: Db, now = new Date()): Promise<string[]> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(jobPostings)
      .set({ status: "closed", closedAt: now, updatedAt: now })
      .where(and(eq(jobPostings.status, "published"), lt(jobPostings.expiresAt, now)))
      .returning({ id: jobPostings.id });
    const ids = rows.map((r) => r.id);
    await enqueueSearchSync(tx, "jobs", ids, "delete");
    return ids;
  });
}
