#!/usr/bin/env node
// The server Playwright tests against: a fresh build, a fresh embedded database (or the DATABASE_URL server),
// demo data, in-process outbox drains, the dev mailbox.
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const port = process.env.PORT ?? "3100";
// Each port gets its own build and database folder, so parallel runs never share files.
const buildDir = `tests/.tmp/e2e-${port}/build`;
const build = spawnSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
  stdio: "inherit",
  env: { ...process.env, RONGYE_BUILD_DIR: buildDir },
});
if (build.status !== 0) process.exit(build.status ?? 1);
const pgliteDir = path.join(root, `tests/.tmp/e2e-${port}/pglite`);
rmSync(pgliteDir, { recursive: true, force: true });
const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "test", RONGYE_BUILD_DIR: buildDir, PGLITE_DIR: pgliteDir, SEED_ON_START: "true", DRAIN_IN_PROCESS: "true", E2E_FIXTURES: "true" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
