// Reading job postings: an organisation's own list, the edit form's values and the public posting page.
import { and, asc, count, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jobPostings, memberships, organizations, regions, type JobPosting } from "../../db/schema";
import { renderMarkdown } from "../utils/markdown.server";
import { ForbiddenError, NotFoundError } from "./errors";
import { assertOrganizationAccess, isStaff, requireUuid, type Actor } from "./authz.server";
import { regionInScope, staffScope } from "./staff-scope.server";
import { loadPosting, postingOrganization, type JobStatus } from "./job-posting.server";
import { categoryOption, skillOptions, type NamedOption } from "./job-taxonomy.server";
import { regionChain, type RegionOption } from "./region.server";

export const PAGE_SIZE = 20;

export function pageOf(page: number | undefined) {
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
  /**
   * The viewer may open the posting's edit page and the organisation's job list: an employer member (the edit
   * routes are the employer's; a park manager whose park owns the posting sees it but edits nowhere), not closed.
   */
  viewerCanEdit: boolean;
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
  // Staff see postings of any status inside their station's region (the public sees live ones).
  let viewerIsStaffInScope = false;
  if (viewer && isStaff(viewer)) {
    const scope = await staffScope(db, viewer).catch(() => null);
    viewerIsStaffInScope = scope !== null && regionInScope(scope, job.regionCode);
  }
  if (viewer && !isStaff(viewer)) {
    const [m] = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.userId, viewer.id), eq(memberships.organizationId, org.id)));
    viewerIsMember = Boolean(m);
  }
  const live = isLive(job, now);
  if (!live && !viewerIsMember && !viewerIsStaffInScope) throw new NotFoundError();
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
    viewerCanEdit: viewerIsMember && viewer?.role === "employer" && job.status !== "closed",
  };
}
