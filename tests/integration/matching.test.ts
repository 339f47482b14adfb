import { describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { jobPostings, memberships, organizations, veteranProfiles } from "../../db/schema";
import { createUser } from "../../db/factories";
import { loadRegions } from "../../db/regions";
import { runImport } from "../../app/models/import/run";
import { closeJobPosting } from "../../app/models/job-posting.server";
import { profileForMatching } from "../../app/models/matching.server";
import { EmbeddedSearchEngine } from "../../search/embedded";
import type { JobDocument } from "../../search/indexes";
import { matchCandidatesForJob, matchJobsForVeteran, trainingForSkillGaps } from "../../search/match";
import { currentDocuments, drainSearchOutbox, ensureIndexes } from "../../search/sync";
import { withRollback } from "../helpers/db";

const JOBS_CSV = `external_id,organization,title,description,category,skills,region_code,salary_min,salary_max,job_type,headcount,veteran_preferred
m-job-1,张家港港城物流有限公司,集装箱牵引车司机,港区短驳，持A2驾驶证,driving_logistics,重型货车驾驶;驾驶,320582,9000,13000,full_time,5,是
m-job-2,昆山顺达运输有限公司,货车司机,昆山至上海干线运输,driving_logistics,驾驶;重型货车驾驶,320583,8000,11000,full_time,3,是
m-job-3,宝鸡眉县果业合作社,物流配送司机,眉县猕猴桃冷链配送,driving_logistics,驾驶;物流,610326,6000,8000,full_time,2,否
m-job-4,张家港市沙洲餐饮管理有限公司,食堂厨师,员工食堂大锅菜,catering,烹饪,320582,6000,8000,full_time,2,是
m-job-5,张家港保安服务有限公司,保安员,小区巡逻值守,security,安保,320582,5000,6500,full_time,8,是
`;
// Visible files need the veteran's consent (the consent column) attested by staff (consentAttestedBy).
const VETERANS_CSV = `external_id,name,email,phone,region_code,branch,specialty,rank,years_served,discharge_year,education,certificates,skills,desired_roles,desired_region_codes,salary_min,job_types,visibility,consent
m-vet-1,周建军,zhou@example.com,13800000001,320582,陆军,汽车驾驶员,中士,8,2025,高中,,,,,,,public,是
m-vet-2,吴秘密,wu@example.com,13800000002,320582,陆军,汽车驾驶员,下士,5,2025,高中,,驾驶,,,,,hidden,
m-vet-3,郑大力,zheng@example.com,13800000003,320583,武警部队,警卫员,上士,10,2024,大专,保安员证,安保,,,,,verified_employers,是
`;

describe("matching after a CSV import", () => {
  it("a veteran with only a specialty gets that trade's jobs in their own county first, with reasons", async () => {
    await withRollback(async (tx) => {
      await loadRegions(tx);
      const jobs = await runImport(tx, "jobs", JOBS_CSV, { dryRun: false, actorUserId: null });
      expect(jobs.errors).toEqual([]);
      const vets = await runImport(tx, "veterans", VETERANS_CSV, { dryRun: false, actorUserId: null });
      expect(vets.errors).toEqual([]);
      // Imported organisations are unverified, so their jobs wait for review: publish them for this test.
      await tx.update(jobPostings).set({ status: "published", publishedAt: new Date(), expiresAt: new Date(Date.now() + 30 * 86_400_000) }).where(inArray(jobPostings.externalId, ["m-job-1", "m-job-2", "m-job-3", "m-job-4", "m-job-5"]));
      const engine = new EmbeddedSearchEngine();
      await ensureIndexes(tx, engine, { rebuild: true });

      const [zhou] = await tx.select().from(veteranProfiles).where(eq(veteranProfiles.externalId, "m-vet-1"));
      const matches = await matchJobsForVeteran(engine, profileForMatching(zhou));
      const ranked = matches.map((m) => m.job.external_id);
      expect(ranked[0]).toBe("m-job-1"); // driving, same county
      expect(ranked.indexOf("m-job-2")).toBeLessThan(ranked.indexOf("m-job-3")); // same city before another province
      const driving = ranked.filter((id) => ["m-job-1", "m-job-2", "m-job-3"].includes(id ?? ""));
      expect(ranked.slice(0, 3)).toEqual(driving);
      expect(matches[0].reasons.map((r) => r.code)).toEqual(expect.arrayContaining(["skills", "region_county"]));
      // The cook job next door is either not a candidate at all or ranks below every driving job.
      const cook = ranked.indexOf("m-job-4");
      expect(cook === -1 || cook > ranked.indexOf("m-job-3")).toBe(true);
      // Missing skills drive training suggestions (none seeded here: an empty answer, not an error).
      expect(await trainingForSkillGaps(engine, matches)).toEqual([]);
    });
  });

  it("hidden profiles never appear to employers; verified-only profiles only to verified employers", async () => {
    await withRollback(async (tx) => {
      await loadRegions(tx);
      await runImport(tx, "jobs", JOBS_CSV, { dryRun: false, actorUserId: null });
      const staff = await createUser(tx, { role: "staff" });
      await runImport(tx, "veterans", VETERANS_CSV, { dryRun: false, actorUserId: staff.id, consentAttestedBy: staff.id });
      await tx.update(jobPostings).set({ status: "published", publishedAt: new Date(), expiresAt: new Date(Date.now() + 30 * 86_400_000) }).where(inArray(jobPostings.externalId, ["m-job-1", "m-job-5"]));
      const engine = new EmbeddedSearchEngine();
      await ensureIndexes(tx, engine, { rebuild: true });
      const profiles = await tx.select({ id: veteranProfiles.id, externalId: veteranProfiles.externalId }).from(veteranProfiles);
      const ext = new Map(profiles.map((p) => [p.id, p.externalId]));

      const [drivingJob] = await tx.select().from(jobPostings).where(eq(jobPostings.externalId, "m-job-1"));
      const [doc] = (await currentDocuments(tx, "jobs", [drivingJob.id])) as JobDocument[];
      const forVerified = await matchCandidatesForJob(engine, doc, { verifiedEmployer: true });
      const names = forVerified.map((c) => ext.get(c.profile.id));
      expect(names[0]).toBe("m-vet-1");
      expect(names).not.toContain("m-vet-2");
      for (const c of forVerified) {
        expect(c.profile).not.toHaveProperty("phone");
        expect(c.profile).not.toHaveProperty("contact_email");
        expect(c.profile.surname_initial.length).toBe(1);
      }

      const [securityJob] = await tx.select().from(jobPostings).where(eq(jobPostings.externalId, "m-job-5"));
      const [secDoc] = (await currentDocuments(tx, "jobs", [securityJob.id])) as JobDocument[];
      const verified = (await matchCandidatesForJob(engine, secDoc, { verifiedEmployer: true })).map((c) => ext.get(c.profile.id));
      const unverified = (await matchCandidatesForJob(engine, secDoc, { verifiedEmployer: false })).map((c) => ext.get(c.profile.id));
      expect(verified[0]).toBe("m-vet-3");
      expect(unverified).not.toContain("m-vet-3");
      expect(unverified).not.toContain("m-vet-2");
    });
  });

  it("a closed job leaves search within one drain", async () => {
    await withRollback(async (tx) => {
      await loadRegions(tx);
      await runImport(tx, "jobs", JOBS_CSV, { dryRun: false, actorUserId: null });
      const [job] = await tx.select().from(jobPostings).where(eq(jobPostings.externalId, "m-job-1"));
      await tx.update(organizations).set({ verificationStatus: "verified" }).where(eq(organizations.id, job.organizationId));
      await tx.update(jobPostings).set({ status: "published", publishedAt: new Date(), expiresAt: new Date(Date.now() + 30 * 86_400_000) }).where(eq(jobPostings.id, job.id));
      const engine = new EmbeddedSearchEngine();
      await ensureIndexes(tx, engine, { rebuild: true });
      expect((await engine.search("jobs", { q: "牵引车司机" })).hits.map((h) => h.id)).toContain(job.id);

      const owner = await createUser(tx, { role: "employer" });
      await tx.insert(memberships).values({ userId: owner.id, organizationId: job.organizationId });
      await closeJobPosting(tx, owner, job.id);
      await drainSearchOutbox(tx, engine);
      expect((await engine.search("jobs", { q: "牵引车司机" })).hits.map((h) => h.id)).not.toContain(job.id);
    });
  });
});
