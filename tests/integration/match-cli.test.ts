import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/client";
import { createUser } from "../../db/factories";
import { loadRegions } from "../../db/regions";
import { jobPostings, organizations } from "../../db/schema";
import { runImport } from "../../app/models/import/run";
import { taxonomy } from "../../search/taxonomy";
import { createServerDatabase } from "../helpers/db";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

// `npm run match` end to end: a real process on its own database (a temp PGlite folder, or a fresh database on the
// PostgreSQL server when DATABASE_URL is set), filled here and closed before the command runs.
const JOBS_CSV = `external_id,organization,title,description,category,skills,region_code,salary_min,salary_max,job_type,headcount,veteran_preferred
cli-job-1,张家港港城物流有限公司,仓储送货司机,仓库出入库与市内送货,driving_logistics,驾驶;装卸搬运;叉车,320582,7000,9000,full_time,2,是
cli-job-2,张家港保安服务有限公司,保安员,小区巡逻值守,security,安保,320582,5000,6500,full_time,8,是
`;
const VETERANS_CSV = `external_id,name,email,phone,region_code,branch,specialty,rank,years_served,discharge_year,education,certificates,skills,desired_roles,desired_region_codes,salary_min,job_types,visibility,consent
cli-vet-1,吴秘密,wu-cli@example.com,13800000012,320582,陆军,汽车驾驶员,下士,5,2025,高中,,驾驶,,,,,hidden,是
cli-vet-2,周建军,zhou-cli@example.com,13800000011,610326,陆军,汽车驾驶员,中士,8,2025,高中,,驾驶,,320582,,,public,是
`;

let dir: string;
let databaseUrl: string | undefined;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "rongye-match-cli-"));
  if (process.env.DATABASE_URL) databaseUrl = await createServerDatabase();
  const handle = await createDb({ DATABASE_URL: databaseUrl, PGLITE_DIR: path.join(dir, "pglite") });
  await handle.migrate();
  const db = handle.db;
  await loadRegions(db);
  const staff = await createUser(db, { role: "staff" });
  const jobs = await runImport(db, "jobs", JOBS_CSV, { dryRun: false, actorUserId: staff.id });
  const vets = await runImport(db, "veterans", VETERANS_CSV, { dryRun: false, actorUserId: staff.id, consentAttestedBy: staff.id });
  expect([...jobs.errors, ...vets.errors, ...vets.warnings]).toEqual([]);
  await db.update(organizations).set({ verificationStatus: "verified" });
  await db
    .update(jobPostings)
    .set({ status: "published", publishedAt: new Date(), expiresAt: new Date(Date.now() + 30 * 86_400_000) })
    .where(inArray(jobPostings.externalId, ["cli-job-1", "cli-job-2"]));
  await handle.close();
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Answer {
  matches: { external_id: string | null; score: number; reasons: string[]; missing_skills: string[] }[];
}

function match(args: string[]): Answer {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "test", PGLITE_DIR: path.join(dir, "pglite") };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const run = spawnSync("npx", ["tsx", "scripts/match.ts", ...args, "--json"], { cwd: ROOT, env, encoding: "utf8", timeout: 120_000 });
  expect(run.stderr).not.toMatch(/Error/);
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as Answer;
}

const ids = new Set(taxonomy.skills.map((s) => s.id));

describe("npm run match", () => {
  it("explains a hidden veteran's own matches with skill names in the language asked for, never ids", () => {
    const zh = match(["--veteran", "cli-vet-1", "--lang", "zh-CN"]);
    const warehouseZh = zh.matches.find((m) => m.external_id === "cli-job-1")!;
    expect(warehouseZh.missing_skills).toEqual(expect.arrayContaining(["装卸搬运", "叉车"]));
    expect(warehouseZh.reasons).toContain("位于您居住的区县");
    const en = match(["--veteran", "cli-vet-1", "--lang", "en"]);
    const warehouseEn = en.matches.find((m) => m.external_id === "cli-job-1")!;
    expect(warehouseEn.missing_skills).toEqual(expect.arrayContaining(["Cargo handling", "Forklift operation"]));
    expect(warehouseEn.reasons).toContain("In the county where you live");
    expect(warehouseEn.reasons.some((r) => r.startsWith("Skills: ") && r.includes("Driving"))).toBe(true);
    for (const m of [...zh.matches, ...en.matches]) for (const s of m.missing_skills) expect(ids.has(s)).toBe(false);
  }, 180_000);

  it("candidates for a job: candidate-side reasons, saying the county is where the veteran wants to work", () => {
    const en = match(["--job", "cli-job-1", "--lang", "en"]);
    expect(en.matches.map((m) => m.external_id)).toEqual(["cli-vet-2"]); // the hidden file is never shown
    expect(en.matches[0]!.reasons).toContain("Wants to work in the job's county");
    expect(en.matches[0]!.reasons).not.toContain("Newly posted");
    expect(en.matches[0]!.reasons).not.toContain("Veterans preferred");
    expect(en.matches[0]!.missing_skills).toEqual(expect.arrayContaining(["Cargo handling", "Forklift operation"]));
    const zh = match(["--job", "cli-job-1", "--lang", "zh-CN"]);
    expect(zh.matches[0]!.reasons).toContain("意向在岗位所在区县工作");
    expect(zh.matches[0]!.reasons.some((r) => r.startsWith("具备技能：") && r.includes("驾驶"))).toBe(true);
  }, 180_000);
});
