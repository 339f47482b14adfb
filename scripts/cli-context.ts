// What the read-only CLIs (match, search) share: configuration, the database (migrated), and a search engine whose
// indexes are set up — the embedded engine is filled from the database here, as the server does on start.
import { loadConfig } from "../app/env.server";
import { createDb } from "../db/client";
import { createSearchEngine } from "../search/create";
import { ensureIndexes } from "../search/sync";

export async function openCliContext() {
  const config = loadConfig();
  const handle = await createDb(config);
  await handle.migrate();
  const search = await createSearchEngine(config);
  // an in-process index is filled here; a shared Meilisearch is left to the worker and `npm run reindex`
  await ensureIndexes(handle.db, search, { rebuild: search.kind === "embedded" ? "always" : "never" });
  return { config, db: handle.db, search, close: () => handle.close() };
}

/** `--name value` and `--flag` arguments. */
export function parseArgs(argv: string[]): Map<string, string | true> {
  const out = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) continue;
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith("--")) {
      out.set(a.slice(2), next);
      i++;
    } else out.set(a.slice(2), true);
  }
  return out;
}

export function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}
