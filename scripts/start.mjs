#!/usr/bin/env node
// `npm start`: build when the build is missing or older than the sources, then serve (migrating and seeding the
// embedded database, or the server named by DATABASE_URL, on the way up).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const buildFile = path.join(root, "build/index.js");
const sources = ["app", "db", "search", "emails"].filter((d) => existsSync(d));
const stale =
  !existsSync(buildFile) ||
  Math.max(...sources.map(newestMtime), statSync("remix.config.js").mtimeMs, statSync("package.json").mtimeMs) > statSync(buildFile).mtimeMs;
if (stale) {
  console.log("[rongye] building…");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
