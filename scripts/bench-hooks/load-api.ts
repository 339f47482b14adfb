// Bench hook: the public search API under load with 20,000 realistic postings (issue 8 item 7). A scratch PostgreSQL
// database gets the realistic generator's postings (tests/fixtures/realistic/generate.ts with EVAL_JOBS=20000)
// through `npm run import -- jobs FILE --publish`; the built production server then answers
// GET /api/jobs?q=司机&region=3205 from one process without and with the answer cache (API_CACHE_MS) and from a
// cluster of two (WEB_CONCURRENCY=2), each measured with
// autocannon at a fixed 200 requests/s (latency percentiles) and unthrottled (requests/s), with the servers' CPU per
// request and resident memory. autocannon runs on the same two cores, so the unthrottled figure is what the server
// gets while sharing them with its load generator.
//
//   npm run bench -- --api-load          this hook alone (--api-load-keep keeps the scratch database,
//                                        --api-load-db URL measures one that already holds the postings)
//   --no-api-load / --no-pg / --no-http skip it within `npm run bench`; --pg-url URL picks the server
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchHook, BenchRow } from "../bench";
import { benchServerEnv, measured, remixBuild, stop, treeRssMb, waitUp } from "./http";
import { connectAdmin } from "./postgres";
import { benchArgs } from "../bench-args";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PORT = 3191;
const PATH = "/api/jobs?q=%E5%8F%B8%E6%9C%BA&region=3205"; // 司机, 苏州
const POSTINGS = 20_000;
const BUILD_DIR = "tests/.tmp/bench-build";


async function serverRows(dbUrl: string, workers: number, cacheMs: number): Promise<BenchRow[]> {
  const label = `${workers === 1 ? "1 process" : `cluster of ${workers} (WEB_CONCURRENCY=${workers})`}, API_CACHE_MS=${cacheMs}`;
  const env = {
    ...benchServerEnv(PORT, BUILD_DIR),
    DATABASE_URL: dbUrl,
    SEED_ON_START: "false",
    WEB_CONCURRENCY: String(workers),
    API_CACHE_MS: String(cacheMs),
  };
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (b: Buffer) => (stderr = (stderr + b.toString()).slice(-2000)));
  const rows: BenchRow[] = [];
  try {
    const t0 = performance.now();
    if (!(await waitUp(child, 300_000, `http://127.0.0.1:${PORT}${PATH}`))) {
      return [{ name: `${label}: failed`, note: `server did not answer within 300 s (exit ${child.exitCode}): ${stderr.slice(-400)}` }];
    }
    // the other workers start once the first listens: wait until every one has built its index
    if (workers > 1) await new Promise((r) => setTimeout(r, 20_000));
    const started = (performance.now() - t0) / 1000;
    const url = `http://127.0.0.1:${PORT}`;
    await measured(child, { url, connections: 8, duration: 5, paths: [PATH] }); // warm-up
    const rss = treeRssMb(child.pid);
    const { result: fixed, cpuNote: fixedCpu } = await measured(child, { url, connections: 20, overallRate: 200, duration: 10, paths: [PATH] });
    rows.push({
      name: `${label}: GET ${decodeURIComponent(PATH)} at 200 req/s, 10 s`,
      latencies: { p50: fixed.latency.p50, p95: fixed.latency.p97_5, p99: fixed.latency.p99, max: fixed.latency.max, count: fixed.requests.total },
      note: `columns are p50 / p97.5 / p99 ms (target p97.5 < 25); ${fixed.requests.average.toFixed(0)} req/s; non-2xx ${fixed.non2xx}, errors ${fixed.errors}${fixedCpu}; ready in ${started.toFixed(0)} s; RSS ${rss?.toFixed(0) ?? "?"} MB`,
    });
    const { result: max, cpuNote: maxCpu } = await measured(child, { url, connections: 50, duration: 10, paths: [PATH] });
    rows.push({
      name: `${label}: same URL unthrottled, 50 connections, 10 s`,
      latencies: { p50: max.latency.p50, p95: max.latency.p97_5, p99: max.latency.p99, max: max.latency.max, count: max.requests.total },
      note: `${max.requests.average.toFixed(0)} req/s sustained (target ≥ 1000); non-2xx ${max.non2xx}, errors ${max.errors}${maxCpu}`,
    });
  } finally {
    await stop(child);
  }
  return rows;
}

export async function runApiLoad(): Promise<BenchRow[]> {
  const url = benchArgs()["pg-url"] ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const connected = await connectAdmin(url);
  if ("skip" in connected) return [connected.skip];
  const { admin } = connected;
  // --api-load-db URL: a database that already holds the imported postings (kept by an earlier --api-load-keep run)
  const reuse = benchArgs()["api-load-db"];
  const keep = benchArgs()["api-load-keep"];
  const dbName = `rongye_bench_api_${process.pid}`;
  const dir = mkdtempSync(path.join(tmpdir(), "rongye-api-load-"));
  const rows: BenchRow[] = [];
  try {
    if (!existsSync(path.join(ROOT, BUILD_DIR, "server/index.js"))) {
      const failed = remixBuild(BUILD_DIR);
      if (failed) return [{ name: "failed", note: failed }];
    }
    let dbUrl = reuse ?? "";
    if (!reuse) {
      await admin.unsafe(`create database ${dbName}`);
      const u = new URL(url);
      u.pathname = `/${dbName}`;
      dbUrl = u.toString();
      const gen = spawnSync(process.execPath, ["--import", "tsx", "tests/fixtures/realistic/generate.ts"], {
        cwd: ROOT,
        env: { ...process.env, EVAL_JOBS: String(POSTINGS), EVAL_OUT: dir },
        encoding: "utf8",
      });
      if (gen.status !== 0) return [{ name: "failed", note: `generator: ${gen.stderr.slice(-300)}` }];
      const t0 = performance.now();
      const imp = spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", "jobs", path.join(dir, "jobs-realistic.csv"), "--publish"], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: dbUrl, LANG: "en_US.UTF-8" },
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
        timeout: 30 * 60_000,
      });
      if (imp.status !== 0) return [{ name: "failed", note: `import exited ${imp.status ?? imp.signal}: ${(imp.stderr || imp.stdout).slice(-300)}` }];
      rows.push({
        name: `import ${POSTINGS} realistic postings with --publish`,
        note: `${((performance.now() - t0) / 1000).toFixed(1)} s (PostgreSQL, every row stored)${keep ? `; kept as ${dbName}` : ""}`,
      });
    }
    // the search itself (cache off), then with the per-process answer cache, then two workers
    for (const [workers, cacheMs] of [[1, 0], [1, 2000], [2, 2000]] as const) rows.push(...(await serverRows(dbUrl, workers, cacheMs)));
  } finally {
    if (!reuse && !keep) await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {});
    await admin.end({ timeout: 5 }).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

const hook: BenchHook = {
  name: "api load (20k postings)",
  async run() {
    for (const flag of ["no-api-load", "no-pg", "no-http"] as const) if (benchArgs()[flag]) return [{ name: "skipped", note: `--${flag}` }];
    return runApiLoad();
  },
};

export default hook;
