import { and, count, desc, asc, eq, gt, or, isNull, sql } from "drizzle-orm";
import { regionNameEn } from "../../db/region-names";
import type { Db } from "../../db/client";
import { jobPostings, organizations, regions, veteranProfiles } from "../../db/schema";
import { jobFairs } from "../../db/schema-fairs";

/** What the public home page shows: live jobs, fairs still to come or running, and the startup parks. */
export async function getHomeOverview(db: Db, now = new Date()) {
  const live = and(eq(jobPostings.status, "published"), or(isNull(jobPostings.expiresAt), gt(jobPostings.expiresAt, now)));
  const [latestJobs, upcomingFairs, parks, [jobCount], [orgCount], [veteranCount]] = await Promise.all([
    db
      .select({
        id: jobPostings.id,
        title: jobPostings.title,
        organization: organizations.name,
        organizationVerified: sql<boolean>`${organizations.verificationStatus} = 'verified'`,
        regionName: regions.name,
        salaryMin: jobPostings.salaryMin,
        salaryMax: jobPostings.salaryMax,
        jobType: jobPostings.jobType,
        veteranPreferred: jobPostings.veteranPreferred,
        publishedAt: jobPostings.publishedAt,
      })
      .from(jobPostings)
      .innerJoin(organizations, eq(organizations.id, jobPostings.organizationId))
      .leftJoin(regions, eq(regions.code, jobPostings.regionCode))
      .where(live)
      .orderBy(desc(jobPostings.publishedAt), desc(jobPostings.createdAt))
      .limit(8),
    db
      .select({
        id: jobFairs.id,
        title: jobFairs.title,
        mode: jobFairs.mode,
        startsAt: jobFairs.startsAt,
        endsAt: jobFairs.endsAt,
        positionsOffered: jobFairs.positionsOffered,
        regionName: regions.name,
      })
      .from(jobFairs)
      .leftJoin(regions, eq(regions.code, jobFairs.regionCode))
      .where(and(gt(jobFairs.endsAt, now), eq(jobFairs.status, "published")))
      .orderBy(asc(jobFairs.startsAt))
      .limit(4),
    db
      .select({
        id: organizations.id,
        name: organizations.name,
        description: organizations.description,
        regionName: regions.name,
        verified: sql<boolean>`${organizations.verificationStatus} = 'verified'`,
        badges: organizations.badges,
      })
      .from(organizations)
      .leftJoin(regions, eq(regions.code, organizations.regionCode))
      .where(and(eq(organizations.kind, "incubator_park"), eq(organizations.verificationStatus, "verified")))
      .orderBy(asc(organizations.name))
      .limit(6),
    db.select({ n: count() }).from(jobPostings).where(live),
    db.select({ n: count() }).from(organizations).where(eq(organizations.verificationStatus, "verified")),
    db.select({ n: count() }).from(veteranProfiles),
  ]);
  const withEnglish = <T extends { regionName: string | null }>(rows: T[]) =>
    rows.map((r) => ({ ...r, regionNameEn: r.regionName ? regionNameEn(r.regionName) : null }));
  return {
    latestJobs: withEnglish(latestJobs),
    upcomingFairs: withEnglish(upcomingFairs),
    parks: withEnglish(parks),
    stats: { jobs: Number(jobCount.n), orgs: Number(orgCount.n), veterans: Number(veteranCount.n) },
  };
}
