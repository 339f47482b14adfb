// Keeps an in-process search index (the embedded engine) fresh in every process that serves search: the process
// follows the search_changes table by cursor and applies each changed document from the database. Without this, web
// servers would fill their index at start and never see a new posting (the outbox drains run only in the worker).
//
// Ids of a bigserial are taken at insert but become visible at commit, so a slow transaction can commit an id below
// the cursor. The follower therefore also re-reads the last `recentWindowMs` of changes and skips ids it has applied.
//
// It follows the active skills taxonomy too: when staff map an unknown term or add a skill in one process (one worker
// of a cluster), every other process sees the new active version at its next poll and puts it to work (translator,
// matching, its index's synonyms), so the mapping reaches the stored rows everywhere without a re-import or restart.
import { and, asc, desc, eq, gt, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { searchChanges, taxonomyVersions } from "../db/schema";
import { INDEX_NAMES, type IndexName, type SearchEngine } from "./engine";
import { applyDocuments, configureIndexes, RegionNames } from "./sync";
import { repositoryTaxonomy, taxonomyVersion } from "./taxonomy";

export interface FollowerStatus {
  /** The highest change id applied. */
  cursor: number;
  /** Age of the oldest change not yet applied at the last poll (ms); 0 when caught up. */
  lagMs: number;
  /** When the last poll finished (ms since epoch), null before the first. */
  lastPollAt: number | null;
  /** The last poll's error, if it failed. */
  error: string | null;
}

export interface SearchFollower {
  status(): FollowerStatus;
  /** Poll now (tests, or a wake-up). */
  poll(): Promise<number>;
  stop(): Promise<void>;
}

export interface FollowOptions {
  /** Start after this change id (take it before filling the index, so nothing between is missed). */
  cursor: number;
  /** Poll interval (default 500 ms: a change is visible in every process within about a second). */
  intervalMs?: number;
  /** Changes this recent are re-read in case a lower id committed late (default 30 s). */
  recentWindowMs?: number;
  names?: RegionNames;
  log?: (line: string) => void;
  /** Start the timer (default true); false for tests that call poll() themselves. */
  autoStart?: boolean;
}

export function startSearchFollower(db: Db, search: SearchEngine, options: FollowOptions): SearchFollower {
  const intervalMs = options.intervalMs ?? 500;
  const windowMs = options.recentWindowMs ?? 30_000;
  const state: FollowerStatus = { cursor: options.cursor, lagMs: 0, lastPollAt: null, error: null };
  const applied = new Map<number, number>(); // change id → when applied (ms), for the recent window
  let names = options.names;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | null = null;
  let taxonomySeen: string | undefined;

  /** Put a taxonomy version another process activated to work here (once per version the database names). */
  async function followTaxonomy(regionNames: RegionNames) {
    const [row] = await db
      .select({ version: taxonomyVersions.version })
      .from(taxonomyVersions)
      .where(eq(taxonomyVersions.active, true))
      .orderBy(desc(taxonomyVersions.id))
      .limit(1);
    const active = row?.version ?? repositoryTaxonomy.version;
    if (active === taxonomySeen) return;
    taxonomySeen = active;
    if (active === taxonomyVersion) return;
    await configureIndexes(db, search, regionNames);
    options.log?.(`skills taxonomy ${taxonomyVersion} (activated elsewhere)`);
  }

  async function pollOnce(): Promise<number> {
    names ??= await RegionNames.load(db);
    await followTaxonomy(names);
    const rows = await db
      .select({ id: searchChanges.id, indexName: searchChanges.indexName, documentId: searchChanges.documentId, ageMs: sql<number>`extract(epoch from (now() - ${searchChanges.createdAt})) * 1000` })
      .from(searchChanges)
      .where(
        or(
          gt(searchChanges.id, state.cursor),
          and(gt(searchChanges.createdAt, sql`now() - make_interval(secs => ${windowMs / 1000})`), sql`${searchChanges.id} <= ${state.cursor}`),
        ),
      )
      .orderBy(asc(searchChanges.id))
      .limit(5000);
    const fresh = rows.filter((r) => !applied.has(Number(r.id)));
    state.lagMs = fresh.length ? Math.max(...fresh.map((r) => Number(r.ageMs))) : 0;
    for (const index of INDEX_NAMES) {
      const ids = fresh.filter((r) => r.indexName === (index as IndexName)).map((r) => r.documentId);
      if (ids.length) await applyDocuments(db, search, index, ids, names);
    }
    const now = Date.now();
    for (const r of fresh) {
      applied.set(Number(r.id), now);
      if (Number(r.id) > state.cursor) state.cursor = Number(r.id);
    }
    for (const [id, at] of applied) if (now - at > 2 * windowMs) applied.delete(id);
    state.lagMs = 0;
    state.lastPollAt = now;
    state.error = null;
    return fresh.length;
  }

  function poll(): Promise<number> {
    running ??= pollOnce()
      .catch((error: unknown) => {
        state.error = error instanceof Error ? error.message : String(error);
        options.log?.(`search follower: ${state.error}`);
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  const tick = async () => {
    await poll();
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  if (options.autoStart ?? true) timer = setTimeout(tick, 0);

  return {
    status: () => ({ ...state, lagMs: state.lastPollAt === null ? state.lagMs : Math.max(state.lagMs, Date.now() - state.lastPollAt - intervalMs, 0) }),
    poll,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
