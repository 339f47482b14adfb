// Bench hook: the search API over HTTP against the built server. Builds into tests/.tmp/bench-build, starts
// `node --import tsx server.ts` on 127.0.0.1:3190 (PGlite in a temp dir, demo data seeded), then autocannon: a fixed
// 200 requests/s for 10 s (latency percentiles) and an unthrottled run for 10 s (requests/s), each with the server's
// CPU time per request (latencies on a shared machine depend on what else runs; CPU per request does not). The demo
// data holds ~50 jobs, so this measures the HTTP stack (Express route, search engine, JSON — no database round
// trip per request), not the 100k index. `--no-http` skips.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchHook, BenchRow } from "../bench";
import { benchArgs } from "../bench-args";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PORT = 3190;
const BASE = `http://127.0.0.1:${PORT}`;
const PATHS = [
  "/api/jobs?q=%E5%8F%B8%E6%9C%BA", // 司机
  "/api/jobs?q=%E4%BF%9D%E5%AE%89&region=320582", // 保安, 张家港
  "/api/jobs?q=driver",
  "/api/jobs?q=%E7%94%B5%E5%B7%A5", // 电工
  "/api/jobs?category=security",
  "/api/jobs",
];

export async function waitUp(child: ChildProcess, ms: number, url = BASE + PATHS[0]): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null) return false;
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const t = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(t);
}

/**
 * CPU seconds the server process has used (user + system, from /proc; null elsewhere). On a shared machine the
 * latencies depend on what else runs; CPU time per request does not, and bounds the rate one core can serve.
 */
export function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 per second)
  } catch {
    return null;
  }
}

/** The process and its children (a cluster's primary and workers), from /proc. */
export function processTree(pid: number | undefined): number[] {
  if (pid === undefined) return [];
  const out = [pid];
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (ppid === pid) out.push(Number(entry));
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    // no /proc
  }
  return out;
}

/** CPU seconds of a process and its children; null when /proc cannot tell. */
export function treeCpuSeconds(pid: number | undefined): number | null {
  const pids = processTree(pid);
  if (pids.length === 0) return null;
  let sum = 0;
  for (const p of pids) {
    const c = cpuSeconds(p);
    if (c === null) return null;
    sum += c;
  }
  return sum;
}

/** Resident memory (MB) of a process and its children. */
export function treeRssMb(pid: number | undefined): number | null {
  let kb = 0;
  for (const p of processTree(pid)) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      if (m) kb += Number(m[1]);
    } catch {
      // gone meanwhile
    }
  }
  return kb > 0 ? kb / 1024 : null;
}

export async function measured(child: ChildProcess, opts: CannonOptions): Promise<{ result: CannonResult; cpuNote: string }> {
  const before = treeCpuSeconds(child.pid);
  const result = await cannon(opts);
  const after = treeCpuSeconds(child.pid);
  if (before === null || after === null || result.requests.total === 0) return { result, cpuNote: "" };
  const perRequest = ((after - before) * 1000) / result.requests.total;
  return {
    result,
    cpuNote: `; server CPU ${perRequest.toFixed(2)} ms per request (≈ ${Math.round(1000 / perRequest)} req/s per core)`,
  };
}

/** The production build into `buildDir` (relative to the project); an error text when it failed, else null. */
export function remixBuild(buildDir: string): string | null {
  const build = spawnSync(process.execPath, [path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: ROOT,
    env: { ...process.env, RONGYE_BUILD_DIR: buildDir, NODE_ENV: "production" },
    encoding: "utf8",
    timeout: 300_000,
  });
  return build.status === 0 ? null : `remix build exited ${build.status ?? build.signal}: ${(build.stderr ?? "").slice(-300)}`;
}

/** What the built production server needs in the environment to start for a bench (no mail, random secrets). */
export function benchServerEnv(port: number, buildDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    NODE_ENV: "production",
    RONGYE_BUILD_DIR: buildDir,
    MAIL_DISABLED: "true",
    MAIL_FROM: "bench <bench@rongye.example>",
    SESSION_SECRET: randomBytes(24).toString("hex"),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    RATE_LIMIT_DISABLED: "true",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  };
  delete env.DATABASE_URL;
  delete env.MEILI_HOST;
  delete env.WEB_CONCURRENCY;
  return env;
}

// autocannon ships no types: the part used here
export interface CannonOptions {
  url: string;
  connections: number;
  duration: number;
  overallRate?: number;
  /** Request paths, in turn (default: the demo-data mix above). */
  paths?: string[];
}
interface Histogram {
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
}
export interface CannonResult {
  latency: Histogram;
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Cannon = (opts: CannonOptions & { requests: { method: string; path: string }[] }) => Promise<CannonResult>;

export async function cannon(opts: CannonOptions): Promise<CannonResult> {
  const name = "autocannon";
  const run = ((await import(name)) as { default: Cannon }).default;
  const { paths = PATHS, ...rest } = opts;
  return run({ ...rest, requests: paths.map((p) => ({ method: "GET", path: p })) });
}

const hook: BenchHook = {
  name: "http",
  async run() {
    if (benchArgs()["no-http"]) return [{ name: "skipped", note: "--no-http" }];
    const rows: BenchRow[] = [];
    const buildDir = "tests/.tmp/bench-build";
    const t0 = performance.now();
    const failed = remixBuild(buildDir);
    if (failed) return [{ name: "failed", note: failed }];
    rows.push({ name: "remix build", note: `${((performance.now() - t0) / 1000).toFixed(1)} s` });

    const dataDir = mkdtempSync(path.join(tmpdir(), "rongye-bench-"));
    const env: NodeJS.ProcessEnv = { ...benchServerEnv(PORT, buildDir), PGLITE_DIR: path.join(dataDir, "pglite"), SEED_ON_START: "true" };
    const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr?.on("data", (b: Buffer) => (stderr = (stderr + b.toString()).slice(-2000)));
    try {
      const t1 = performance.now();
      if (!(await waitUp(child, 120_000))) {
        rows.push({ name: "failed", note: `server did not answer ${PATHS[0]} within 120 s (exit ${child.exitCode}): ${stderr.slice(-400)}` });
        return rows;
      }
      rows.push({ name: "server start (PGlite, seeding)", note: `${((performance.now() - t1) / 1000).toFixed(1)} s` });
      // warm-up
      await cannon({ url: BASE, connections: 4, duration: 3 });
      const { result: fixed, cpuNote: fixedCpu } = await measured(child, { url: BASE, connections: 20, overallRate: 200, duration: 10 });
      rows.push({
        name: "GET /api/jobs at 200 req/s for 10 s",
        latencies: { p50: fixed.latency.p50, p95: fixed.latency.p97_5, p99: fixed.latency.p99, max: fixed.latency.max, count: fixed.requests.total },
        note: `columns are p50 / p97.5 / p99 ms; ${fixed.requests.average.toFixed(0)} req/s; non-2xx ${fixed.non2xx}, errors ${fixed.errors}, timeouts ${fixed.timeouts}${fixedCpu}`,
      });
      const { result: max, cpuNote: maxCpu } = await measured(child, { url: BASE, connections: 50, duration: 10 });
      rows.push({
        name: "GET /api/jobs unthrottled, 50 connections, 10 s",
        latencies: { p50: max.latency.p50, p95: max.latency.p97_5, p99: max.latency.p99, max: max.latency.max, count: max.requests.total },
        note: `${max.requests.average.toFixed(0)} req/s sustained (p50 / p97.5 / p99 ms); non-2xx ${max.non2xx}, errors ${max.errors}, timeouts ${max.timeouts}${maxCpu}`,
      });
    } finally {
      await stop(child);
      rmSync(dataDir, { recursive: true, force: true });
    }
    return rows;
  },
};

export default hook;
