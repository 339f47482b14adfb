import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jobPostings, veteranProfiles, type VeteranProfile } from "../../db/schema";
import type { SearchEngine } from "../../search/engine";
import type { JobDocument } from "../../search/indexes";
import {
  describeReason,
  matchCandidatesForJob,
  matchJobsForVeteran,
  skillName,
  trainingForSkillGaps,
  type MatchLocale,
  type VeteranForMatching,
} from "../../search/match";
import { currentDocuments } from "../../search/sync";
import { assertOrganizationAccess, getActingOrganization, isStaff, requireUuid } from "./authz.server";
import { ForbiddenError, NotFoundError } from "./errors";
import type { SessionUser } from "./user.server";
import { regionPathEn } from "../../db/region-names";

export function profileForMatching(p: VeteranProfile): VeteranForMatching {
  return {
    id: p.id,
    specialty: p.specialty,
    certificates: p.certificates,
    skills: p.skills,
    desiredRoles: p.desiredRoles,
    regionCode: p.regionCode,
    desiredRegionCodes: p.desiredRegionCodes,
    salaryMin: p.salaryMin,
    jobTypes: p.jobTypes,
  };
}

export interface JobMatchView {
  id: string;
  externalId: string | null;
  title: string;
  organization: string;
  regionName: string;
  salaryMin: number | null;
  salaryMax: number | null;
  jobType: string;
  score: number;
  reasons: string[];
  missingSkills: string[];
}

/** The matches of a veteran's own profile: jobs (with reasons and missing skills) and training for the gaps. */
export async function matchesForVeteranProfile(db: Db, search: SearchEngine, profile: VeteranProfile, locale: MatchLocale, limit = 10) {
  const matches = await matchJobsForVeteran(search, profileForMatching(profile), { limit });
  const training = await trainingForSkillGaps(search, matches);
  return {
    jobs: matches.map(
      (m): JobMatchView => ({
        id: m.job.id,
        externalId: m.job.external_id,
        title: m.job.title,
        organization: m.job.organization,
        regionName: locale === "en" ? regionPathEn(m.job.region_name) : m.job.region_name,
        salaryMin: m.job.salary_min,
        salaryMax: m.job.salary_max,
        jobType: m.job.job_type,
        score: m.score,
        reasons: m.reasons.map((r) => describeReason(r, locale)),
        missingSkills: m.missingSkills.map((s) => skillName(s, locale)),
      }),
    ),
    training: training.map((t) => ({
      id: t.slot.id,
      title: t.slot.title,
      organization: t.slot.organization,
      regionName: locale === "en" ? regionPathEn(t.slot.region_name) : t.slot.region_name,
      teaches: t.teaches.map((s) => skillName(s, locale)),
    })),
  };
}

export async function matchesForUser(db: Db, search: SearchEngine, user: SessionUser, locale: MatchLocale, limit = 10) {
  if (user.role !== "veteran") throw new ForbiddenError();
  const [profile] = await db.select().from(veteranProfiles).where(eq(veteranProfiles.userId, user.id));
  if (!profile) return null;
  return matchesForVeteranProfile(db, search, profile, locale, limit);
}

/** A live job's search document (null when it is not published and live). */
export async function jobDocument(db: Db, jobId: string): Promise<JobDocument | null> {
  const [doc] = await currentDocuments(db, "jobs", [jobId]);
  return (doc as JobDocument | undefined) ?? null;
}

/**
 * Candidates for one of the employer's own jobs: opted-in veterans only, contact fields never included (the index
 * has none); "verified employers only" profiles only when the employer is verified.
 */
export async function candidatesForJob(db: Db, search: SearchEngine, actor: SessionUser, jobId: string, locale: MatchLocale, limit = 20) {
  requireUuid(jobId);
  const [job] = await db.select({ organizationId: jobPostings.organizationId }).from(jobPostings).where(eq(jobPostings.id, jobId));
  if (!job) throw new NotFoundError();
  await assertOrganizationAccess(db, actor, job.organizationId);
  const doc = await jobDocument(db, jobId);
  if (!doc) return [];
  const org = actor.role === "employer" ? await getActingOrganization(db, actor.id) : null;
  const verifiedEmployer = isStaff(actor) || org?.verificationStatus === "verified";
  const matches = await matchCandidatesForJob(search, doc, { limit, verifiedEmployer });
  return matches.map((m) => ({
    id: m.profile.id,
    surnameInitial: m.profile.surname_initial,
    regionName: locale === "en" ? regionPathEn(m.profile.region_name) : m.profile.region_name,
    branch: m.profile.branch,
    specialty: m.profile.specialty,
    yearsServed: m.profile.years_served,
    skills: m.profile.skills.map((s) => skillName(s, locale)),
    score: m.score,
    reasons: m.reasons.map((r) => describeReason(r, locale, "employer")),
    missingSkills: m.missingSkills.map((s) => skillName(s, locale)),
  }));
}
