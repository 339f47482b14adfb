import { parseArgs, type ParseArgsConfig } from "node:util";

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig["options"]>;
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
/**
 * Read the command line with node:util's parseArgs (strict: an unknown option or a missing value is refused with
 * the usage line and exit code 2).
 */
export function cliArgs<const T extends ParseArgsOptionsConfig>(options: T, usage: string, argv = process.argv.slice(2)) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
}

export function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}
