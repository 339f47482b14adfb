// Job postings: an employer's life cycle (draft → pending_review → published | rejected, close, re-confirm, expiry)
// and the staff moderation queue. Every write queues the posting for the search index in the same transaction.
import { and, asc, count, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jobPostings, memberships, organizations, regions, users, type JobPosting } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { enqueueSearchSync } from "../../search/sync";
import { getSkill, normalizeSkill, taxonomy } from "../../search/taxonomy";
import {
  detectApplicantFees,
  feeReviewReason,
  JOB_POSTING_TTL_DAYS,
  parseReviewReason,
  type JobPostingFormValue,
} from "../forms/job-posting";
import { renderMarkdown } from "../utils/markdown.server";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";
import { assertOrganizationAccess, isStaff, requireActingOrganization, requireStaff, requireUuid, type Actor } from "./authz.server";
import { regionChain, type RegionOption } from "./region.server";

export { detectApplicantFees, feeReviewReason, JOB_POSTING_TTL_DAYS, parseReviewReason };

export type JobStatus = JobPosting["status"];

const DAY_MS = 86_400_000;
const POSTING_KINDS = ["employer", "training_provider"] as const;

// ------------------------------------------------------------------ review reasons
//
// `review_reason` holds either staff's free text (a rejection) or a system reason as an i18n key with an argument,
// "jobs:review.applicantFees|押金、培训费", so the employer and staff each read it in their own language.
// A posting that waits ONLY because its organisation is unverified has no reason (null): verifying the
// organisation publishes exactly those (organization.server.ts).

// ------------------------------------------------------------------ taxonomy helpers

export type NamedOption = { id: string; name: string; nameEn: string };

/** Job categories and skills for pickers (names in both languages; the page shows the user's). */
export function jobTaxonomyOptions(): { categories: NamedOption[]; skills: NamedOption[] } {
  return {
    categories: taxonomy.categories.map(({ id, name, nameEn }) => ({ id, name, nameEn })),
    skills: taxonomy.skills.map(({ id, name, nameEn }) => ({ id, name, nameEn })),
  };
}

function skillOptions(ids: readonly string[]): NamedOption[] {
  return ids.map((id) => {
    const s = getSkill(id);
    return s ? { id, name: s.name, nameEn: s.nameEn } : { id, name: id, nameEn: id };
  });
}

function categoryOption(id: string): NamedOption {
  const c = taxonomy.categories.find((x) => x.id === id);
  return c ? { id, name: c.name, nameEn: c.nameEn } : { id, name: id, nameEn: id };
}

/**
 * Typed skill terms (ids, names, synonyms in zh or en) → taxonomy skill ids; an unknown term is a field error.
 * `kept` are values the posting already holds (imported or older postings may carry free-text skills): they stay
 * as they are, so editing other fields never fails on them.
 */
export function resolveSkillTerms(terms: readonly string[], kept: readonly string[] = []): string[] {
  const ids: string[] = [];
  for (const term of terms) {
    const id = getSkill(term) ? term : (normalizeSkill(term) ?? (kept.includes(term) ? term : null));
    if (!id) throw new DomainError(`jobs:errors.unknownSkill|${term}`, "skills");
    if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length > 20) throw new DomainError("jobs:errors.tooManySkills", "skills");
  return ids;
}

// ------------------------------------------------------------------ guards

async function loadPosting(db: Db, id: string, forUpdate = false): Promise<JobPosting> {
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

function liveUntil(now: Date): Date {
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
const saveResultColumns = {
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
    if (!isStaff(actor)) await assertOrganizationAccess(tx, actor, current.organizationId);
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

// ------------------------------------------------------------------ staff moderation

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
  requireStaff(actor);
  const posting = await loadPosting(tx, id, true);
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

// ------------------------------------------------------------------ reads

export const PAGE_SIZE = 20;

function pageOf(page: number | undefined) {
  const p = Number.isFinite(page) && page && page > 0 ? Math.floor(page) : 1;
  return { page: p, offset: (p - 1) * PAGE_SIZE };
}

/** True while a published posting has not passed its expiry. */
export function isLive(p: Pick<JobPosting, "status" | "expiresAt">, now = new Date()): boolean {
  return p.status === "published" && (!p.expiresAt || p.expiresAt > now);
}

/** The acting employer's organisation and a page of its postings, newest change first. */
export async function listOrganizationJobPostings(db: Db, actor: Actor, options: { page?: number; now?: Date } = {}) {
  const org = await postingOrganization(db, actor);
  const now = options.now ?? new Date();
  const { page, offset } = pageOf(options.page);
  const where = eq(jobPostings.organizationId, org.id);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(jobPostings).where(where);
  const rows = await db
    .select({
      id: jobPostings.id,
      title: jobPostings.title,
      status: jobPostings.status,
      reviewReason: jobPostings.reviewReason,
      regionCode: jobPostings.regionCode,
      regionName: regions.name,
      salaryMin: jobPostings.salaryMin,
      salaryMax: jobPostings.salaryMax,
      headcount: jobPostings.headcount,
      publishedAt: jobPostings.publishedAt,
      expiresAt: jobPostings.expiresAt,
      closedAt: jobPostings.closedAt,
      updatedAt: jobPostings.updatedAt,
    })
    .from(jobPostings)
    .leftJoin(regions, eq(regions.code, jobPostings.regionCode))
    .where(where)
    .orderBy(desc(jobPostings.updatedAt), asc(jobPostings.id))
    .limit(PAGE_SIZE)
    .offset(offset);
  return {
    organization: org,
    items: rows.map((r) => ({ ...r, live: isLive(r, now), expired: r.status === "published" && !isLive(r, now) })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

/** What the edit form needs: the posting's values (members only) and its region chain. */
export async function getJobPostingForEdit(db: Db, actor: Actor, id: string) {
  const posting = await loadPosting(db, id);
  if (isStaff(actor)) throw new ForbiddenError();
  await assertOrganizationAccess(db, actor, posting.organizationId);
  return { posting, skills: skillOptions(posting.skills), regionPath: await regionChain(db, posting.regionCode) };
}

export interface JobPostingView {
  id: string;
  title: string;
  status: JobStatus;
  live: boolean;
  reviewReason: string | null;
  descriptionHtml: string;
  category: NamedOption;
  skills: NamedOption[];
  regionPath: RegionOption[];
  address: string | null;
  lat: string | null;
  lng: string | null;
  salaryMin: number | null;
  salaryMax: number | null;
  jobType: JobPosting["jobType"];
  headcount: number;
  veteranPreferred: boolean;
  publishedAt: Date | null;
  expiresAt: Date | null;
  organization: { id: string; name: string; verified: boolean; badges: string[] };
  /** The viewer belongs to the posting's organisation (sees every status; may edit). */
  viewerIsMember: boolean;
}

/**
 * A posting for its public page. Anyone sees a published, unexpired posting; the organisation's members and staff
 * see it in any status; everyone else gets NotFound (no hint that it exists).
 */
export async function getJobPostingView(db: Db, viewer: Actor | null, id: string, now = new Date()): Promise<JobPostingView> {
  requireUuid(id);
  const [row] = await db
    .select({ job: jobPostings, org: organizations })
    .from(jobPostings)
    .innerJoin(organizations, eq(organizations.id, jobPostings.organizationId))
    .where(eq(jobPostings.id, id));
  if (!row) throw new NotFoundError();
  const { job, org } = row;
  let viewerIsMember = false;
  if (viewer && !isStaff(viewer)) {
    const [m] = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.userId, viewer.id), eq(memberships.organizationId, org.id)));
    viewerIsMember = Boolean(m);
  }
  const live = isLive(job, now);
  if (!live && !viewerIsMember && !(viewer && isStaff(viewer))) throw new NotFoundError();
  return {
    id: job.id,
    title: job.title,
    status: job.status,
    live,
    reviewReason: job.reviewReason,
    descriptionHtml: renderMarkdown(job.description),
    category: categoryOption(job.category),
    skills: skillOptions(job.skills),
    regionPath: await regionChain(db, job.regionCode),
    address: job.address,
    lat: job.lat,
    lng: job.lng,
    salaryMin: job.salaryMin,
    salaryMax: job.salaryMax,
    jobType: job.jobType,
    headcount: job.headcount,
    veteranPreferred: job.veteranPreferred,
    publishedAt: job.publishedAt,
    expiresAt: job.expiresAt,
    organization: { id: org.id, name: org.name, verified: org.verificationStatus === "verified", badges: org.badges },
    viewerIsMember,
  };
}

/** Staff's queue: postings waiting for review, oldest first, with the reason each is held and its description. */
export async function listPendingJobPostings(db: Db, actor: Actor, options: { page?: number } = {}) {
  requireStaff(actor);
  const { page, offset } = pageOf(options.page);
  const where = eq(jobPostings.status, "pending_review");
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

