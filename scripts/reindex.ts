// Rebuild every search index from the database (fill a fresh index, swap it in), with a progress bar.
// With the embedded engine (no MEILI_HOST) this checks and times a rebuild; the server rebuilds its own on start.
import { loadConfig } from "../app/env.server";
import { createDb } from "../db/client";
import { createSearchEngine } from "../search/create";
import { INDEX_NAMES } from "../search/engine";
import { configureIndexes, countIndexable, reindex } from "../search/sync";

function bar(done: number, total: number, width = 30): string {
  const share = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(share * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${done}/${total}`;
}

const config = loadConfig();
const handle = await createDb(config);
await handle.migrate();
const search = await createSearchEngine(config);
// settings from the taxonomy the database says is active (never the repository file over a staff-activated version)
const names = await configureIndexes(handle.db, search);
for (const index of INDEX_NAMES) {
  const total = await countIndexable(handle.db, index);
  const started = Date.now();
  const n = await reindex(handle.db, search, index, {
    names,
    // one rebuild of a shared index at a time (a PostgreSQL advisory lock); another running one makes this skip
    lock: search.kind === "meilisearch",
    onProgress: (done) => process.stderr.write(`\r${index.padEnd(17)} ${bar(done, total)}`),
  });
  if (n < 0) {
    process.stderr.write(`\n${index}: another process is rebuilding this index; skipped\n`);
    continue;
  }
  process.stderr.write(`\r${index.padEnd(17)} ${bar(n, total)}\n`);
  console.log(`${index}: ${n} documents in ${Date.now() - started} ms (${search.kind})`);
}
await handle.close();
