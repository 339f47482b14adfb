import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq, inArray, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Db } from "../../db/client";
import { createOrganization, createUser, createVeteranProfile } from "../../db/factories";
import { ensureRegions } from "../../db/regions";
import { auditLog, consentRecords, importRuns, jobPostings, organizations, searchOutbox, veteranProfiles } from "../../db/schema";
import { getImportProgress, getImportRun, listImportRuns, startImport } from "../../app/models/import.server";
import { runImport } from "../../app/models/import/run";
import { toVeteranProfileDocument } from "../../search/indexes";
import { getTestDb, withRollback } from "../helpers/db";

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), "../fixtures");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const REGIONS = ["320582", "320581", "320583", "320585", "320508", "320576", "330683", "610326", "610100"];
const DAY_MS = 86_400_000;

/** The employers the fixture names, as the demo has them (the rescue company is deliberately missing). */
beforeAll(() => getTestDb()); // the migrated database, created outside any one test's time

async function setUp(tx: Db) {
  await ensureRegions(tx, REGIONS);
  const verified = ["张家港港城智运物流有限公司", "苏州金盾保安服务有限公司", "昆山精工智造科技有限公司", "眉县秦岭猕猴桃产业发展有限公司", "苏州园区云维信息技术有限公司"];
  for (const name of verified) await createOrganization(tx, { name, verificationStatus: "verified" });
  await createOrganization(tx, { name: "常熟虞味餐饮管理有限公司", verificationStatus: "pending", regionCode: "320581" });
}

async function jobsByExternalId(tx: Db, prefix: string) {
  const rows = await tx
    .select({ job: jobPostings, orgName: organizations.name, orgStatus: organizations.verificationStatus })
    .from(jobPostings)
    .innerJoin(organizations, eq(organizations.id, jobPostings.organizationId))
    .where(like(jobPostings.externalId, `${prefix}%`));
  return new Map(rows.map((r) => [r.job.externalId!, r]));
}

async function outboxFor(tx: Db, index: string, ids: string[]) {
  return tx.select().from(searchOutbox).where(and(eq(searchOutbox.indexName, index), inArray(searchOutbox.documentId, ids)));
}

async function countRows(tx: Db) {
  const one = async (table: string) => {
    const [row] = await queryRows<{ n: number }>(tx, sql.raw(`select count(*)::int as n from ${table}`));
    return Number(row!.n);
  };
  return {
    jobs: await one("job_postings"),
    orgs: await one("organizations"),
    profiles: await one("veteran_profiles"),
    consents: await one("consent_records"),
    outbox: await one("search_outbox"),
  };
}

describe("importing jobs", () => {
  it("creates postings, publishes those of verified employers, and creates a named but missing employer unverified", async () => {
    await withRollback(async (tx) => {
      await setUp(tx);
      const staff = await createUser(tx, { role: "staff" });
      const before = Date.now();
      const result = await runImport(tx, "jobs", fixture("jobs.csv"), { dryRun: false, actorUserId: staff.id });
      expect(result).toMatchObject({ totalRows: 8, processedRows: 8, created: 8, updated: 0, failedRows: 0, errors: [], fileErrors: [] });
      expect(result.organizationsCreated).toEqual(["嵊州越剡应急救援服务有限公司"]);

      const jobs = await jobsByExternalId(tx, "imp-job-");
      expect(jobs.size).toBe(8);
      const truck = jobs.get("imp-job-001")!.job;
      expect(truck).toMatchObject({
        status: "published",
        category: "driving_logistics",
        skills: ["heavy_truck_driving", "driving", "dispatching"],
        regionCode: "320582",
        salaryMin: 9000,
        salaryMax: 13000,
        headcount: 10,
        veteranPreferred: true,
        createdByUserId: staff.id,
      });
      // the quoted description keeps its line break and its commas
      expect(truck.description).toContain("提箱、送箱。\n任职要求");
      expect(truck.publishedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(truck.expiresAt!.getTime() - truck.publishedAt!.getTime()).toBe(30 * DAY_MS);
      expect(jobs.get("imp-job-002")!.job.description).toBe('负责入库、出库、盘点，操作电动叉车，做好"5S"现场管理。');
      expect(jobs.get("imp-job-007")!.job.veteranPreferred).toBe(false);
      expect(jobs.get("imp-job-008")!.job.jobType).toBe("internship");

      // an unverified employer's posting waits for review
      expect(jobs.get("imp-job-005")).toMatchObject({ orgStatus: "pending", job: { status: "pending_review", publishedAt: null } });
      // the missing employer was created, unverified, and its posting waits too
      expect(jobs.get("imp-job-006")).toMatchObject({ orgName: "嵊州越剡应急救援服务有限公司", orgStatus: "pending", job: { status: "pending_review" } });

      const ids = [...jobs.values()].map((r) => r.job.id);
      const outbox = await outboxFor(tx, "jobs", ids);
      expect(new Set(outbox.map((o) => o.documentId))).toEqual(new Set(ids));
    });
  });

  it("updates by external id on re-import, without duplicating postings or employers", async () => {
    await withRollback(async (tx) => {
      await setUp(tx);
      await runImport(tx, "jobs", fixture("jobs.csv"), { dryRun: false, actorUserId: null });
      const first = await jobsByExternalId(tx, "imp-job-");
      const changed = fixture("jobs.csv").toString("utf8").replace("保税仓叉车工", "保税仓叉车工（夜班）").replace("6000,8000", "6500,8800");
      const result = await runImport(tx, "jobs", changed, { dryRun: false, actorUserId: null });
      expect(result).toMatchObject({ created: 0, updated: 8, failedRows: 0, organizationsCreated: [] });
      const second = await jobsByExternalId(tx, "imp-job-");
      expect(second.size).toBe(8);
      expect(second.get("imp-job-002")!.job).toMatchObject({ id: first.get("imp-job-002")!.job.id, title: "保税仓叉车工（夜班）", salaryMin: 6500, salaryMax: 8800 });
      // a live posting keeps its publication dates
      expect(second.get("imp-job-001")!.job.publishedAt).toEqual(first.get("imp-job-001")!.job.publishedAt);
      const rescue = await tx.select().from(organizations).where(eq(organizations.name, "嵊州越剡应急救援服务有限公司"));
      expect(rescue).toHaveLength(1);
    });
  });

  it("publishes a pending posting on re-import once its employer has been verified", async () => {
    await withRollback(async (tx) => {
      await setUp(tx);
      await runImport(tx, "jobs", fixture("jobs.csv"), { dryRun: false, actorUserId: null });
      await tx.update(organizations).set({ verificationStatus: "verified" }).where(eq(organizations.name, "常熟虞味餐饮管理有限公司"));
      await runImport(tx, "jobs", fixture("jobs.csv"), { dryRun: false, actorUserId: null });
      expect((await jobsByExternalId(tx, "imp-job-005")).get("imp-job-005")!.job.status).toBe("published");
    });
  });

  it("holds a posting that asks applicants to pay for review, even from a verified employer (posting rules)", async () => {
    await withRollback(async (tx) => {
      await setUp(tx);
      const csv = [
        "external_id,organization,title,description,category,skills,region_code",
        'fee-1,苏州金盾保安服务有限公司,保安员,"入职前需缴纳押金500元及服装费",security,安保,320508',
      ].join("\n");
      const result = await runImport(tx, "jobs", csv, { dryRun: false, actorUserId: null });
      expect(result).toMatchObject({ created: 1, failedRows: 0 });
      const job = (await jobsByExternalId(tx, "fee-1")).get("fee-1")!.job;
      expect(job.status).toBe("pending_review");
      expect(job.reviewReason).toMatch(/^jobs:review\.applicantFees\|.*押金/);
    });
  });

  it("publishes at once when staff vouch for the organisations (--publish): created or marked verified, audited with the run", async () => {
    await withRollback(async (tx) => {
      await setUp(tx);
      const staff = await createUser(tx, { role: "staff" });
      const { run, done } = await startImport(tx, staff, { kind: "jobs", filename: "jobs.csv", bytes: fixture("jobs.csv"), dryRun: false, publish: true });
      const finished = await done;
      expect(finished).toMatchObject({ status: "done", publish: true, failedRows: 0, createdCount: 8 });
      const jobs = await jobsByExternalId(tx, "imp-job-");
      // every posting is live and every organisation verified, the pending one and the one the file created
      for (const { job, orgStatus } of jobs.values()) {
        expect(orgStatus).toBe("verified");
        if (!job.reviewReason) expect(job.status).toBe("published");
      }
      expect(jobs.get("imp-job-005")!.orgName).toBe("常熟虞味餐饮管理有限公司"); // was pending
      expect(jobs.get("imp-job-005")!.job.status).toBe("published");
      expect(jobs.get("imp-job-006")!.orgName).toBe("嵊州越剡应急救援服务有限公司"); // created by the file
      expect(jobs.get("imp-job-006")!.job.status).toBe("published");
      const audits = await tx.select().from(auditLog).where(and(eq(auditLog.action, "organization.verify"), eq(auditLog.actorUserId, staff.id)));
      expect(audits.length).toBeGreaterThanOrEqual(2);
      for (const a of audits) expect(a.detail).toMatchObject({ source: "import", importRunId: run.id });
      expect(audits.some((a) => (a.detail as { created: boolean }).created)).toBe(true);
      const outbox = await outboxFor(tx, "jobs", [...jobs.values()].map((j) => j.job.id));
      expect(outbox.length).toBeGreaterThanOrEqual(jobs.size);
    });
  });

  it("imports a realistic spreadsheet: 160 postings from 150 employers, every row stored, guesses reported as warnings", async () => {
    await withRollback(async (tx) => {
      await ensureRegions(tx, ["320582", "320581", "320583", "320585", "320506", "320505", "320509", "320211", "320281", "320115", "310115"]);
      const result = await runImport(tx, "jobs", fixture("jobs-realistic.csv"), { dryRun: false, actorUserId: null, publish: true });
      expect(result).toMatchObject({ totalRows: 160, created: 160, failedRows: 0, errors: [] });
      expect(result.organizationsCreated).toHaveLength(150);
      const jobs = await jobsByExternalId(tx, "rl-job-");
      expect(jobs.get("rl-job-002")!.job).toMatchObject({ category: "driving_logistics", status: "published" });
      // unknown skills are kept as written and reported; English-only rows map their categories too
      expect(result.warnings.some((w) => w.message === "warnings.skillKept")).toBe(true);
      const english = [...jobs.values()].filter((j) => /^[\x20-\x7e]+$/.test(j.job.title));
      expect(english.length).toBeGreaterThan(20);
      expect(english.filter((j) => j.job.category === "other")).toHaveLength(0);
      expect([...jobs.values()].filter((j) => j.job.category === "other")).toHaveLength(0);

      const veterans = await runImport(tx, "veterans", fixture("veterans-realistic.csv"), { dryRun: false, actorUserId: null });
      expect(veterans).toMatchObject({ totalRows: 48, created: 48, failedRows: 0 });
      const police = await tx.select().from(veteranProfiles).where(eq(veteranProfiles.branch, "armed_police"));
      expect(police.length).toBeGreaterThan(0);
    });
  });

  it("without --publish keeps today's behaviour: new organisations unverified, their postings held for review", async () => {
    await withRollback(async (tx) => {
      await setUp(tx);
      await runImport(tx, "jobs", fixture("jobs.csv"), { dryRun: false, actorUserId: null });
      const jobs = await jobsByExternalId(tx, "imp-job-006");
      expect(jobs.get("imp-job-006")).toMatchObject({ orgStatus: "pending", job: { status: "pending_review" } });
      expect(await tx.select().from(auditLog).where(eq(auditLog.action, "organization.verify"))).toHaveLength(0);
    });
  });

  it("reports each bad row with its line and column and writes nothing of it; a row it can store imports with warnings", async () => {
    await withRollback(async (tx) => {
      await setUp(tx);
      const before = await countRows(tx);
      const result = await runImport(tx, "jobs", fixture("jobs-bad.csv"), { dryRun: false, actorUserId: null });
      expect(result).toMatchObject({ totalRows: 5, processedRows: 5, created: 2, updated: 0, failedRows: 3, warnedRows: 1 });
      // line numbers are physical lines: the first record spans lines 2-3
      expect(result.errors.map((e) => [e.line, e.column, e.message])).toEqual([
        [5, "salary_max", "errors.salaryRange"],
        [6, "", "errors.fieldCount"],
        [7, "title", "errors.required"],
        [7, "salary_min", "errors.salary"],
      ]);
      // an unknown skill is kept as written, with a warning apart from the errors
      expect(result.warnings).toEqual([{ line: 4, column: "skills", message: "warnings.skillKept", params: { value: "会飞" } }]);
      const after = await countRows(tx);
      expect(after.jobs - before.jobs).toBe(2);
      expect(after.orgs - before.orgs).toBe(0);
      expect(after.outbox - before.outbox).toBe(2);
      const jobs = await jobsByExternalId(tx, "bad-job-");
      expect([...jobs.keys()].sort()).toEqual(["bad-job-001", "bad-job-002"]);
      expect(jobs.get("bad-job-002")!.job.skills).toEqual(["cash_escort", "会飞"]);
    });
  });

  it("checks region codes against the database and rolls back an employer created earlier in the failing row", async () => {
    await withRollback(async (tx) => {
      await setUp(tx);
      const csv = [
        "external_id,organization,title,category,region_code",
        "r-1,一家不存在的公司甲,保安员,security,999999",
        "r-2,一家不存在的公司乙,收费岗位,security,320582",
        "r-3,一家不存在的公司丙,保安员,security,320582",
      ].join("\n");
      const result = await runImport(tx, "jobs", csv, {
        dryRun: false,
        actorUserId: null,
        // a posting rule that refuses the row after its employer was created in the same transaction
        reviewJob: ({ title }) =>
          title === "收费岗位" ? { error: { line: 0, column: "description", message: "errors.applicantFees", params: { value: "押金" } } } : { status: "pending_review" },
      });
      expect(result.errors).toEqual([
        { line: 2, column: "region_code", message: "errors.regionUnknown", params: { value: "999999" } },
        { line: 3, column: "description", message: "errors.applicantFees", params: { value: "押金" } },
      ]);
      expect(result.created).toBe(1);
      const names = (await tx.select({ name: organizations.name }).from(organizations).where(like(organizations.name, "一家不存在的公司%"))).map((o) => o.name);
      expect(names).toEqual(["一家不存在的公司丙"]);
    });
  });

  it("a dry run validates against the database, counts what would happen, and writes nothing", async () => {
    await withRollback(async (tx) => {
      await setUp(tx);
      await runImport(tx, "jobs", fixture("jobs.csv").toString("utf8").split("\n").slice(0, 4).join("\n"), { dryRun: false, actorUserId: null });
      const before = await countRows(tx);
      const withBadRegion = fixture("jobs.csv").toString("utf8").replace(",610326,", ",619999,");
      const result = await runImport(tx, "jobs", withBadRegion, { dryRun: true, actorUserId: null });
      expect(result).toMatchObject({ dryRun: true, created: 5, updated: 2, failedRows: 1 });
      expect(result.errors).toEqual([{ line: 10, column: "region_code", message: "errors.regionUnknown", params: { value: "619999" } }]);
      expect(result.organizationsCreated).toEqual(["嵊州越剡应急救援服务有限公司"]);
      expect(await countRows(tx)).toEqual(before);
    });
  });
});

describe("importing veterans", () => {
  it("without a staff attestation stores every file hidden, records no consent, and says why on each line", async () => {
    await withRollback(async (tx) => {
      await ensureRegions(tx, REGIONS);
      const staff = await createUser(tx, { role: "staff" });
      const result = await runImport(tx, "veterans", fixture("veterans.csv"), { dryRun: false, actorUserId: staff.id });
      expect(result).toMatchObject({ totalRows: 5, created: 5, updated: 0, failedRows: 0 });
      const rows = await tx.select().from(veteranProfiles).where(like(veteranProfiles.externalId, "imp-vet-%"));
      expect(rows).toHaveLength(5);
      for (const row of rows) expect(row).toMatchObject({ visibility: "hidden", consentAt: null, consentVersion: null });
      expect(await tx.select().from(consentRecords).where(inArray(consentRecords.veteranProfileId, rows.map((r) => r.id)))).toEqual([]);
      expect(await tx.select().from(auditLog).where(eq(auditLog.action, "profile.consent.attest"))).toEqual([]);
      // Lines 2, 3 and 5 say the veteran agreed but nobody attested it; line 6 says no; line 4 asks for nothing.
      expect(result.warnings.filter((w) => w.column === "consent")).toEqual([
        { line: 2, column: "consent", message: "warnings.consentNotAttested" },
        { line: 3, column: "consent", message: "warnings.consentNotAttested" },
        { line: 5, column: "consent", message: "warnings.consentNotAttested" },
        { line: 6, column: "consent", message: "warnings.consentMissing" },
      ]);
      for (const row of rows) expect(toVeteranProfileDocument(row, { regionName: "" })).toBeNull();
    });
  });

  it("with a staff attestation: rows saying consent get their visibility, a consent record and an audit row naming the attester", async () => {
    await withRollback(async (tx) => {
      await ensureRegions(tx, REGIONS);
      const staff = await createUser(tx, { role: "staff" });
      const result = await runImport(tx, "veterans", fixture("veterans.csv"), {
        dryRun: false,
        actorUserId: staff.id,
        consentAttestedBy: staff.id,
        importRunId: null,
      });
      expect(result).toMatchObject({ totalRows: 5, created: 5, updated: 0, failedRows: 0 });
      const rows = await tx.select().from(veteranProfiles).where(like(veteranProfiles.externalId, "imp-vet-%"));
      const byId = new Map(rows.map((r) => [r.externalId!, r]));
      expect(byId.get("imp-vet-001")).toMatchObject({
        userId: null,
        createdByStaffUserId: staff.id,
        fullName: "周建军",
        contactEmail: "zhoujj@example.com",
        phone: "13800009001",
        branch: "army",
        skills: ["driving", "heavy_truck_driving", "fleet_management"],
        desiredRegionCodes: ["320582", "320581"],
        jobTypes: ["full_time"],
        visibility: "verified_employers",
        consentVersion: "import-attested-v1",
      });
      expect(byId.get("imp-vet-001")!.consentAt).toBeInstanceOf(Date);
      expect(byId.get("imp-vet-002")).toMatchObject({ visibility: "public" });
      expect(byId.get("imp-vet-004")).toMatchObject({ visibility: "public" });
      expect(byId.get("imp-vet-004")!.specialty).toBe("特勤兵, 擒敌教练");
      expect(byId.get("imp-vet-003")).toMatchObject({ visibility: "hidden", consentAt: null });
      // The file asks for verified_employers but the row says 否: hidden, and the report says so.
      expect(byId.get("imp-vet-005")).toMatchObject({ visibility: "hidden", consentAt: null });
      expect(result.warnings.filter((w) => w.column === "consent")).toEqual([{ line: 6, column: "consent", message: "warnings.consentMissing" }]);

      const consents = await tx.select().from(consentRecords).where(inArray(consentRecords.veteranProfileId, rows.map((r) => r.id)));
      expect(consents).toHaveLength(3);
      for (const c of consents) expect(c).toMatchObject({ kind: "assisted_service", textVersion: "import-attested-v1", recordedByUserId: staff.id });
      const audits = await tx.select().from(auditLog).where(eq(auditLog.action, "profile.consent.attest"));
      expect(audits.map((a) => a.subjectId).sort()).toEqual(["imp-vet-001", "imp-vet-002", "imp-vet-004"].map((id) => byId.get(id)!.id).sort());
      for (const a of audits) expect(a).toMatchObject({ actorUserId: staff.id, subjectType: "veteran_profile", detail: expect.objectContaining({ source: "import" }) });

      // visible files become search documents, without contact details
      const doc = toVeteranProfileDocument(byId.get("imp-vet-002")!, { regionName: "昆山市" });
      expect(doc).not.toBeNull();
      expect(JSON.stringify(doc)).not.toContain("13800009002");
      expect(toVeteranProfileDocument(byId.get("imp-vet-003")!, { regionName: "" })).toBeNull();
      const outbox = await outboxFor(tx, "veteran_profiles", rows.map((r) => r.id));
      expect(outbox).toHaveLength(5);
    });
  });

  it("updates by external id, records consent again only when visibility changes, and leaves veteran-managed files alone", async () => {
    await withRollback(async (tx) => {
      await ensureRegions(tx, REGIONS);
      const staff = await createUser(tx, { role: "staff" });
      const veteran = await createUser(tx, { role: "veteran" });
      await createVeteranProfile(tx, { userId: veteran.id, externalId: "own-vet-1", fullName: "本人维护" });
      const attested = { dryRun: false, actorUserId: null, consentAttestedBy: staff.id };
      await runImport(tx, "veterans", fixture("veterans.csv"), attested);
      const changed = fixture("veterans.csv").toString("utf8").replace("320508,6000,full_time,hidden,", "320508,6500,full_time,public,是").replace("周建军", "周建军（更新）");
      const csv = `${changed}own-vet-1,冒名,,,320582,,,,,,,,,,,,,public,是\n`;
      const result = await runImport(tx, "veterans", csv, attested);
      expect(result).toMatchObject({ created: 0, updated: 5, failedRows: 1 });
      expect(result.errors).toEqual([{ line: 7, column: "external_id", message: "errors.profileOwned" }]);
      const rows = await tx.select().from(veteranProfiles).where(like(veteranProfiles.externalId, "imp-vet-%"));
      expect(rows).toHaveLength(5);
      const byId = new Map(rows.map((r) => [r.externalId!, r]));
      expect(byId.get("imp-vet-001")!.fullName).toBe("周建军（更新）");
      expect(byId.get("imp-vet-003")).toMatchObject({ visibility: "public", salaryMin: 6500 });
      expect(byId.get("imp-vet-003")!.consentAt).toBeInstanceOf(Date);
      const consents = await tx.select().from(consentRecords).where(inArray(consentRecords.veteranProfileId, rows.map((r) => r.id)));
      expect(consents).toHaveLength(4); // three from the first import, one for the file made public
      const own = await tx.select().from(veteranProfiles).where(eq(veteranProfiles.externalId, "own-vet-1"));
      expect(own[0]).toMatchObject({ fullName: "本人维护", userId: veteran.id });

      // Re-imported without an attestation, a file asking for more than it has keeps what the veteran agreed to.
      const wider = fixture("veterans.csv").toString("utf8").replace(",verified_employers,是", ",public,是");
      const unattested = await runImport(tx, "veterans", wider, { dryRun: false, actorUserId: null });
      expect(unattested.warnings).toContainEqual({ line: 2, column: "consent", message: "warnings.consentNotAttested" });
      const [first] = await tx.select().from(veteranProfiles).where(eq(veteranProfiles.externalId, "imp-vet-001"));
      expect(first).toMatchObject({ visibility: "verified_employers" });
      // Narrowing needs no consent: imp-vet-003 goes back to hidden as this file says, and that is recorded too.
      const [third] = await tx.select().from(veteranProfiles).where(eq(veteranProfiles.externalId, "imp-vet-003"));
      expect(third).toMatchObject({ visibility: "hidden" });
      const after = await tx.select().from(consentRecords).where(inArray(consentRecords.veteranProfileId, rows.map((r) => r.id)));
      expect(after).toHaveLength(5);
      expect(after.filter((c) => c.veteranProfileId === third!.id).sort((a, b) => a.id - b.id).map((c) => c.value)).toEqual(["public", "hidden"]);
    });
  });

  it("reports bad veteran rows and a dry run writes nothing", async () => {
    await withRollback(async (tx) => {
      await ensureRegions(tx, REGIONS);
      const before = await countRows(tx);
      const dry = await runImport(tx, "veterans", fixture("veterans-bad.csv"), { dryRun: true, actorUserId: null });
      expect(dry).toMatchObject({ created: 1, failedRows: 2 });
      expect(await countRows(tx)).toEqual(before);
      const real = await runImport(tx, "veterans", fixture("veterans-bad.csv"), { dryRun: false, actorUserId: null });
      expect(real.errors).toEqual(dry.errors);
      expect(real.errors.filter((e) => e.line === 3).map((e) => e.column)).toEqual(["discharge_year", "desired_region_codes"]);
      expect(real.errors.filter((e) => e.line === 4)).toEqual([{ line: 4, column: "name", message: "errors.required" }]);
      const after = await countRows(tx);
      expect(after.profiles - before.profiles).toBe(1);
    });
  });
});

describe("import runs (staff)", () => {
  it("records the run, its progress and its error report; refuses non-staff", async () => {
    await withRollback(async (tx) => {
      await setUp(tx);
      const staff = await createUser(tx, { role: "staff" });
      const { run, done } = await startImport(tx, staff, { kind: "jobs", filename: "jobs-bad.csv", bytes: fixture("jobs-bad.csv"), dryRun: false });
      expect(run).toMatchObject({ status: "running", totalRows: 5, kind: "jobs", filename: "jobs-bad.csv" });
      const finished = await done;
      expect(finished).toMatchObject({ status: "done", processedRows: 5, createdCount: 2, updatedCount: 0, failedRows: 3, warnedRows: 1 });
      const stored = await getImportRun(tx, staff, run.id);
      expect(stored.errors[0]).toEqual({ line: 5, column: "salary_max", message: "errors.salaryRange" });
      expect(stored.warnings).toEqual([{ line: 4, column: "skills", message: "warnings.skillKept", params: { value: "会飞" } }]);
      expect(await getImportProgress(tx, staff, run.id)).toMatchObject({ status: "done", percent: 100, processedRows: 5, failedRows: 3 });
      expect((await listImportRuns(tx, staff)).map((r) => r.id)).toContain(run.id);

      const veteran = await createUser(tx, { role: "veteran" });
      await expect(getImportRun(tx, veteran, run.id)).rejects.toMatchObject({ status: 403 });
      await expect(startImport(tx, veteran, { kind: "jobs", filename: null, bytes: fixture("jobs.csv"), dryRun: true })).rejects.toMatchObject({ status: 403 });
    });
  });

  it("the staff page's consent attestation names the acting staff member, with the run, in the audit log", async () => {
    await withRollback(async (tx) => {
      await ensureRegions(tx, REGIONS);
      const staff = await createUser(tx, { role: "staff" });
      const bytes = fixture("veterans.csv");
      const { run, done } = await startImport(tx, staff, { kind: "veterans", filename: "veterans.csv", bytes, dryRun: false, attestConsent: true });
      expect((await done).warnings).toEqual([{ line: 6, column: "consent", message: "warnings.consentMissing" }]);
      const [profile] = await tx.select().from(veteranProfiles).where(eq(veteranProfiles.externalId, "imp-vet-002"));
      expect(profile).toMatchObject({ visibility: "public", consentVersion: "import-attested-v1" });
      const [audit] = await tx.select().from(auditLog).where(and(eq(auditLog.action, "profile.consent.attest"), eq(auditLog.subjectId, profile!.id)));
      expect(audit).toMatchObject({ actorUserId: staff.id, detail: { source: "import", importRunId: run.id, line: 3, visibility: "public" } });
    });
  });

  it("fails a run at once for a file it cannot read", async () => {
    await withRollback(async (tx) => {
      const staff = await createUser(tx, { role: "staff" });
      const { run } = await startImport(tx, staff, { kind: "jobs", filename: "x.csv", bytes: fixture("jobs-missing-columns.csv"), dryRun: true });
      expect(run).toMatchObject({ status: "failed", totalRows: 0, failedRows: 0 });
      expect(run.errors).toEqual([{ line: 1, column: "", message: "errors.missingColumns", params: { columns: "category, region_code" } }]);
      const [row] = await tx.select().from(importRuns).where(eq(importRuns.id, run.id));
      expect(row!.dryRun).toBe(true);
    });
  });
});
