import { describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { jobPostings, memberships, organizations, veteranProfiles } from "../../db/schema";
import { createUser } from "../../db/factories";
import { loadRegions } from "../../db/regions";
import { runImport } from "../../app/models/import/run";
import { closeJobPosting } from "../../app/models/job-posting.server";
import { candidatesForJob, matchesForVeteranProfile, profileForMatching } from "../../app/models/matching.server";
import { EmbeddedSearchEngine } from "../../search/embedded";
import type { JobDocument } from "../../search/indexes";
import { matchCandidatesForJob, matchJobsForVeteran, trainingForSkillGaps } from "../../search/match";
import { currentDocuments, drainSearchOutbox, ensureIndexes } from "../../search/sync";
import { taxonomy } from "../../search/taxonomy";
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
m-vet-2,吴秘密,wu@example.com,13800000002,320582,陆军,汽车驾驶员,下士,5,2025,高中,,驾驶,,,,,hidden,是
m-vet-3,郑大力,zheng@example.com,13800000003,320583,武警部队,警卫员,上士,10,2024,大专,保安员证,安保,,,,,verified_employers,是
`;

/** The veterans file, imported by a staff member who attests the consent column (so visibility is as asked). */
async function importVeterans(tx: Parameters<Parameters<typeof withRollback>[0]>[0]) {
  const staff = await createUser(tx, { role: "staff" });
  return runImport(tx, "veterans", VETERANS_CSV, { dryRun: false, actorUserId: staff.id, consentAttestedBy: staff.id });
}

describe("matching after a CSV import", () => {
  it("a veteran with only a specialty gets that trade's jobs in their own county first, with reasons", async () => {
    await withRollback(async (tx) => {
      await loadRegions(tx);
      const jobs = await runImport(tx, "jobs", JOBS_CSV, { dryRun: false, actorUserId: null });
      expect(jobs.errors).toEqual([]);
      const vets = await importVeterans(tx);
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
      await importVeterans(tx);
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

  it("a veteran who hid the profile still gets their own matches, explained in their language with skill names", async () => {
    await withRollback(async (tx) => {
      await loadRegions(tx);
      await runImport(tx, "jobs", `${JOBS_CSV}m-job-6,张家港港城物流有限公司,仓储送货司机,仓库出入库与市内送货,driving_logistics,驾驶;装卸搬运;叉车,320582,7000,9000,full_time,2,否\n`, { dryRun: false, actorUserId: null });
      await importVeterans(tx);
      await tx.update(jobPostings).set({ status: "published", publishedAt: new Date(), expiresAt: new Date(Date.now() + 30 * 86_400_000) }).where(inArray(jobPostings.externalId, ["m-job-1", "m-job-2", "m-job-3", "m-job-4", "m-job-5", "m-job-6"]));
      const engine = new EmbeddedSearchEngine();
      await ensureIndexes(tx, engine, { rebuild: true });
      const [wu] = await tx.select().from(veteranProfiles).where(eq(veteranProfiles.externalId, "m-vet-2"));
      expect(wu.visibility).toBe("hidden");
      const ids = new Set(taxonomy.skills.map((s) => s.id));
      const zh = await matchesForVeteranProfile(tx, engine, wu, "zh-CN");
      expect(zh.jobs[0]?.externalId).toBe("m-job-1");
      expect(zh.jobs[0]?.reasons).toEqual(expect.arrayContaining(["位于您居住的区县"]));
      expect(zh.jobs[0]?.reasons.some((r) => r.startsWith("技能匹配：") && r.includes("驾驶"))).toBe(true);
      const en = await matchesForVeteranProfile(tx, engine, wu, "en");
      expect(en.jobs[0]?.reasons).toEqual(expect.arrayContaining(["In the county where you live"]));
      expect(en.jobs[0]?.reasons.some((r) => r.startsWith("Skills: ") && r.includes("Driving"))).toBe(true);
      const missing = [...zh.jobs, ...en.jobs].flatMap((j) => j.missingSkills);
      expect(missing.length).toBeGreaterThan(0);
      for (const name of missing) expect(ids.has(name)).toBe(false);
      const warehouse = (jobs: typeof zh.jobs) => jobs.find((j) => j.externalId === "m-job-6")?.missingSkills;
      expect(warehouse(zh.jobs)).toEqual(expect.arrayContaining(["装卸搬运", "叉车"]));
      expect(warehouse(en.jobs)).toEqual(expect.arrayContaining(["Cargo handling", "Forklift operation"]));
      expect(en.jobs.flatMap((j) => j.missingSkills).some((n) => /[\u4e00-\u9fff]/.test(n) && taxonomy.skills.some((s) => s.name === n))).toBe(false);
    });
  });

  it("employers read candidate-side reasons only, saying whether the county is where the veteran lives or wants to work", async () => {
    await withRollback(async (tx) => {
      await loadRegions(tx);
      await runImport(tx, "jobs", JOBS_CSV, { dryRun: false, actorUserId: null });
      await importVeterans(tx);
      const [job] = await tx.select().from(jobPostings).where(eq(jobPostings.externalId, "m-job-1"));
      await tx.update(organizations).set({ verificationStatus: "verified" }).where(eq(organizations.id, job.organizationId));
      await tx.update(jobPostings).set({ status: "published", publishedAt: new Date(), expiresAt: new Date(Date.now() + 30 * 86_400_000) }).where(eq(jobPostings.id, job.id));
      const engine = new EmbeddedSearchEngine();
      await ensureIndexes(tx, engine, { rebuild: true });
      const owner = await createUser(tx, { role: "employer" });
      await tx.insert(memberships).values({ userId: owner.id, organizationId: job.organizationId });
      const [zhou] = await tx.select().from(veteranProfiles).where(eq(veteranProfiles.externalId, "m-vet-1"));
      const zh = (await candidatesForJob(tx, engine, owner, job.id, "zh-CN")).find((c) => c.id === zhou.id)!;
      expect(zh.reasons).toContain("居住在岗位所在区县");
      expect(zh.reasons.some((r) => r.startsWith("具备技能："))).toBe(true);
      // the job is new and prefers veterans, but that says nothing about the candidate
      expect(zh.reasons).not.toContain("新发布");
      expect(zh.reasons).not.toContain("退役军人优先");
      const en = (await candidatesForJob(tx, engine, owner, job.id, "en")).find((c) => c.id === zhou.id)!;
      expect(en.reasons).toContain("Lives in the job's county");
      expect(en.reasons.some((r) => r.startsWith("Has the skills: "))).toBe(true);
      expect(en.reasons).not.toContain("Newly posted");
      expect(en.reasons).not.toContain("Veterans preferred");
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
