import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createDb } from "../../db/client";
import { createUser, uniqueSuffix } from "../../db/factories";
import { auditLog, veteranProfiles } from "../../db/schema";
import { createServerDatabase } from "../helpers/db";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const FIXTURES = path.join(ROOT, "tests/fixtures");

// `npm run import` end to end: a real process on its own database (a temp PGlite folder, or a fresh database on
// the PostgreSQL server when DATABASE_URL is set).
let dir: string;
let databaseUrl: string | undefined;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "rongye-import-cli-"));
  if (process.env.DATABASE_URL) databaseUrl = await createServerDatabase();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], lang = "en_US.UTF-8") {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    LANG: lang,
    NODE_ENV: "test",
    PGLITE_DIR: path.join(dir, "pglite"),
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const run = spawnSync("npx", ["tsx", "scripts/import.ts", ...args], { cwd: ROOT, env, encoding: "utf8", timeout: 120_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe("npm run import", () => {
  it("exits 2 with the usage for bad arguments", () => {
    const none = cli([]);
    expect(none.code).toBe(2);
    expect(none.err).toContain("usage: npm run import -- veterans|jobs FILE.csv [--dry-run]");
    const kind = cli(["people", path.join(FIXTURES, "jobs.csv")]);
    expect(kind.code).toBe(2);
    expect(kind.err).toContain("unknown kind: people");
    const missing = cli(["jobs", path.join(dir, "nope.csv")]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("cannot read file");
  });

  it("exits 2 for a file it cannot import, saying why", () => {
    const result = cli(["jobs", path.join(FIXTURES, "jobs-missing-columns.csv")]);
    expect(result.code).toBe(2);
    expect(result.out).toContain("line 1: Missing required columns: category, region_code");
  });

  it("dry-runs, imports, re-imports and reports bad rows with exit codes 0 and 1", () => {
    const jobs = path.join(FIXTURES, "jobs.csv");
    const dry = cli(["jobs", jobs, "--dry-run"]);
    // stderr is not a terminal here: no progress bar drawn into the captured output
    expect(dry.err).not.toContain("[#");
    expect(dry.code).toBe(0);
    expect(dry.out).toContain("Dry run result (Jobs, jobs.csv)");
    expect(dry.out).toContain("8 of 8 rows processed (100%); 8 created; 0 updated; 0 rows failed");
    expect(dry.out).toContain("nothing was written");

    // The dry run wrote nothing: the real import still creates all eight.
    const real = cli(["jobs", jobs]);
    expect(real.code).toBe(0);
    expect(real.out).toContain("8 created; 0 updated; 0 rows failed");
    expect(real.out).toContain("organisations created (unverified): 张家港港城智运物流有限公司");

    const again = cli(["jobs", jobs], "zh_CN.UTF-8");
    expect(again.code).toBe(0);
    expect(again.out).toContain("导入结果 (岗位, jobs.csv)");
    expect(again.out).toContain("新建 0 条；更新 8 条；出错 0 行");

    const bad = cli(["veterans", path.join(FIXTURES, "veterans-bad.csv")], "zh_CN.UTF-8");
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("新建 1 条；更新 0 条；出错 2 行");
    expect(bad.out).toContain("第 3 行，列 discharge_year: 数值需在 1950 到");
    expect(bad.out).toContain("第 4 行，列 name: 此项为必填项");
  }, 300_000);

  it("--attest-consent=EMAIL: refused for jobs and for a non-staff email; a staff account's attestation is audited", async () => {
    const veterans = path.join(FIXTURES, "veterans.csv");
    const jobs = cli(["jobs", path.join(FIXTURES, "jobs.csv"), "--attest-consent=someone@example.com"]);
    expect(jobs.code).toBe(2);
    expect(jobs.err).toContain("--attest-consent applies to veterans only");
    const stranger = cli(["veterans", veterans, `--attest-consent=nobody-${uniqueSuffix()}@example.com`], "zh_CN.UTF-8");
    expect(stranger.code).toBe(2);
    expect(stranger.err).toContain("不是工作人员账号，无法确认同意记录");

    const open = () => createDb({ DATABASE_URL: databaseUrl, PGLITE_DIR: path.join(dir, "pglite") });
    let handle = await open();
    const staff = await createUser(handle.db, { role: "staff", email: `attest-${uniqueSuffix()}@example.com` });
    await handle.close();
    const attested = cli(["veterans", veterans, `--attest-consent=${staff.email}`]);
    expect(attested.code).toBe(0);
    expect(attested.out).toContain(`consents attested by ${staff.email}`);
    expect(attested.out).toContain("line 6, column consent: The row asks for the file to be visible but carries no consent");

    handle = await open();
    try {
      const [profile] = await handle.db.select().from(veteranProfiles).where(eq(veteranProfiles.externalId, "imp-vet-002"));
      expect(profile).toMatchObject({ visibility: "public", consentVersion: "import-attested-v1" });
      const audits = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "profile.consent.attest"), eq(auditLog.actorUserId, staff.id)));
      expect(audits).toHaveLength(3);
    } finally {
      await handle.close();
    }
  }, 300_000);
});
