import { count } from "drizzle-orm";
import { createDb, type Db, type DbHandle } from "../db/client";
import type { SeedResult } from "../db/seed";
import { users } from "../db/schema";
import { createMailer } from "../emails/mailer";
import { createStripeClient } from "./payments.server";
import { startEmailDrainLoop } from "../emails/outbox";
import { createSearchEngine } from "../search/create";
import { startSearchFollower } from "../search/follow";
import { ensureIndexes, searchChangeCursor, startSearchDrainLoop } from "../search/sync";
import type { AppServices } from "./context";
import { FairHub } from "./models/fair-events.server";
import { startMaintenanceLoop } from "./maintenance.server";
import { applyActiveTaxonomy } from "./models/taxonomy.server";
import type { AppConfig } from "./env.server";

export interface RunningServices extends AppServices {
  handle: DbHandle;
  /** Stop background loops and close connections. */
  shutdown(): Promise<void>;
}

export interface StartOptions {
  migrate?: boolean;
  /** Seed demo data when the database has no users yet, with the README's passwords or random ones. */
  seedIfEmpty?: false | { passwords: "demo" | "random" };
  /** Run the outbox drains in this process (development; production runs `npm run worker`). */
  drains?: boolean;
  log?: (line: string) => void;
}

/**
 * Seed the demo data into a database without users. Random passwords are printed here, once, and kept nowhere
 * else; the README's password is only ever used in development.
 */
export async function seedIfEmpty(
  db: Db,
  options: { passwords: "demo" | "random"; log: (line: string) => void; towns?: boolean },
): Promise<SeedResult | null> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  if (Number(n) > 0) return null;
  const { oneTimePasswordLines, seed } = await import("../db/seed");
  const started = Date.now();
  const result = await seed(db, { log: options.log, passwords: options.passwords, towns: options.towns });
  options.log(`demo data seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.created && options.passwords === "random") {
    for (const line of oneTimePasswordLines(result.accounts)) options.log(line);
  }
  return result;
}

/** Create everything that talks to the outside world, once, from validated configuration. */
export async function startServices(config: AppConfig, options: StartOptions = {}): Promise<RunningServices> {
  const log = options.log ?? (() => {});
  const handle = await createDb(config);
  if (options.migrate ?? true) {
    await handle.migrate();
    log(`database migrated (${handle.kind})`);
  }
  const { db } = handle;
  if (options.seedIfEmpty) await seedIfEmpty(db, { ...options.seedIfEmpty, log });
  const search = await createSearchEngine(config);
  const taxonomyVersion = await applyActiveTaxonomy(db);
  log(`skills taxonomy ${taxonomyVersion}`);
  // An in-process index starts empty in every process: fill it, then follow search_changes from a cursor taken before
  // the fill, so every web server sees new postings within about a second. A shared Meilisearch is rebuilt only by
  // the worker (when an index is empty, under an advisory lock) and `npm run reindex`; web servers never rebuild.
  const cursor = search.kind === "embedded" ? await searchChangeCursor(db) : 0;
  await ensureIndexes(db, search, {
    log,
    rebuild: search.kind === "embedded" ? "if-empty" : options.drains ? "if-empty" : "never",
    lock: search.kind === "meilisearch",
  });
  const follower = search.kind === "embedded" ? startSearchFollower(db, search, { cursor, log }) : null;
  const mailer = createMailer({ RESEND_API_KEY: config.RESEND_API_KEY, RESEND_BASE_URL: config.RESEND_BASE_URL, db });
  const loops = options.drains
    ? [
        startSearchDrainLoop(db, search, { log }),
        startEmailDrainLoop(db, mailer, { from: config.MAIL_FROM }),
        startMaintenanceLoop(db, search, { publicUrl: config.PUBLIC_URL, log }),
      ]
    : [];
  const fairHub = new FairHub(db, handle.listen);
  return {
    config,
    db,
    stripe: createStripeClient(config),
    fairHub,
    dbKind: handle.kind,
    search,
    mailer,
    handle,
    searchFollow: follower ? () => follower.status() : undefined,
    async shutdown() {
      await Promise.all([...loops, ...(follower ? [follower] : [])].map((l) => l.stop()));
      await fairHub.close();
      await handle.close();
    },
  };
}
