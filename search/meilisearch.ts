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
import { meiliSettings } from "./indexes";
import { PINYIN_FIELD, withPinyinField } from "./pinyin-field";
import { escapeHtml } from "./tokenize";

export interface MeilisearchEngineOptions {
  host: string;
  apiKey?: string;
  /** An HTTP-level stand-in for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Prepended to every index uid (e.g. "test_" or a tenant). */
  indexPrefix?: string;
  /** Definitions known before `configure` runs in this process (a worker that restarts, the web app). */
  definitions?: Partial<Record<IndexName, IndexDefinition>>;
  /** How long to wait for a task (ms); 0 waits forever. */
  taskTimeoutMs?: number;
  /** Poll interval while waiting for a task (ms). */
  taskIntervalMs?: number;
  requestTimeoutMs?: number;
  /** Documents per request in replaceAll. */
  batchSize?: number;
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
const MARK = /(<mark>|<\/mark>)/;

/** Escapes everything in a Meilisearch `_formatted` value except our own <mark> tags. */
export function safeHighlight(formatted: string): string {
  return formatted
    .split(MARK)
    .map((part) => (part === "<mark>" || part === "</mark>" ? part : escapeHtml(part)))
    .join("");
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

export class MeilisearchEngine implements SearchEngine {
  private readonly client: Meilisearch;
  private readonly defs = new Map<IndexName, IndexDefinition>();
  private readonly prefix: string;
  private readonly waitOptions: { timeout: number; interval: number };
  private readonly batchSize: number;

  constructor(options: MeilisearchEngineOptions) {
    const doFetch = options.fetch ?? globalThis.fetch;
    this.client = new Meilisearch({
      host: options.host,
      apiKey: options.apiKey,
      timeout: options.requestTimeoutMs,
      // our own HTTP client so a test can pass a fake fetch, and errors carry status and Meilisearch's code
      httpClient: async (input, init) => {
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
      },
    });
    this.prefix = options.indexPrefix ?? "";
    this.waitOptions = { timeout: options.taskTimeoutMs ?? 60_000, interval: options.taskIntervalMs ?? 50 };
    this.batchSize = options.batchSize ?? 10_000;
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

  private async wait(task: { waitTask(o?: { timeout?: number; interval?: number }): Promise<unknown> }, allowFailure?: string[]) {
    const t = (await task.waitTask(this.waitOptions)) as TaskLike;
    if (t.status !== "succeeded" && !(t.error?.code && allowFailure?.includes(t.error.code))) {
      throw new MeilisearchTaskError(t.uid, t.error?.code ?? undefined, t.error?.message ?? `task ${t.uid} ${t.status}`);
    }
    return t;
  }

  async configure(def: IndexDefinition): Promise<void> {
    return this.configureUnguarded(def).catch(unwrap);
  }

  private async configureUnguarded(def: IndexDefinition): Promise<void> {
    this.defs.set(def.name, def);
    await this.wait(this.client.createIndex(this.uid(def.name), { primaryKey: def.primaryKey }), ["index_already_exists"]);
    await this.wait(this.client.index(this.uid(def.name)).updateSettings(meiliSettings(def)));
  }

  async upsert(name: IndexName, docs: SearchDocument[], options: UpsertOptions = {}): Promise<void> {
    return this.upsertUnguarded(name, docs, options).catch(unwrap);
  }

  private async upsertUnguarded(name: IndexName, docs: SearchDocument[], options: UpsertOptions = {}): Promise<void> {
    if (docs.length === 0) return;
    const task = this.client.index(this.uid(name)).addDocuments(docs.map(withPinyinField), { primaryKey: "id" });
    if (options.wait) await this.wait(task);
    else await task;
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
    const s = await this.client.index(this.uid(name)).getStats();
    return { documents: s.numberOfDocuments };
  }

  async health(): Promise<boolean> {
    return this.client.isHealthy();
  }

  /** Fills `<index>_tmp` with the settings and documents, swaps it with the live index, deletes the old one. */
  async replaceAll(name: IndexName, docs: SearchDocument[]): Promise<void> {
    return this.replaceAllUnguarded(name, docs).catch(unwrap);
  }

  private async replaceAllUnguarded(name: IndexName, docs: SearchDocument[]): Promise<void> {
    const def = this.def(name);
    const live = this.uid(name);
    const tmp = `${live}_tmp`;
    await this.wait(this.client.deleteIndex(tmp), ["index_not_found"]);
    await this.wait(this.client.createIndex(tmp, { primaryKey: "id" }));
    const index = this.client.index(tmp);
    await this.wait(index.updateSettings(meiliSettings(def)));
    for (let i = 0; i < docs.length; i += this.batchSize) {
      await this.wait(index.addDocuments(docs.slice(i, i + this.batchSize).map(withPinyinField), { primaryKey: "id" }));
    }
    await this.wait(this.client.createIndex(live, { primaryKey: "id" }), ["index_already_exists"]);
    await this.wait(this.client.swapIndexes([{ indexes: [live, tmp], rename: false }]));
    await this.wait(this.client.deleteIndex(tmp));
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
    const filter = toMeiliFilter(query.filter, def.filterableAttributes, query.geo);
    const res = await this.client.index(this.uid(name)).search(query.q ?? "", {
      filter: filter.length > 0 ? filter : undefined,
      sort: meiliSort(query, def),
      facets: query.facets && query.facets.length > 0 ? query.facets : undefined,
      page,
      hitsPerPage,
      attributesToHighlight: query.highlight ? def.highlightAttributes : undefined,
      highlightPreTag: query.highlight ? "<mark>" : undefined,
      highlightPostTag: query.highlight ? "</mark>" : undefined,
      matchingStrategy: query.matchingStrategy,
      showRankingScore: true,
    });
    const hits: SearchHit[] = res.hits.map((raw) => {
      const { _formatted, _geoDistance, _rankingScore, _matchesPosition, _rankingScoreDetails, [PINYIN_FIELD]: _pinyin, ...document } = raw as Record<string, unknown>;
      void _matchesPosition;
      void _rankingScoreDetails;
      const hit: SearchHit = { id: String(document.id), document: document as SearchDocument, score: typeof _rankingScore === "number" ? _rankingScore : 0 };
      if (typeof _geoDistance === "number") hit.distanceMeters = _geoDistance;
      if (query.highlight && _formatted && typeof _formatted === "object") {
        const highlights: Record<string, string> = {};
        for (const field of def.highlightAttributes) {
          const v = (_formatted as Record<string, unknown>)[field];
          const text = Array.isArray(v) ? v.filter((x) => typeof x === "string").join(LIST_SEPARATOR) : typeof v === "string" ? v : null;
          if (text && text.includes("<mark>")) highlights[field] = safeHighlight(text);
        }
        hit.highlights = highlights;
      }
      return hit;
    });
    const facets: Record<string, Record<string, number>> = {};
    for (const f of query.facets ?? []) facets[f] = { ...(res.facetDistribution?.[f] ?? {}) };
    return {
      hits,
      total: res.totalHits ?? hits.length,
      page: res.page ?? page,
      hitsPerPage: res.hitsPerPage ?? hitsPerPage,
      facets,
    };
  }
}
