#!/usr/bin/env node
// `npm test`: typecheck, lint, Vitest (unit + integration on a real database) and Playwright end to end.
// Runs on embedded PGlite when DATABASE_URL is unset, on that PostgreSQL server when it is set.
// Ends with one plain line "Tests: N passed, N failed" counting every test of every runner.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const bin = (name) => path.join(root, "node_modules/.bin", name);
const outDir = path.join(root, "tests/.tmp/reports");
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

const only = process.argv.slice(2);
const want = (step) => only.length === 0 || only.includes(step);
let passed = 0;
let failed = 0;
let broken = false;

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`--- ${label} failed (exit ${result.status ?? result.signal})`);
    broken = true;
  }
  return result.status === 0;
}

if (want("typecheck")) {
  if (run("typecheck", bin("tsc"), ["--noEmit", "-p", "."])) passed += 1;
  else failed += 1;
}
if (want("lint")) {
  if (run("lint", bin("eslint"), [".", "--max-warnings", "0"])) passed += 1;
  else failed += 1;
}

// `vitest` runs unit + integration; `integration` runs only the database tests (CI repeats them on PGlite).
if (want("vitest") || only.includes("integration")) {
  const report = path.join(outDir, "vitest.json");
  const projects = want("vitest") ? [] : ["--project", "integration"];
  run("vitest (" + (projects.length ? "integration" : "unit + integration") + (process.env.DATABASE_URL ? ", PostgreSQL server)" : ", PGlite)"), bin("vitest"), [
    "run",
    ...projects,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
  ]);
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests + (r.numFailedTestSuites ?? 0);
  } else failed += 1;
}

if (want("e2e")) {
  const report = path.join(outDir, "playwright.json");
  run("playwright (end to end, Chromium)", bin("playwright"), ["test", "--reporter=list,json"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: report,
  });
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, "utf8"));
    passed += r.stats?.expected ?? 0;
    failed += (r.stats?.unexpected ?? 0) + (r.errors?.length ?? 0);
  } else failed += 1;
}

console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(broken || failed > 0 ? 1 : 0);
