// SearchEngine over a Meilisearch server through the official client. Settings come from `indexes.ts`; filters are
// rendered by `toMeiliFilter` (quoted and escaped); highlights come back HTML-escaped around <mark> tags.
import { Meilisearch } from "meilisearch";
import type {
  IndexDefinition,
  IndexName,
  SearchDocument,
  SearchEngine,
  SearchHit,
  SearchQuery,
  SearchResult,
  UpsertOptions,
} from "./engine";
import { normalizePaging, SearchQueryError } from "./engine";
import { toMeiliFilter } from "./filter";
import { meiliSettings, REGION_LEVEL_FIELDS, REGIONS_FIELD } from "./indexes";
import { joinPinyinSyllables, withPinyinField } from "./pinyin-field";
import { escapeHtml } from "./tokenize";

/** Index swaps with `rename` (sent by meilisearch-js 0.62) exist from this server version on. */
export const MEILI_MIN_VERSION = "1.18.0";

export interface MeilisearchEngineOptions {
  host: string;
  /** A key that may write (documents, settings, indexes, tasks): the worker and `npm run reindex`. */
  apiKey?: string;
  /** A search-only key for searches (web servers); defaults to `apiKey`. */
  searchApiKey?: string;
  /** An HTTP-level stand-in for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Prepended to every index uid (e.g. "test_" or a tenant). */
  indexPrefix?: string;
  /** Definitions known before `configure` runs in this process (a worker that restarts, the web app). */
  definitions?: Partial<Record<IndexName, IndexDefinition>>;
  /** How long to wait for a document task (ms); 0 waits forever. */
  taskTimeoutMs?: number;
  /** How long to wait for settings, index creation and rebuild tasks, which take minutes on big indexes (ms). */
  longTaskTimeoutMs?: number;
  /** Poll interval while waiting for a task (ms). */
  taskIntervalMs?: number;
  /** Every HTTP request is aborted after this long (ms): a hung server must not stall searches or /healthz. */
  requestTimeoutMs?: number;
  /** Most documents per request in replaceAll. */
  batchSize?: number;
  /** Most bytes of JSON per document request (the server refuses payloads over 100 MB by default). */
  maxBatchBytes?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BATCH_BYTES = 20 * 1024 * 1024;

/**
 * The fields hits carry back, per index: the document fields, never the fields the adapter adds for matching
 * (`_pinyin`, `_regions`, region levels). Asking for these also keeps `_formatted` to the same fields.
 */
export const RETURNED_FIELDS: Record<IndexName, string[]> = {
  jobs: [
    "id", "external_id", "title", "organization", "organization_id", "organization_verified", "description", "category", "skills",
    "region_code", "region_codes", "region_name", "salary_min", "salary_max", "job_type", "veteran_preferred", "published_at",
    "expires_at", "_geo",
  ],
  training_slots: [
    "id", "external_id", "title", "organization", "organization_id", "organization_verified", "description", "skills",
    "region_code", "region_codes", "region_name", "place", "starts_at", "ends_at", "capacity", "seats_left", "fee_fen",
    "subsidy_fen", "published_at", "_geo",
  ],
  veteran_profiles: [
    "id", "surname_initial", "region_code", "region_codes", "region_name", "branch", "specialty", "rank", "years_served",
    "discharge_year", "education", "certificates", "skills", "desired_roles", "desired_region_codes", "salary_min", "job_types",
    "visibility", "updated_at",
  ],
  incubator_packages: [
    "id", "title", "kind", "organization", "organization_id", "description", "requirements", "region_code", "region_codes",
    "region_name", "capacity", "places_left", "term_months", "price_fen", "net_price_fen", "subsidy_fen", "has_subsidy",
    "mentoring_hours", "published_at",
  ],
};

export class MeilisearchVersionError extends Error {
  constructor(
    readonly version: string,
    host: string,
  ) {
    super(
      `Meilisearch ${version} at ${host} is too old: Rongye needs Meilisearch ${MEILI_MIN_VERSION} or newer ` +
        `(index rebuilds swap indexes with \`rename\`, which older servers refuse). Upgrade the server or unset MEILI_HOST.`,
    );
    this.name = "MeilisearchVersionError";
  }
}

/** "1.18.0" ≥ "1.18.0"; pre-release suffixes are ignored. */
export function versionAtLeast(version: string, min: string): boolean {
  const a = version.split(/[.-]/).slice(0, 3).map((x) => Number.parseInt(x, 10) || 0);
  const b = min.split(".").map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

const REGION_SUFFIX = /(特别行政区|自治区|自治州|自治县|自治旗|地区|新区|省|市|区|县|旗|盟)$/u;

/** "江苏省 苏州市 张家港市" → "江苏省 江苏 苏州市 苏州 张家港市 张家港". */
export function regionWords(regionName: unknown): string {
  if (typeof regionName !== "string") return "";
  const out = new Set<string>();
  for (const name of regionName.split(/\s+/).filter(Boolean)) {
    out.add(name);
    const short = name.replace(REGION_SUFFIX, "");
    if (short.length >= 2 && short !== name) out.add(short);
  }
  return [...out].join(" ");
}

/** The document as sent to Meilisearch: pinyin, region words and one region code per level added. */
export function toMeiliDocument(doc: SearchDocument): SearchDocument {
  const out = withPinyinField(doc);
  out[REGIONS_FIELD] = regionWords(doc.region_name);
  const codes = Array.isArray(doc.region_codes) ? (doc.region_codes as unknown[]).filter((c): c is string => typeof c === "string") : [];
  for (const field of REGION_LEVEL_FIELDS) delete out[field];
  for (const code of codes) {
    const level = code.length > 6 ? 3 : code.endsWith("0000") ? 0 : code.endsWith("00") ? 1 : 2;
    out[REGION_LEVEL_FIELDS[level]] = code;
  }
  return out;
}

/** Splits documents into requests of at most `maxCount` documents and `maxBytes` of JSON. */
export function byteBatches(docs: SearchDocument[], maxCount: number, maxBytes: number): SearchDocument[][] {
  const batches: SearchDocument[][] = [];
  let current: SearchDocument[] = [];
  let bytes = 2;
  for (const doc of docs) {
    const size = Buffer.byteLength(JSON.stringify(doc)) + 1;
    if (size + 2 > maxBytes) throw new Error(`document ${doc.id} is ${size} bytes, more than one request may carry (${maxBytes})`);
    if (current.length > 0 && (current.length >= maxCount || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 2;
    }
    current.push(doc);
    bytes += size;
  }
  if (current.length) batches.push(current);
  return batches;
}

export class MeilisearchHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = "MeilisearchHttpError";
  }
}

export class MeilisearchTaskError extends Error {
  constructor(
    readonly taskUid: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = "MeilisearchTaskError";
  }
}

interface TaskLike {
  uid: number;
  status: string;
  error?: { message?: string; code?: string } | null;
}

const LIST_SEPARATOR = "、";

/** The client wraps what our HTTP client throws in a MeilisearchRequestError; hand callers our error itself. */
function unwrap(e: unknown): never {
  const cause = (e as { cause?: unknown } | null)?.cause;
  if (cause instanceof MeilisearchHttpError) throw cause;
  throw e;
}
/**
 * Highlight tags sent to Meilisearch: private-use characters that never occur in our text, so a literal `<mark>`
 * typed into a posting is escaped like any other text instead of surviving as markup.
 */
export const PRE_TAG = "\uE000";
export const POST_TAG = "\uE001";

/** Long text fields whose highlight is an excerpt (like the embedded engine's), and its length in words. */
export const CROPPED_FIELDS = new Set(["description"]);
export const CROP_WORDS = 24;

/** Escapes a Meilisearch `_formatted` value and turns our private tags into <mark> elements. */
export function safeHighlight(formatted: string): string {
  return escapeHtml(formatted).replace(/\uE000/g, "<mark>").replace(/\uE001/g, "</mark>");
}

export function meiliSort(query: SearchQuery, def: IndexDefinition): string[] | undefined {
  const sort = query.sort ?? "relevance";
  if (sort === "relevance") return undefined;
  if (sort === "distance") {
    if (!def.geo || !query.geo) throw new SearchQueryError("sort 'distance' needs an index with geo points and query.geo");
    const { lat, lng } = query.geo;
    if (!Number.isFinite(lat) || !Number.isFinite(lng)) throw new SearchQueryError("geo point must be finite numbers");
    return [`_geoPoint(${lat}, ${lng}):asc`];
  }
  const s = def.sorts[sort];
  if (!s) throw new SearchQueryError(`index ${def.name} cannot sort by ${sort}`);
  return [`${s.field}:${s.direction}`];
}

let rebuildSeq = 0;

export class MeilisearchEngine implements SearchEngine {
  private readonly client: Meilisearch;
  private readonly searchClient: Meilisearch;
  private readonly defs = new Map<IndexName, IndexDefinition>();
  private readonly prefix: string;
  private readonly waitOptions: { timeout: number; interval: number };
  private readonly longWaitOptions: { timeout: number; interval: number };
  private readonly batchSize: number;
  private readonly maxBatchBytes: number;
  private readonly host: string;

  constructor(options: MeilisearchEngineOptions) {
    const doFetch = options.fetch ?? globalThis.fetch;
    // our own HTTP client so a test can pass a fake fetch, and errors carry status and Meilisearch's code
    const httpClient = async (input: RequestInfo | URL, init?: RequestInit) => {
      const res = await doFetch(input, init);
      const text = await res.text();
      let body: unknown;
      try {
        body = text === "" ? undefined : JSON.parse(text);
      } catch {
        body = text;
      }
      if (!res.ok) {
        const b = (body ?? {}) as { message?: string; code?: string };
        throw new MeilisearchHttpError(res.status, b.code, b.message ?? `Meilisearch HTTP ${res.status}`);
      }
      return body;
    };
    const timeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.host = options.host;
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey, timeout, httpClient });
    this.searchClient = options.searchApiKey
      ? new Meilisearch({ host: options.host, apiKey: options.searchApiKey, timeout, httpClient })
      : this.client;
    this.prefix = options.indexPrefix ?? "";
    const interval = options.taskIntervalMs ?? 50;
    this.waitOptions = { timeout: options.taskTimeoutMs ?? 120_000, interval };
    this.longWaitOptions = { timeout: options.longTaskTimeoutMs ?? 30 * 60_000, interval: Math.max(interval, options.taskIntervalMs ?? 250) };
    this.batchSize = options.batchSize ?? 10_000;
    this.maxBatchBytes = options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
    for (const d of Object.values(options.definitions ?? {})) if (d) this.defs.set(d.name, d);
  }

  uid(name: IndexName): string {
    return this.prefix + name;
  }

  private def(name: IndexName): IndexDefinition {
    const d = this.defs.get(name);
    if (!d) throw new SearchQueryError(`index not configured: ${name}`);
    return d;
  }

  private async wait(
    task: { waitTask(o?: { timeout?: number; interval?: number }): Promise<unknown> },
    allowFailure?: string[],
    long = false,
  ) {
    const t = (await task.waitTask(long ? this.longWaitOptions : this.waitOptions)) as TaskLike;
    if (t.status !== "succeeded" && !(t.error?.code && allowFailure?.includes(t.error.code))) {
      throw new MeilisearchTaskError(t.uid, t.error?.code ?? undefined, t.error?.message ?? `task ${t.uid} ${t.status}`);
    }
    return t;
  }

  /** GET /version: refuses a server older than MEILI_MIN_VERSION with a message that says what to do. */
  async checkVersion(): Promise<string> {
    const v = await this.client.getVersion().catch(unwrap);
    if (!versionAtLeast(v.pkgVersion, MEILI_MIN_VERSION)) throw new MeilisearchVersionError(v.pkgVersion, this.host);
    return v.pkgVersion;
  }

  async configure(def: IndexDefinition): Promise<void> {
    return this.configureUnguarded(def).catch(unwrap);
  }

  private async configureUnguarded(def: IndexDefinition): Promise<void> {
    this.defs.set(def.name, def);
    await this.wait(this.client.createIndex(this.uid(def.name), { primaryKey: def.primaryKey }), ["index_already_exists"], true);
    await this.wait(this.client.index(this.uid(def.name)).updateSettings(meiliSettings(def)), undefined, true);
  }

  async upsert(name: IndexName, docs: SearchDocument[], options: UpsertOptions = {}): Promise<void> {
    return this.upsertUnguarded(name, docs, options).catch(unwrap);
  }

  private async upsertUnguarded(name: IndexName, docs: SearchDocument[], options: UpsertOptions = {}): Promise<void> {
    if (docs.length === 0) return;
    for (const batch of byteBatches(docs.map(toMeiliDocument), this.batchSize, this.maxBatchBytes)) {
      const task = this.client.index(this.uid(name)).addDocuments(batch, { primaryKey: "id" });
      if (options.wait) await this.wait(task);
      else await task;
    }
  }

  async remove(name: IndexName, ids: string[], options: UpsertOptions = {}): Promise<void> {
    return this.removeUnguarded(name, ids, options).catch(unwrap);
  }

  private async removeUnguarded(name: IndexName, ids: string[], options: UpsertOptions = {}): Promise<void> {
    if (ids.length === 0) return;
    const task = this.client.index(this.uid(name)).deleteDocuments(ids);
    if (options.wait) await this.wait(task);
    else await task;
  }

  async clear(name: IndexName, options: UpsertOptions = {}): Promise<void> {
    return this.clearUnguarded(name, options).catch(unwrap);
  }

  private async clearUnguarded(name: IndexName, options: UpsertOptions = {}): Promise<void> {
    const task = this.client.index(this.uid(name)).deleteAllDocuments();
    if (options.wait) await this.wait(task);
    else await task;
  }

  async stats(name: IndexName): Promise<{ documents: number }> {
    return this.statsUnguarded(name).catch(unwrap);
  }

  private async statsUnguarded(name: IndexName): Promise<{ documents: number }> {
    try {
      const s = await this.client.index(this.uid(name)).getStats();
      return { documents: s.numberOfDocuments };
    } catch (e) {
      const cause = (e as { cause?: unknown }).cause ?? e;
      if (cause instanceof MeilisearchHttpError && cause.code === "index_not_found") return { documents: 0 };
      throw e;
    }
  }

  async health(): Promise<boolean> {
    return this.client.isHealthy();
  }

  /**
   * Fills a fresh index under a name no other rebuild uses, swaps it with the live index (or renames it into place
   * when there is none), and deletes the old one. Run one rebuild per index at a time (search/sync.ts holds a
   * PostgreSQL advisory lock around it).
   */
  async replaceAll(name: IndexName, docs: SearchDocument[]): Promise<void> {
    return this.replaceAllUnguarded(name, docs).catch(unwrap);
  }

  private async replaceAllUnguarded(name: IndexName, docs: SearchDocument[]): Promise<void> {
    const def = this.def(name);
    const live = this.uid(name);
    const tmp = `${live}_rebuild_${Date.now().toString(36)}_${process.pid.toString(36)}_${(rebuildSeq++).toString(36)}`;
    try {
      await this.wait(this.client.createIndex(tmp, { primaryKey: "id" }), undefined, true);
      const index = this.client.index(tmp);
      await this.wait(index.updateSettings(meiliSettings(def)), undefined, true);
      for (const batch of byteBatches(docs.map(toMeiliDocument), this.batchSize, this.maxBatchBytes)) {
        await this.wait(index.addDocuments(batch, { primaryKey: "id" }), undefined, true);
      }
      const exists = await this.client
        .index(live)
        .getRawInfo()
        .then(() => true)
        .catch((e: unknown) => {
          const cause = (e as { cause?: unknown }).cause ?? e;
          if (cause instanceof MeilisearchHttpError && cause.code === "index_not_found") return false;
          throw e;
        });
      if (exists) {
        await this.wait(this.client.swapIndexes([{ indexes: [live, tmp], rename: false }]), undefined, true);
      } else {
        await this.wait(this.client.swapIndexes([{ indexes: [tmp, live], rename: true }]), undefined, true);
        return;
      }
    } catch (e) {
      await this.wait(this.client.deleteIndex(tmp), ["index_not_found"], true).catch(() => {});
      throw e;
    }
    await this.wait(this.client.deleteIndex(tmp), ["index_not_found"], true);
  }

  async search(name: IndexName, query: SearchQuery): Promise<SearchResult> {
    return this.searchUnguarded(name, query).catch(unwrap);
  }

  private async searchUnguarded(name: IndexName, query: SearchQuery): Promise<SearchResult> {
    const def = this.def(name);
    const { page, hitsPerPage } = normalizePaging(query);
    for (const f of query.facets ?? []) {
      if (!def.filterableAttributes.includes(f)) throw new SearchQueryError(`facet is not filterable: ${f}`);
    }
    // region_codes is counted per level (one code per field), so no level is cut off by maxValuesPerFacet
    const wanted = query.facets ?? [];
    const sentFacets = wanted.flatMap((f) => (f === "region_codes" ? [...REGION_LEVEL_FIELDS] : [f]));
    const filter = toMeiliFilter(query.filter, def.filterableAttributes, query.geo);
    const res = await this.searchClient.index(this.uid(name)).search(joinPinyinSyllables(query.q ?? ""), {
      filter: filter.length > 0 ? filter : undefined,
      sort: meiliSort(query, def),
      facets: sentFacets.length > 0 ? sentFacets : undefined,
      page,
      hitsPerPage,
      attributesToRetrieve: RETURNED_FIELDS[name],
      attributesToHighlight: query.highlight ? def.highlightAttributes : undefined,
      // `_formatted` repeats every returned field; long text comes back as an excerpt around the match, not a copy
      attributesToCrop: query.highlight ? def.highlightAttributes.filter((f) => CROPPED_FIELDS.has(f)) : undefined,
      cropLength: query.highlight ? CROP_WORDS : undefined,
      cropMarker: query.highlight ? "…" : undefined,
      highlightPreTag: query.highlight ? PRE_TAG : undefined,
      highlightPostTag: query.highlight ? POST_TAG : undefined,
      matchingStrategy: query.matchingStrategy,
      showRankingScore: true,
    });
    const returned = new Set(RETURNED_FIELDS[name]);
    const hits: SearchHit[] = res.hits.map((raw) => {
      const { _formatted, _geoDistance, _rankingScore, ...rest } = raw as Record<string, unknown>;
      const document = Object.fromEntries(Object.entries(rest).filter(([k]) => returned.has(k))) as SearchDocument;
      const hit: SearchHit = { id: String(document.id), document, score: typeof _rankingScore === "number" ? _rankingScore : 0 };
      if (typeof _geoDistance === "number") hit.distanceMeters = _geoDistance;
      if (query.highlight && _formatted && typeof _formatted === "object") {
        const highlights: Record<string, string> = {};
        for (const field of def.highlightAttributes) {
          const v = (_formatted as Record<string, unknown>)[field];
          const text = Array.isArray(v) ? v.filter((x) => typeof x === "string").join(LIST_SEPARATOR) : typeof v === "string" ? v : null;
          if (text && text.includes(PRE_TAG)) highlights[field] = safeHighlight(text);
        }
        hit.highlights = highlights;
      }
      return hit;
    });
    const facets: Record<string, Record<string, number>> = {};
    for (const f of wanted) {
      if (f === "region_codes") {
        const merged: Record<string, number> = {};
        for (const level of REGION_LEVEL_FIELDS) Object.assign(merged, res.facetDistribution?.[level] ?? {});
        facets[f] = merged;
      } else facets[f] = { ...(res.facetDistribution?.[f] ?? {}) };
    }
    const droppedWords = hits.length > 0 ? await this.droppedWords(name, query, filter) : [];
    return {
      hits,
      total: res.totalHits ?? hits.length,
      page: res.page ?? page,
      hitsPerPage: res.hitsPerPage ?? hitsPerPage,
      facets,
      ...(droppedWords.length > 0 ? { droppedWords } : {}),
    };
  }

  /**
   * The typed words Meilisearch left out (matchingStrategy "last" drops words from the end until something
   * matches): none when a document has every word; otherwise the words after the longest leading run that still
   * matches together. Costs one count query, more only when some word was dropped.
   */
  private async droppedWords(name: IndexName, query: SearchQuery, filter: string[]): Promise<string[]> {
    if ((query.matchingStrategy ?? "last") !== "last") return [];
    const words = (query.q ?? "").trim().split(/\s+/).filter(Boolean);
    if (words.length < 2) return [];
    const index = this.searchClient.index(this.uid(name));
    const matchesAll = async (ws: string[]) =>
      ((
        await index.search(joinPinyinSyllables(ws.join(" ")), {
          filter: filter.length > 0 ? filter : undefined,
          hitsPerPage: 1,
          attributesToRetrieve: ["id"],
          matchingStrategy: "all",
        })
      ).totalHits ?? 0) > 0;
    if (await matchesAll(words)) return [];
    for (let k = words.length - 1; k >= 1; k--) {
      if (await matchesAll(words.slice(0, k))) return words.slice(k).map((w) => w.normalize("NFKC").toLowerCase());
    }
    return words.slice(1).map((w) => w.normalize("NFKC").toLowerCase());
  }
}
