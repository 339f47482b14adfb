// A veteran's file as an employer sees it: visible only by the veteran's choice, contact details only after the
// veteran applied to the organisation or accepted its contact request.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { applications, contactRequests, jobPostings, regions, veteranProfiles } from "../../db/schema";
import { requireActingOrganization, requireUuid, type Actor } from "./authz.server";
import { NotFoundError } from "./errors";

export interface EmployerProfileView {
  id: string;
  surnameInitial: string;
  regionCode: string | null;
  regionName: string | null;
  branch: string | null;
  specialty: string | null;
  rank: string | null;
  yearsServed: number | null;
  dischargeYear: number | null;
  honours: string[];
  education: string | null;
  certificates: string[];
  skills: string[];
  desiredRoles: string[];
  desiredRegionCodes: string[];
  salaryMin: number | null;
  jobTypes: string[];
  /** Why contact details are (not) shown: 'applied' | 'accepted' | null. */
  contactAllowedBecause: "applied" | "accepted" | null;
  contact: { phone: string | null; email: string | null } | null;
  contactRequest: { id: string; status: string; createdAt: Date } | null;
  organizationId: string;
}

/** The employer organisation an employer account acts for; ForbiddenError for every other account. */
export function actingEmployerOrganization(db: Db, actor: Actor) {
  return requireActingOrganization(db, actor, { role: "employer", kinds: ["employer"] });
}

/** The file as an employer may see it: throws NotFoundError for hidden files or ones not shown to this employer. */
export async function visibleProfileForOrganization(db: Db, profileId: string, org: { verificationStatus: string }) {
  const [row] = await db.select().from(veteranProfiles).where(eq(veteranProfiles.id, profileId));
  if (!row || !row.consentAt) throw new NotFoundError();
  const allowed = row.visibility === "public" || (row.visibility === "verified_employers" && org.verificationStatus === "verified");
  if (!allowed) throw new NotFoundError();
  return row;
}

/** Whether this organisation may see the veteran's phone and email, and why. */
export async function contactAllowance(db: Db, organizationId: string, profileId: string): Promise<"applied" | "accepted" | null> {
  const [applied] = await db
    .select({ id: applications.id })
    .from(applications)
    .innerJoin(jobPostings, eq(jobPostings.id, applications.jobPostingId))
    .where(and(eq(applications.veteranProfileId, profileId), eq(jobPostings.organizationId, organizationId)))
    .limit(1);
  if (applied) return "applied";
  const [accepted] = await db
    .select({ id: contactRequests.id })
    .from(contactRequests)
    .where(
      and(
        eq(contactRequests.veteranProfileId, profileId),
        eq(contactRequests.organizationId, organizationId),
        eq(contactRequests.status, "accepted"),
      ),
    );
  return accepted ? "accepted" : null;
}

/**
 * A veteran's file for an employer: surname initial, region, service summary and skills; phone and email only after
 * the veteran applied to one of the organisation's jobs or accepted its contact request. Hidden files, and files
 * for verified employers when this organisation is not verified, are NotFoundError.
 */
export async function getProfileForEmployer(db: Db, actor: Actor, profileId: string): Promise<EmployerProfileView> {
  const org = await actingEmployerOrganization(db, actor);
  requireUuid(profileId);
  const row = await visibleProfileForOrganization(db, profileId, org);
  const allowedBecause = await contactAllowance(db, org.id, row.id);
  const [request] = await db
    .select({ id: contactRequests.id, status: contactRequests.status, createdAt: contactRequests.createdAt })
    .from(contactRequests)
    .where(and(eq(contactRequests.veteranProfileId, row.id), eq(contactRequests.organizationId, org.id)));
  const [region] = row.regionCode
    ? await db.select({ name: regions.name }).from(regions).where(eq(regions.code, row.regionCode))
    : [];
  const first = [...row.fullName.trim()][0] ?? "";
  return {
    id: row.id,
    surnameInitial: /[a-z]/i.test(first) ? first.toUpperCase() : first,
    regionCode: row.regionCode,
    regionName: region?.name ?? null,
    branch: row.branch,
    specialty: row.specialty,
    rank: row.rank,
    yearsServed: row.yearsServed,
    dischargeYear: row.dischargeYear,
    honours: row.honours,
    education: row.education,
    certificates: row.certificates,
    skills: row.skills,
    desiredRoles: row.desiredRoles,
    desiredRegionCodes: row.desiredRegionCodes,
    salaryMin: row.salaryMin,
    jobTypes: row.jobTypes,
    contactAllowedBecause: allowedBecause,
    contact: allowedBecause ? { phone: row.phone, email: row.contactEmail } : null,
    contactRequest: request ?? null,
    organizationId: org.id,
  };
}
