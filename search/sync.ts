// Keeping the search engine in step with the database, which is the source of truth: the search_outbox drain
// (every write to a searchable record adds a row in its own transaction), full rebuilds, and start-up setup.
import { and, asc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { queryRows } from "../db/client";
import { jobPostings, organizations, regions, searchChanges, searchOutbox, trainingSlots, veteranProfiles } from "../db/schema";
import { safeErrorMessage } from "../db/errors";
import { INDEX_NAMES, type IndexName, type SearchDocument, type SearchEngine } from "./engine";
import { incubatorPackages } from "../db/incubator-schema";
import {
  buildIndexDefinitions,
  toIncubatorPackageDocument,
  toJobDocument,
  toTrainingSlotDocument,
  toVeteranProfileDocument,
} from "./indexes";
import { synonymGroups } from "./taxonomy";
import { activateDatabaseTaxonomy } from "./taxonomy/active";
import { refreshCooccurrence } from "./cooccurrence";
import { toSkillIds } from "./match";

type Log = (line: string) => void;

// ------------------------------------------------------------------ region names
interface RegionNode {
  name: string;
  parent: string | null;
  level: number;
}
/** Region code → "江苏省 苏州市 张家港市". Loaded once per call site; regions change only with a data release. */
export class RegionNames {
  private constructor(private nodes: Map<string, RegionNode>) {}
  static async load(db: Db): Promise<RegionNames> {
    // Towns included: a posting placed in a town is named "江苏省 苏州市 张家港市 塘桥镇".
    const rows = await db.select({ code: regions.code, name: regions.name, parent: regions.parentCode, level: regions.level }).from(regions);
    return new RegionNames(new Map(rows.map((r) => [r.code, { name: r.name, parent: r.parent, level: r.level }])));
  }
  path(code: string | null | undefined): string {
    const names: string[] = [];
    let current = code ?? null;
    for (let guard = 0; current && guard < 6; guard++) {
      const node = this.nodes.get(current);
      if (!node) break;
      // 市辖区 is a placeholder level of municipalities (北京市 市辖区 朝阳区): not a name people search for.
      if (node.name !== "市辖区" && node.name !== "县") names.unshift(node.name);
      current = node.parent;
    }
    return names.join(" ");
  }
  /** Place names for the embedded engine's segmenter, with and without their 省/市/区/县 suffix. */
  dictionary(): string[] {
    return placeDictionary(this.nodes.values());
  }
}

/** Province, city and county names, with and without their level suffix (towns would crowd the segmenter). */
export function placeDictionary(nodes: Iterable<{ name: string; level: number }>): string[] {
  const words = new Set<string>();
  for (const { name, level } of nodes) {
    if (level > 3 || name === "市辖区" || name === "县") continue;
    words.add(name);
    const short = name.replace(/(特别行政区|自治区|自治州|自治县|省|市|区|县|旗|盟)$/u, "");
    if (short.length >= 2) words.add(short);
  }
  return [...words];
}

// ------------------------------------------------------------------ rows → documents
const now = () => new Date();

async function loadJobDocs(db: Db, names: RegionNames, ids?: string[], after?: string, limit?: number) {
  const live = and(
    eq(jobPostings.status, "published"),
    sql`(${jobPostings.expiresAt} is null or ${jobPostings.expiresAt} > ${now().toISOString()}::timestamptz)`,
  );
  const rows = await db
    .select({ job: jobPostings, orgName: organizations.name, orgStatus: organizations.verificationStatus })
    .from(jobPostings)
    .innerJoin(organizations, eq(organizations.id, jobPostings.organizationId))
    .where(and(live, ids ? inArray(jobPostings.id, ids) : undefined, after ? gt(jobPostings.id, after) : undefined))
    .orderBy(asc(jobPostings.id))
    .limit(limit ?? 1_000_000);
  return rows.map(({ job, orgName, orgStatus }) =>
    toJobDocument(job, { organizationName: orgName, organizationVerified: orgStatus === "verified", regionName: names.path(job.regionCode) }),
  );
}

async function loadTrainingDocs(db: Db, names: RegionNames, ids?: string[], after?: string, limit?: number) {
  const rows = await db
    .select({ slot: trainingSlots, orgName: organizations.name, orgStatus: organizations.verificationStatus })
    .from(trainingSlots)
    .innerJoin(organizations, eq(organizations.id, trainingSlots.organizationId))
    .where(
      and(
        eq(trainingSlots.status, "published"),
        gt(trainingSlots.endsAt, now()),
        ids ? inArray(trainingSlots.id, ids) : undefined,
        after ? gt(trainingSlots.id, after) : undefined,
      ),
    )
    .orderBy(asc(trainingSlots.id))
    .limit(limit ?? 1_000_000);
  return rows.map(({ slot, orgName, orgStatus }) =>
    toTrainingSlotDocument(slot, { organizationName: orgName, organizationVerified: orgStatus === "verified", regionName: names.path(slot.regionCode) }),
  );
}

async function loadProfileDocs(db: Db, names: RegionNames, ids?: string[], after?: string, limit?: number) {
  const rows = await db
    .select()
    .from(veteranProfiles)
    .where(
      and(
        sql`${veteranProfiles.visibility} <> 'hidden'`,
        ids ? inArray(veteranProfiles.id, ids) : undefined,
        after ? gt(veteranProfiles.id, after) : undefined,
      ),
    )
    .orderBy(asc(veteranProfiles.id))
    .limit(limit ?? 1_000_000);
  return rows.flatMap((row) => {
    const doc = toVeteranProfileDocument(row, { regionName: names.path(row.regionCode) });
    return doc ? [doc] : [];
  });
}

/** Published packages of verified parks only: an unverified or rejected park's packages stay out of /parks. */
async function loadPackageDocs(db: Db, names: RegionNames, ids?: string[], after?: string, limit?: number) {
  const rows = await db
    .select({ pkg: incubatorPackages, orgName: organizations.name })
    .from(incubatorPackages)
    .innerJoin(organizations, eq(organizations.id, incubatorPackages.organizationId))
    .where(
      and(
        eq(incubatorPackages.status, "published"),
        eq(organizations.verificationStatus, "verified"),
        eq(organizations.kind, "incubator_park"),
        ids ? inArray(incubatorPackages.id, ids) : undefined,
        after ? gt(incubatorPackages.id, after) : undefined,
      ),
    )
    .orderBy(asc(incubatorPackages.id))
    .limit(limit ?? 1_000_000);
  return rows.map(({ pkg, orgName }) => toIncubatorPackageDocument(pkg, { organizationName: orgName, regionName: names.path(pkg.regionCode) }));
}

const loaders: Record<IndexName, (db: Db, names: RegionNames, ids?: string[], after?: string, limit?: number) => Promise<SearchDocument[]>> = {
  jobs: loadJobDocs,
  training_slots: loadTrainingDocs,
  veteran_profiles: loadProfileDocs,
  incubator_packages: loadPackageDocs,
};

/** The documents that should be in the index for these ids right now (absent ids must be removed). */
export async function currentDocuments(db: Db, index: IndexName, ids: string[], names?: RegionNames): Promise<SearchDocument[]> {
  if (ids.length === 0) return [];
  return loaders[index](db, names ?? (await RegionNames.load(db)), ids);
}

// ------------------------------------------------------------------ outbox
/**
 * Add a search_outbox row (drained by the worker into a shared index) and a search_changes row (followed by every
 * process with an in-process index, and re-applied after a rebuild); call it with the transaction that changed the
 * record.
 */
export async function enqueueSearchSync(tx: Db, index: IndexName, documentIds: string[], op: "upsert" | "delete" = "upsert") {
  if (documentIds.length === 0) return;
  await tx.insert(searchOutbox).values(documentIds.map((documentId) => ({ indexName: index, documentId, op })));
  await tx.insert(searchChanges).values(documentIds.map((documentId) => ({ indexName: index, documentId })));
}

/** The newest search_changes id (0 when none): a follower or a rebuild starts after it. */
export async function searchChangeCursor(db: Db): Promise<number> {
  const [row] = await db.select({ maxId: sql<string | number | null>`max(${searchChanges.id})` }).from(searchChanges);
  return Number(row?.maxId ?? 0);
}

/** Bring these documents of one index in line with the database (upsert what exists, remove what does not). */
export async function applyDocuments(db: Db, search: SearchEngine, index: IndexName, ids: string[], names?: RegionNames) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return { upserted: 0, removed: 0 };
  const docs = await currentDocuments(db, index, unique, names);
  const present = new Set(docs.map((d) => d.id));
  const gone = unique.filter((id) => !present.has(id));
  if (docs.length) await search.upsert(index, docs, { wait: true });
  if (gone.length) await search.remove(index, gone, { wait: true });
  return { upserted: docs.length, removed: gone.length };
}

export interface SearchDrainResult {
  processed: number;
  upserted: number;
  removed: number;
}

/**
 * Apply one batch of outbox rows. Each document is re-read from the database (so the row's op is a hint, never
 * trusted over the data), applied, and the rows are deleted only afterwards: a drain that dies half-way leaves its
 * rows for the next one, and applying a document twice is harmless.
 */
export async function drainSearchOutbox(db: Db, search: SearchEngine, options: { batchSize?: number; names?: RegionNames } = {}): Promise<SearchDrainResult> {
  const batchSize = options.batchSize ?? 500;
  let claimed: number[] = [];
  try {
    return await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      const rows = await tx
        .select({ id: searchOutbox.id, indexName: searchOutbox.indexName, documentId: searchOutbox.documentId })
        .from(searchOutbox)
        .orderBy(asc(searchOutbox.id))
        .limit(batchSize)
        .for("update", { skipLocked: true });
      claimed = rows.map((r) => r.id);
      if (rows.length === 0) return { processed: 0, upserted: 0, removed: 0 };
      const names = options.names ?? (await RegionNames.load(tx));
      let upserted = 0;
      let removed = 0;
      for (const index of INDEX_NAMES) {
        const ids = rows.filter((r) => r.indexName === index).map((r) => r.documentId);
        const applied = await applyDocuments(tx, search, index, ids, names);
        upserted += applied.upserted;
        removed += applied.removed;
      }
      await tx.delete(searchOutbox).where(inArray(searchOutbox.id, claimed));
      return { processed: rows.length, upserted, removed };
    });
  } catch (error) {
    // The transaction rolled back, so the rows are still there for the next drain; count the failed attempt.
    if (claimed.length) {
      await db
        .update(searchOutbox)
        .set({ attempts: sql`${searchOutbox.attempts} + 1`, lastError: safeErrorMessage(error).slice(0, 500) })
        .where(inArray(searchOutbox.id, claimed));
    }
    throw error;
  }
}

export function startSearchDrainLoop(db: Db, search: SearchEngine, options: { intervalMs?: number; log?: Log } = {}) {
  const intervalMs = options.intervalMs ?? 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let names: RegionNames | undefined;
  let prunedAt = 0;
  const tick = async () => {
    try {
      names ??= await RegionNames.load(db);
      if (Date.now() - prunedAt > 10 * 60_000) {
        prunedAt = Date.now();
        await db.delete(searchChanges).where(sql`${searchChanges.createdAt} < now() - interval '1 day'`);
      }
      for (;;) {
        const result = await drainSearchOutbox(db, search, { names });
        if (stopped || result.processed < 500) break;
      }
    } catch (error) {
      options.log?.(`search drain: ${safeErrorMessage(error)}`);
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), intervalMs);
  };
  running = tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

// ------------------------------------------------------------------ rebuilds
export async function countIndexable(db: Db, index: IndexName): Promise<number> {
  const names = await RegionNames.load(db);
  return (await loaders[index](db, names)).length;
}

/** Whether the database holds any row the index should contain (one row read, not the whole table). */
export async function hasIndexable(db: Db, index: IndexName, names?: RegionNames): Promise<boolean> {
  return (await loaders[index](db, names ?? (await RegionNames.load(db)), undefined, undefined, 1)).length > 0;
}

/** Advisory-lock key space of search rebuilds: (REBUILD_LOCK, index number). */
export const REBUILD_LOCK = 0x5e4c;

export interface ReindexOptions {
  names?: RegionNames;
  pageSize?: number;
  onProgress?: (done: number) => void;
  /**
   * Hold a PostgreSQL advisory lock for the rebuild, so one process at a time rebuilds a shared (Meilisearch) index;
   * a process that does not get it skips the rebuild and returns null. In-process indexes need no lock.
   */
  lock?: boolean;
}

/**
 * Rebuild one index from the database: documents are read in pages, then swapped in whole (searches keep
 * answering from the old index meanwhile). Changes committed while the rebuild ran (search_changes after the cursor
 * taken at its start) are applied again after the swap, so the swap cannot lose them. Outbox rows written before
 * the rebuild started are then redundant and deleted.
 */
export async function reindex(db: Db, search: SearchEngine, index: IndexName, options: ReindexOptions = {}): Promise<number> {
  if (!options.lock) return rebuild(db, search, index, options);
  const n = await db.transaction(async (tx) => {
    const [row] = await queryRows<{ locked: boolean }>(tx as unknown as Db, sql`select pg_try_advisory_xact_lock(${REBUILD_LOCK}, ${INDEX_NAMES.indexOf(index)}) as locked`);
    if (!row?.locked) return null;
    return rebuild(db, search, index, options);
  });
  return n ?? -1;
}

async function rebuild(db: Db, search: SearchEngine, index: IndexName, options: ReindexOptions): Promise<number> {
  const names = options.names ?? (await RegionNames.load(db));
  const pageSize = options.pageSize ?? 2000;
  const [{ maxId }] = await db.select({ maxId: sql<number | null>`max(${searchOutbox.id})` }).from(searchOutbox);
  const cursor = await searchChangeCursor(db);
  const docs: SearchDocument[] = [];
  let after: string | undefined;
  for (;;) {
    // Keyset pages over the rows the index should hold (filtering happens in SQL, so a short page is the last).
    const page = await loaders[index](db, names, undefined, after, pageSize);
    docs.push(...page);
    options.onProgress?.(docs.length);
    if (page.length < pageSize) break;
    after = page[page.length - 1].id;
  }
  await search.replaceAll(index, docs);
  const changed = await db
    .selectDistinct({ documentId: searchChanges.documentId })
    .from(searchChanges)
    .where(and(eq(searchChanges.indexName, index), gt(searchChanges.id, cursor)));
  await applyDocuments(db, search, index, changed.map((c) => c.documentId), names);
  if (maxId != null) {
    await db.delete(searchOutbox).where(and(eq(searchOutbox.indexName, index), lte(searchOutbox.id, Number(maxId))));
  }
  return docs.length;
}

/**
 * Apply every index's settings: synonyms from the taxonomy the database says is active (the staff-activated version,
 * or the repository file), place names for the embedded engine's segmentation.
 */
export async function configureIndexes(db: Db, search: SearchEngine, names?: RegionNames): Promise<RegionNames> {
  const regionNames = names ?? (await RegionNames.load(db));
  await activateDatabaseTaxonomy(db);
  // which terms are unknown depends on the taxonomy just activated
  await refreshCooccurrence(db, (term) => toSkillIds([term]));
  const definitions = buildIndexDefinitions(synonymGroups(), { dictionary: regionNames.dictionary() });
  for (const index of INDEX_NAMES) await search.configure(definitions[index]);
  return regionNames;
}

export interface EnsureIndexesOptions {
  log?: Log;
  /**
   * `always`: rebuild every index (the embedded engine, which starts empty in each process; `npm run reindex`).
   * `if-empty`: rebuild an index that has no documents while its table has rows (the worker).
   * `never`: settings only (web servers and CLIs on a shared Meilisearch: they never rebuild).
   * `true` means `always`, `false` `if-empty`.
   */
  rebuild?: boolean | "always" | "if-empty" | "never";
  /** Take the rebuild advisory lock (a shared index). */
  lock?: boolean;
}

/** Start-up: apply settings, and fill indexes as `rebuild` says. Never rebuilds an index whose table is empty. */
export async function ensureIndexes(db: Db, search: SearchEngine, options: EnsureIndexesOptions = {}) {
  const names = await configureIndexes(db, search);
  const mode = options.rebuild === true ? "always" : options.rebuild === false || options.rebuild === undefined ? "if-empty" : options.rebuild;
  if (mode === "never") return names;
  for (const index of INDEX_NAMES) {
    if (mode === "if-empty" && (await search.stats(index)).documents > 0) continue;
    if (!(await hasIndexable(db, index, names))) continue;
    const started = Date.now();
    const n = await reindex(db, search, index, { names, lock: options.lock });
    if (n < 0) options.log?.(`search index ${index}: another process is rebuilding it`);
    else if (n > 0) options.log?.(`search index ${index}: ${n} documents in ${Date.now() - started} ms`);
  }
  return names;
}
