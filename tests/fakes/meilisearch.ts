// A stateful Meilisearch stand-in for tests, spoken to through `fetch` (pass `fake.fetch` to MeilisearchEngine) or
// over real HTTP (`fake.listen()`). It keeps indexes, settings and documents and processes tasks one at a time, in
// order, after the request that enqueued them has returned — as the index scheduler does. Shapes and rules below are
// taken from Meilisearch v1.x (`crates/meilisearch/tests/…` snapshots, `crates/meilisearch-types/src/error.rs`,
// `crates/milli`), cited where they matter:
//
// - Enqueued task (202): `{ taskUid, indexUid, status: "enqueued", type, enqueuedAt }`
//   (tests/documents/add_documents.rs snapshots); task object: `{ uid, batchUid, indexUid, status, type, canceledBy,
//   details, error, duration, enqueuedAt, startedAt, finishedAt }` (tests/tasks/mod.rs).
// - Error: `{ message, code, type, link: "https://docs.meilisearch.com/errors#<code>" }` (ResponseError).
// - A document write to a missing index creates it (tests/documents/add_documents.rs "add_documents_no_index_creation"
//   is the opposite: creation happens by default); settings updates create it too.
// - Unknown JSON fields are refused with `bad_request` ("Unknown field `x`: expected one of …", deserr).
// - Filtering or faceting on an attribute that is not filterable: `invalid_search_filter` / `invalid_search_facets`
//   (tests/search/errors.rs); sorting on a non-sortable one: `invalid_search_sort`.
// - Facet values: alphabetical by default, cut at `faceting.maxValuesPerFacet` (100 by default), or by count when
//   `sortFacetValuesBy` says so (tests/search/facet_search.rs, milli `facet_distribution.rs`).
// - Paged searches answer `{ hits, query, processingTimeMs, hitsPerPage, page, totalPages, totalHits }`.
// - `_formatted` carries every retrieved attribute; highlighted ones wrap matches in the pre/post tags without
//   escaping anything else, cropped ones keep `cropLength` words (10 by default) around the match between
//   `cropMarker`s ("…" by default) (milli `matches/mod.rs`, tests/search/formatted.rs).
// - Only the last query word is a prefix; typos: `minWordSizeForTypos` 5/9 by default, a typo on the first letter
//   counts as two; words in `typoTolerance.disableOnAttributes` must match exactly. Two or three consecutive query
//   words are also tried concatenated (milli `search/new/query_term` ngrams), synonyms keys are at most 3 words.
// - `POST /swap-indexes` with `rename` is accepted from v1.18 on; older servers refuse the unknown field.
// - Payloads over the limit (100 MB by default) get 413 `payload_too_large`.
import http from "node:http";
import { Charabia, type Token } from "./charabia";
import { evaluate, filterFields, FilterSyntaxError, haversine, parseFilter } from "./meili-filter";

type Doc = Record<string, unknown>;

export interface FakeSettings {
  displayedAttributes: string[];
  searchableAttributes: string[];
  filterableAttributes: string[];
  sortableAttributes: string[];
  rankingRules: string[];
  stopWords: string[];
  nonSeparatorTokens: string[];
  separatorTokens: string[];
  dictionary: string[];
  synonyms: Record<string, string[]>;
  distinctAttribute: string | null;
  proximityPrecision: string;
  typoTolerance: {
    enabled: boolean;
    minWordSizeForTypos: { oneTypo: number; twoTypos: number };
    disableOnWords: string[];
    disableOnAttributes: string[];
    disableOnNumbers: boolean;
  };
  faceting: { maxValuesPerFacet: number; sortFacetValuesBy: Record<string, "alpha" | "count"> };
  pagination: { maxTotalHits: number };
  localizedAttributes: unknown;
  searchCutoffMs: number | null;
  facetSearch: boolean;
  prefixSearch: string;
}

const DEFAULT_SETTINGS = (): FakeSettings => ({
  displayedAttributes: ["*"],
  searchableAttributes: ["*"],
  filterableAttributes: [],
  sortableAttributes: [],
  rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness"],
  stopWords: [],
  nonSeparatorTokens: [],
  separatorTokens: [],
  dictionary: [],
  synonyms: {},
  distinctAttribute: null,
  proximityPrecision: "byWord",
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    disableOnWords: [],
    disableOnAttributes: [],
    disableOnNumbers: false,
  },
  faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { "*": "alpha" } },
  pagination: { maxTotalHits: 1000 },
  localizedAttributes: null,
  searchCutoffMs: null,
  facetSearch: true,
  prefixSearch: "indexingTime",
});

const SETTINGS_FIELDS = [...Object.keys(DEFAULT_SETTINGS()), "embedders", "chat", "vectorStore"];
const SEARCH_FIELDS = [
  "q", "vector", "offset", "limit", "page", "hitsPerPage", "attributesToRetrieve", "retrieveVectors", "attributesToCrop",
  "cropLength", "attributesToHighlight", "showMatchesPosition", "showRankingScore", "showRankingScoreDetails", "filter",
  "sort", "distinct", "facets", "highlightPreTag", "highlightPostTag", "cropMarker", "matchingStrategy",
  "attributesToSearchOn", "hybrid", "rankingScoreThreshold", "locales", "media", "personalize",
];

interface Index {
  uid: string;
  primaryKey: string | null;
  createdAt: string;
  updatedAt: string;
  settings: FakeSettings;
  docs: Map<string, Doc>;
  tokenizer: Charabia;
  /** Caches dropped whenever settings change. */
  synonymCache?: Map<string, string[][]>;
  tokenCache: WeakMap<Doc, AttrTokens[]>;
}

interface Task {
  uid: number;
  batchUid: number | null;
  indexUid: string | null;
  status: "enqueued" | "processing" | "succeeded" | "failed";
  type: string;
  canceledBy: null;
  details: Record<string, unknown>;
  error: MeiliError | null;
  duration: string | null;
  enqueuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  run: () => Record<string, unknown> | void;
}

interface MeiliError {
  message: string;
  code: string;
  type: string;
  link: string;
}

export class FakeMeiliError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type = "invalid_request",
  ) {
    super(message);
  }
  body(): MeiliError {
    return { message: this.message, code: this.code, type: this.type, link: `https://docs.meilisearch.com/errors#${this.code}` };
  }
}

export interface FakeMeilisearchOptions {
  /** Server version answered at GET /version; below 1.18 `rename` in swaps is an unknown field. */
  version?: string;
  /** Delay before each task is processed (ms). */
  taskDelayMs?: number;
  /** HTTP payload limit in bytes (Meilisearch's `--http-payload-size-limit`, 100 MB). */
  payloadLimitBytes?: number;
  /** The master key; when set, requests need `Authorization: Bearer <key>` or one of `keys`. */
  masterKey?: string;
  /** Extra keys: key → allowed actions ("search", "*"). */
  keys?: Record<string, string[]>;
  /** Answer nothing (never resolve) to requests whose path matches: a hung server. */
  hang?: (method: string, path: string) => boolean;
}

const now = () => new Date().toISOString();

function bad(code: string, message: string, status = 400): never {
  throw new FakeMeiliError(status, code, message);
}

/** Levenshtein with adjacent transpositions (milli's Levenshtein automata are built with transpositions). */
function damerau(a: string[], b: string[]): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

function versionAtLeast(v: string, min: [number, number]): boolean {
  const [maj, minor] = v.split(".").map(Number);
  return maj > min[0] || (maj === min[0] && minor >= min[1]);
}

// ------------------------------------------------------------------------------------------------ query terms
interface Alternative {
  /** One word (prefix/typos allowed per flags) or a phrase of exact words. */
  words: string[];
  prefix: boolean;
  typos: boolean;
  /** From a synonym: exact words only. */
  synonym: boolean;
}

interface AttrTokens {
  attr: string;
  rank: number;
  tokens: Token[];
}

interface WordMatch {
  typos: number;
  rank: number;
  exact: boolean;
  /** attr → token indexes matched (for highlighting). */
  positions: { attr: string; token: number; len: number }[];
}

export class FakeMeilisearch {
  readonly indexes = new Map<string, Index>();
  readonly tasks: Task[] = [];
  /** Every request, for assertions: "METHOD /path". */
  readonly requests: { method: string; path: string; body: unknown; auth: string | null; bytes: number }[] = [];
  private batch = 0;
  private timer: NodeJS.Timeout | null = null;
  private servers: http.Server[] = [];
  readonly options: Required<Omit<FakeMeilisearchOptions, "masterKey" | "keys" | "hang">> & FakeMeilisearchOptions;

  constructor(options: FakeMeilisearchOptions = {}) {
    this.options = { version: "1.19.0", taskDelayMs: 1, payloadLimitBytes: 100 * 1024 * 1024, ...options };
  }

  /** A fetch that answers like the server. */
  readonly fetch = (async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const method = (init?.method ?? "GET").toUpperCase();
    const headers = new Headers(init?.headers);
    const raw = typeof init?.body === "string" ? init.body : init?.body ? await new Response(init.body).text() : "";
    const { status, body } = await this.handle(method, url, raw, headers.get("authorization"), init?.signal ?? undefined);
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  }) as typeof globalThis.fetch;

  /** Serves the fake on 127.0.0.1 at a free port; returns its base URL. */
  async listen(): Promise<string> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const url = new URL(req.url ?? "/", "http://fake");
        this.handle(req.method ?? "GET", url, Buffer.concat(chunks).toString("utf8"), req.headers.authorization ?? null).then(
          ({ status, body }) => {
            res.writeHead(status, { "content-type": "application/json" });
            res.end(body === undefined ? undefined : JSON.stringify(body));
          },
          () => res.destroy(),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.servers.push(server);
    const addr = server.address() as { port: number };
    return `http://127.0.0.1:${addr.port}`;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await Promise.all(this.servers.map((s) => new Promise((r) => s.close(r))));
  }

  /** Resolves when every enqueued task has been processed. */
  async idle(): Promise<void> {
    while (this.tasks.some((t) => t.status === "enqueued" || t.status === "processing")) await new Promise((r) => setTimeout(r, 2));
  }

  // -------------------------------------------------------------------------------------------- HTTP handling
  async handle(method: string, url: URL, raw: string, auth: string | null, signal?: AbortSignal): Promise<{ status: number; body: unknown }> {
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined;
    }
    this.requests.push({ method, path: url.pathname, body, auth, bytes: Buffer.byteLength(raw) });
    if (this.options.hang?.(method, url.pathname)) {
      return new Promise((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason ?? new Error("aborted"))));
    }
    try {
      if (Buffer.byteLength(raw) > this.options.payloadLimitBytes) {
        bad("payload_too_large", `The provided payload reached the size limit. The maximum accepted payload size is ${this.options.payloadLimitBytes} B.`, 413);
      }
      if (raw && body === undefined) bad("malformed_payload", "The json payload provided is malformed.");
      this.authorize(auth, url.pathname);
      return this.route(method, url, body);
    } catch (e) {
      if (e instanceof FakeMeiliError) return { status: e.status, body: e.body() };
      if (e instanceof FilterSyntaxError) return { status: 400, body: new FakeMeiliError(400, "invalid_search_filter", e.message).body() };
      throw e;
    }
  }

  private authorize(auth: string | null, path: string) {
    if (!this.options.masterKey || path === "/health") return;
    const key = auth?.replace(/^Bearer /, "");
    if (!key) bad("missing_authorization_header", "The Authorization header is missing. It must use the bearer authorization method.", 401);
    if (key === this.options.masterKey) return;
    const actions = this.options.keys?.[key];
    if (!actions) bad("invalid_api_key", "The provided API key is invalid.", 403);
    if (actions.includes("*")) return;
    if (actions.includes("search") && /^\/indexes\/[^/]+\/search$/.test(path)) return;
    bad("invalid_api_key", "The provided API key is invalid.", 403);
  }

  private route(method: string, url: URL, body: unknown): { status: number; body: unknown } {
    const p = url.pathname.replace(/\/+$/, "");
    if (p === "/health" && method === "GET") return { status: 200, body: { status: "available" } };
    if (p === "/version" && method === "GET") {
      return { status: 200, body: { commitSha: "fake", commitDate: "2026-01-01T00:00:00Z", pkgVersion: this.options.version } };
    }
    let m: RegExpMatchArray | null;
    if ((m = p.match(/^\/tasks\/(\d+)$/)) && method === "GET") {
      const t = this.tasks[Number(m[1])];
      if (!t) bad("task_not_found", `Task \`${m[1]}\` not found.`, 404);
      return { status: 200, body: this.taskView(t) };
    }
    if (p === "/indexes" && method === "POST") {
      const b = this.object(body, ["uid", "primaryKey"]);
      const uid = this.uidOf(b.uid);
      return this.enqueue("indexCreation", uid, { primaryKey: b.primaryKey ?? null }, () => {
        if (this.indexes.has(uid)) bad("index_already_exists", `Index \`${uid}\` already exists.`);
        this.create(uid, (b.primaryKey as string | undefined) ?? null);
        return { primaryKey: b.primaryKey ?? null };
      });
    }
    if (p === "/swap-indexes" && method === "POST") return this.swap(body);
    if ((m = p.match(/^\/indexes\/([^/]+)$/))) {
      const uid = decodeURIComponent(m[1]);
      if (method === "GET") {
        const idx = this.existing(uid);
        return { status: 200, body: { uid, primaryKey: idx.primaryKey, createdAt: idx.createdAt, updatedAt: idx.updatedAt } };
      }
      if (method === "DELETE") {
        return this.enqueue("indexDeletion", uid, { deletedDocuments: 0 }, () => {
          const idx = this.existing(uid);
          this.indexes.delete(uid);
          return { deletedDocuments: idx.docs.size };
        });
      }
    }
    if ((m = p.match(/^\/indexes\/([^/]+)\/(.+)$/))) {
      const uid = decodeURIComponent(m[1]);
      const rest = m[2];
      if (rest === "settings" && method === "GET") return { status: 200, body: structuredClone(this.existing(uid).settings) };
      if (rest === "settings" && method === "PATCH") {
        const patch = this.validateSettings(body);
        return this.enqueue("settingsUpdate", uid, patch, () => {
          const idx = this.indexes.get(uid) ?? this.create(uid, null);
          this.applySettings(idx, patch);
        });
      }
      if (rest === "stats" && method === "GET") {
        const idx = this.existing(uid);
        const fieldDistribution: Record<string, number> = {};
        for (const d of idx.docs.values()) for (const k of Object.keys(d)) fieldDistribution[k] = (fieldDistribution[k] ?? 0) + 1;
        return { status: 200, body: { numberOfDocuments: idx.docs.size, isIndexing: this.tasks.some((t) => t.indexUid === uid && t.status !== "succeeded" && t.status !== "failed"), fieldDistribution } };
      }
      if (rest === "documents" && (method === "POST" || method === "PUT")) {
        if (!Array.isArray(body)) bad("malformed_payload", "The `json` payload provided is malformed. `Couldn't serialize document value: invalid type: map, expected a sequence`.");
        const docs = body as Doc[];
        const pk = url.searchParams.get("primaryKey");
        return this.enqueue("documentAdditionOrUpdate", uid, { receivedDocuments: docs.length, indexedDocuments: null }, () => {
          const idx = this.indexes.get(uid) ?? this.create(uid, pk);
          if (pk && idx.primaryKey && pk !== idx.primaryKey) bad("index_primary_key_already_exists", `Index \`${uid}\`: Index already has a primary key: \`${idx.primaryKey}\`.`);
          idx.primaryKey ??= pk ?? "id";
          const key = idx.primaryKey;
          for (const d of docs) {
            const id = d[key];
            if (id === undefined) bad("missing_document_id", `Document doesn't have a \`${key}\` attribute: \`${JSON.stringify(d)}\`.`);
            if (!(typeof id === "number" || (typeof id === "string" && /^[A-Za-z0-9_-]{1,511}$/.test(id)))) {
              bad("invalid_document_id", `Document identifier \`${JSON.stringify(id)}\` is invalid. A document identifier can be of type integer or string, only composed of alphanumeric characters (a-z A-Z 0-9), hyphens (-) and underscores (_), and can not be more than 511 bytes.`);
            }
          }
          for (const d of docs) {
            const id = String(d[key]);
            idx.docs.set(id, method === "PUT" ? { ...(idx.docs.get(id) ?? {}), ...structuredClone(d) } : structuredClone(d));
          }
          idx.updatedAt = now();
          return { receivedDocuments: docs.length, indexedDocuments: docs.length };
        });
      }
      if (rest === "documents" && method === "DELETE") {
        return this.enqueue("documentDeletion", uid, { providedIds: 0, deletedDocuments: null, originalFilter: null }, () => {
          const idx = this.existing(uid);
          const n = idx.docs.size;
          idx.docs.clear();
          return { providedIds: 0, deletedDocuments: n, originalFilter: null };
        });
      }
      if (rest === "documents/delete-batch" && method === "POST") {
        if (!Array.isArray(body)) bad("bad_request", "Json deserialize error: invalid type: map, expected a sequence");
        const ids = (body as unknown[]).map(String);
        return this.enqueue("documentDeletion", uid, { providedIds: ids.length, deletedDocuments: null, originalFilter: null }, () => {
          const idx = this.existing(uid);
          let n = 0;
          for (const id of ids) if (idx.docs.delete(id)) n++;
          return { providedIds: ids.length, deletedDocuments: n, originalFilter: null };
        });
      }
      if ((m = rest.match(/^documents\/([^/]+)$/)) && method === "GET") {
        const d = this.existing(uid).docs.get(decodeURIComponent(m[1]));
        if (!d) bad("document_not_found", `Document \`${m[1]}\` not found.`, 404);
        return { status: 200, body: d };
      }
      if (rest === "search" && method === "POST") return { status: 200, body: this.search(uid, this.object(body ?? {}, SEARCH_FIELDS)) };
    }
    bad("not_found", "Not found", 404);
  }

  private object(body: unknown, allowed: string[]): Record<string, unknown> {
    if (typeof body !== "object" || body === null || Array.isArray(body)) bad("bad_request", "Json deserialize error: expected an object");
    for (const k of Object.keys(body)) {
      if (!allowed.includes(k)) bad("bad_request", `Unknown field \`${k}\`: expected one of ${allowed.map((a) => `\`${a}\``).join(", ")}`);
    }
    return body as Record<string, unknown>;
  }

  private uidOf(uid: unknown): string {
    if (typeof uid !== "string" || !/^[A-Za-z0-9_-]{1,400}$/.test(uid)) {
      bad("invalid_index_uid", `\`${String(uid)}\` is not a valid index uid. Index uid can be an integer or a string containing only alphanumeric characters, hyphens (-) and underscores (_), and can not be more than 512 bytes.`);
    }
    return uid;
  }

  private existing(uid: string): Index {
    const idx = this.indexes.get(uid);
    if (!idx) bad("index_not_found", `Index \`${uid}\` not found.`, 404);
    return idx;
  }

  private create(uid: string, primaryKey: string | null): Index {
    const idx: Index = { uid, primaryKey, createdAt: now(), updatedAt: now(), settings: DEFAULT_SETTINGS(), docs: new Map(), tokenizer: new Charabia(), tokenCache: new WeakMap() };
    this.indexes.set(uid, idx);
    return idx;
  }

  // -------------------------------------------------------------------------------------------- tasks
  private enqueue(type: string, indexUid: string | null, details: Record<string, unknown>, run: Task["run"]): { status: number; body: unknown } {
    const t: Task = {
      uid: this.tasks.length, batchUid: null, indexUid, status: "enqueued", type, canceledBy: null, details, error: null,
      duration: null, enqueuedAt: now(), startedAt: null, finishedAt: null, run,
    };
    this.tasks.push(t);
    this.schedule();
    return { status: 202, body: { taskUid: t.uid, indexUid, status: "enqueued", type, enqueuedAt: t.enqueuedAt } };
  }

  private schedule() {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const next = this.tasks.find((t) => t.status === "enqueued");
      if (!next) return;
      next.status = "processing";
      next.startedAt = now();
      next.batchUid = this.batch++;
      try {
        const d = next.run();
        if (d) next.details = d;
        next.status = "succeeded";
      } catch (e) {
        if (!(e instanceof FakeMeiliError)) throw e;
        next.status = "failed";
        next.error = e.body();
      }
      next.finishedAt = now();
      next.duration = "PT0.001S";
      if (this.tasks.some((t) => t.status === "enqueued")) this.schedule();
    }, this.options.taskDelayMs);
  }

  private taskView(t: Task) {
    const { run, ...view } = t;
    void run;
    return structuredClone(view);
  }

  private swap(body: unknown) {
    if (!Array.isArray(body)) bad("bad_request", "Json deserialize error: expected a sequence");
    const allowed = versionAtLeast(this.options.version, [1, 18]) ? ["indexes", "rename"] : ["indexes"];
    const pairs = body.map((b) => this.object(b, allowed)) as { indexes: [string, string]; rename?: boolean }[];
    for (const p of pairs) {
      if (!Array.isArray(p.indexes) || p.indexes.length !== 2) bad("invalid_swap_indexes", "Two indexes must be given for each swap. The list `[...]` contains 1 indexes.");
    }
    return this.enqueue("indexSwap", null, { swaps: pairs }, () => {
      for (const { indexes: [a, b], rename } of pairs) {
        const ia = this.indexes.get(a);
        const ib = this.indexes.get(b);
        if (rename) {
          if (!ia) bad("index_not_found", `Index \`${a}\` not found.`, 404);
          if (ib) bad("index_already_exists", `Index \`${b}\` already exists.`);
          this.indexes.delete(a);
          ia.uid = b;
          this.indexes.set(b, ia);
        } else {
          const missing = [a, b].filter((u) => !this.indexes.has(u));
          if (missing.length) bad("index_not_found", missing.length === 1 ? `Index \`${missing[0]}\` not found.` : `Indexes ${missing.map((u) => `\`${u}\``).join(", ")} not found.`, 404);
          ia!.uid = b;
          ib!.uid = a;
          this.indexes.set(a, ib!);
          this.indexes.set(b, ia!);
        }
      }
    });
  }

  // -------------------------------------------------------------------------------------------- settings
  private validateSettings(body: unknown): Partial<FakeSettings> {
    const b = this.object(body, SETTINGS_FIELDS) as Partial<FakeSettings>;
    if (b.typoTolerance) this.object(b.typoTolerance, ["enabled", "minWordSizeForTypos", "disableOnWords", "disableOnAttributes", "disableOnNumbers"]);
    if (b.faceting) this.object(b.faceting, ["maxValuesPerFacet", "sortFacetValuesBy"]);
    if (b.pagination) this.object(b.pagination, ["maxTotalHits"]);
    if (b.rankingRules) {
      for (const r of b.rankingRules) {
        if (!/^(words|typo|proximity|attribute|sort|exactness|attributeRank|wordPosition|[A-Za-z0-9_.]+:(asc|desc))$/.test(r)) {
          bad("invalid_settings_ranking_rules", `\`${r}\` ranking rule is invalid. Valid ranking rules are words, typo, sort, proximity, attribute, exactness and custom ranking rules.`);
        }
      }
    }
    return b;
  }

  private applySettings(idx: Index, patch: Partial<FakeSettings>) {
    const s = idx.settings;
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) (s as unknown as Record<string, unknown>)[k] = (DEFAULT_SETTINGS() as unknown as Record<string, unknown>)[k];
      else if (k === "typoTolerance") s.typoTolerance = { ...s.typoTolerance, ...(v as object), minWordSizeForTypos: { ...s.typoTolerance.minWordSizeForTypos, ...((v as FakeSettings["typoTolerance"]).minWordSizeForTypos ?? {}) } };
      else if (k === "faceting") s.faceting = { ...s.faceting, ...(v as object) };
      else if (k === "pagination") s.pagination = { ...s.pagination, ...(v as object) };
      else (s as unknown as Record<string, unknown>)[k] = structuredClone(v);
    }
    idx.tokenizer = new Charabia(s.dictionary);
    idx.synonymCache = undefined;
    idx.tokenCache = new WeakMap();
    idx.updatedAt = now();
  }

  // -------------------------------------------------------------------------------------------- search
  private searchable(idx: Index, doc: Doc): AttrTokens[] {
    const cached = idx.tokenCache.get(doc);
    if (cached) return cached;
    const attrs = idx.settings.searchableAttributes.includes("*") ? Object.keys(doc) : idx.settings.searchableAttributes;
    const out: AttrTokens[] = [];
    attrs.forEach((attr, rank) => {
      const v = doc[attr];
      const texts = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
      const tokens: Token[] = [];
      for (const t of texts) if (typeof t === "string" || typeof t === "number") tokens.push(...idx.tokenizer.tokenize(String(t)));
      out.push({ attr, rank, tokens });
    });
    idx.tokenCache.set(doc, out);
    return out;
  }

  /** Synonym keys and values as token lists joined by a space (milli normalises them with the index's tokenizer). */
  private synonymMap(idx: Index): Map<string, string[][]> {
    if (idx.synonymCache) return idx.synonymCache;
    const map = new Map<string, string[][]>();
    for (const [k, values] of Object.entries(idx.settings.synonyms)) {
      const key = idx.tokenizer.tokenize(k).map((t) => t.word);
      if (key.length === 0 || key.length > 3) continue;
      const list = map.get(key.join(" ")) ?? [];
      for (const v of values) {
        const words = idx.tokenizer.tokenize(v).map((t) => t.word);
        if (words.length) list.push(words);
      }
      map.set(key.join(" "), list);
    }
    idx.synonymCache = map;
    return map;
  }

  private allowedTypos(idx: Index, word: string): number {
    const t = idx.settings.typoTolerance;
    if (!t.enabled || t.disableOnWords.includes(word)) return 0;
    if (t.disableOnNumbers && /^\d+$/.test(word)) return 0;
    const n = [...word].length;
    return n >= t.minWordSizeForTypos.twoTypos ? 2 : n >= t.minWordSizeForTypos.oneTypo ? 1 : 0;
  }

  /** Typos needed for `token` to match `alt` (a single word), or -1. */
  private wordTypos(idx: Index, alt: Alternative, token: string, attr: string): { typos: number; exact: boolean } | null {
    const q = alt.words[0];
    if (token === q) return { typos: 0, exact: true };
    if (alt.synonym) return null;
    if (alt.prefix && token.startsWith(q)) return { typos: 0, exact: false };
    if (!alt.typos || idx.settings.typoTolerance.disableOnAttributes.includes(attr)) return null;
    const budget = this.allowedTypos(idx, q);
    if (budget === 0) return null;
    const qc = [...q];
    const tc = [...token];
    const candidates = alt.prefix ? Array.from({ length: 2 * budget + 1 }, (_, i) => tc.slice(0, qc.length - budget + i)).filter((c) => c.length > 0) : [tc];
    let best = Infinity;
    for (const c of candidates) {
      // a typo on the first letter counts as two (milli `typo` ranking and the query-term builder)
      const d = damerau(qc, c) + (c[0] !== qc[0] ? 1 : 0);
      best = Math.min(best, d);
    }
    return best <= budget ? { typos: best, exact: false } : null;
  }

  private matchAlternative(idx: Index, alt: Alternative, attrs: AttrTokens[]): WordMatch | null {
    let best = null as WordMatch | null;
    for (const a of attrs) {
      for (let i = 0; i < a.tokens.length; i++) {
        let typos = 0;
        let exact = true;
        let ok = true;
        if (alt.words.length === 1) {
          const r = this.wordTypos(idx, alt, a.tokens[i].word, a.attr);
          if (!r) ok = false;
          else ({ typos, exact } = r);
        } else {
          for (let k = 0; k < alt.words.length; k++) if (a.tokens[i + k]?.word !== alt.words[k]) ok = false;
        }
        if (!ok) continue;
        const pos = { attr: a.attr, token: i, len: alt.words.length };
        const prev: WordMatch | null = best;
        if (!prev || typos < prev.typos || (typos === prev.typos && a.rank < prev.rank)) best = { typos, rank: a.rank, exact, positions: [pos, ...(prev?.positions ?? [])] };
        else prev.positions.push(pos);
      }
    }
    return best;
  }

  private queryAlternatives(idx: Index, words: string[], lastIsPrefix: boolean): Alternative[][][] {
    // alternatives[i][len-1]: ways to match query words i..i+len-1
    const synonyms = this.synonymMap(idx);
    return words.map((_, i) => {
      const byLen: Alternative[][] = [];
      for (let len = 1; len <= 3 && i + len <= words.length; len++) {
        const gram = words.slice(i, i + len);
        const prefix = lastIsPrefix && i + len === words.length;
        const alts: Alternative[] = [];
        if (len === 1) alts.push({ words: [gram[0]], prefix, typos: true, synonym: false });
        else alts.push({ words: [gram.join("")], prefix, typos: true, synonym: false });
        for (const syn of synonyms.get(gram.join(" ")) ?? []) alts.push({ words: syn, prefix: false, typos: false, synonym: true });
        byLen.push(alts);
      }
      return byLen;
    });
  }

  private search(uid: string, b: Record<string, unknown>) {
    const started = Date.now();
    const idx = this.existing(uid);
    const s = idx.settings;
    const q = typeof b.q === "string" ? b.q : "";
    const filterable = new Set(s.filterableAttributes);
    const filter = parseFilter(b.filter);
    for (const field of filterFields(filter)) {
      if (!filterable.has(field)) {
        const list = s.filterableAttributes.map((a) => `\`${a}\``).join(", ");
        const shown = typeof b.filter === "string" ? b.filter : JSON.stringify(b.filter);
        if (field === "_geo") bad("invalid_search_filter", `Index \`${uid}\`: The \`_geo\` field in the document with the id: \`0\` is not filterable. Available filterable attribute patterns are: ${list}.`);
        bad("invalid_search_filter", `Index \`${uid}\`: Attribute \`${field}\` is not filterable. Available filterable attribute patterns are: ${list}.\n1:${field.length + 1} ${shown}`);
      }
    }
    const facets = (b.facets as string[] | undefined) ?? [];
    for (const f of facets) {
      if (!filterable.has(f)) bad("invalid_search_facets", `Index \`${uid}\`: Invalid facet distribution: Attribute \`${f}\` is not filterable. The available filterable attribute patterns are: ${s.filterableAttributes.map((a) => `\`${a}\``).join(", ")}.`);
    }
    const sortable = new Set(s.sortableAttributes);
    const sorts = ((b.sort as string[] | undefined) ?? []).map((raw) => {
      const geo = raw.match(/^_geoPoint\(\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*\)\s*:\s*(asc|desc)$/);
      if (geo) {
        if (!sortable.has("_geo")) bad("invalid_search_sort", `Index \`${uid}\`: Attribute \`_geo\` is not sortable. Available sortable attributes are: ${s.sortableAttributes.map((a) => `\`${a}\``).join(", ")}.`);
        return { geo: { lat: Number(geo[1]), lng: Number(geo[2]) }, field: "_geo", desc: geo[3] === "desc" };
      }
      const m = raw.match(/^([A-Za-z0-9_.]+):(asc|desc)$/);
      if (!m) bad("invalid_search_sort", `Invalid syntax for the sort parameter: expected expression ending by \`:asc\` or \`:desc\`, found \`${raw}\`.`);
      if (!sortable.has(m[1])) bad("invalid_search_sort", `Index \`${uid}\`: Attribute \`${m[1]}\` is not sortable. Available sortable attributes are: ${s.sortableAttributes.map((a) => `\`${a}\``).join(", ")}.`);
      return { field: m[1], desc: m[2] === "desc", geo: undefined as { lat: number; lng: number } | undefined };
    });
    const strategy = (b.matchingStrategy as string | undefined) ?? "last";
    const queryTokens = idx.tokenizer.tokenize(q);
    const words = queryTokens.map((t) => t.word).filter((w) => !s.stopWords.includes(w)).slice(0, 10);
    const lastIsPrefix = q.length > 0 && !/\s$/.test(q);
    const alternatives = this.queryAlternatives(idx, words, lastIsPrefix);

    type Cand = { doc: Doc; order: number; matched: number; typos: number; rank: number; exact: number; positions: WordMatch["positions"]; distance?: number };
    const cands: Cand[] = [];
    let order = 0;
    for (const doc of idx.docs.values()) {
      order++;
      if (filter && !evaluate(filter, doc)) continue;
      if (words.length === 0) {
        cands.push({ doc, order, matched: 0, typos: 0, rank: 0, exact: 0, positions: [] });
        continue;
      }
      const attrs = this.searchable(idx, doc);
      // best cover of query words 0..k-1 for every k, by ngrams of 1 to 3 words
      const cover: ({ typos: number; rank: number; exact: number; positions: WordMatch["positions"] } | null)[] = [{ typos: 0, rank: 0, exact: 0, positions: [] }];
      const wordMatched = new Array<boolean>(words.length).fill(false);
      for (let end = 1; end <= words.length; end++) {
        cover[end] = null;
        for (let len = 1; len <= 3 && end - len >= 0; len++) {
          const prev = cover[end - len];
          const alts = alternatives[end - len][len - 1];
          let best = null as WordMatch | null;
          for (const alt of alts) {
            const m = this.matchAlternative(idx, alt, attrs);
            if (m && (!best || m.typos < best.typos)) best = m;
          }
          if (best) for (let k = end - len; k < end; k++) wordMatched[k] = true;
          if (!prev || !best) continue;
          const c = { typos: prev.typos + best.typos, rank: prev.rank + best.rank, exact: prev.exact + (best.exact ? len : 0), positions: [...prev.positions, ...best.positions] };
          if (!cover[end] || c.typos < cover[end]!.typos) cover[end] = c;
        }
      }
      let matched = 0;
      let detail = cover[0]!;
      if (strategy === "all") {
        if (cover[words.length]) {
          matched = words.length;
          detail = cover[words.length]!;
        }
      } else if (strategy === "frequency") {
        matched = wordMatched.filter(Boolean).length;
      } else {
        for (let k = words.length; k >= 1; k--) {
          if (cover[k]) {
            matched = k;
            detail = cover[k]!;
            break;
          }
        }
      }
      if (matched === 0) continue;
      cands.push({ doc, order, matched, typos: detail.typos, rank: detail.rank, exact: detail.exact, positions: detail.positions });
    }
    for (const c of cands) {
      const geoSort = sorts.find((x) => x.geo);
      const g = c.doc._geo as { lat: number; lng: number } | undefined;
      if (geoSort?.geo && g) c.distance = Math.round(haversine(geoSort.geo.lat, geoSort.geo.lng, Number(g.lat), Number(g.lng)));
    }
    const compareSort = (a: Cand, b2: Cand): number => {
      for (const so of sorts) {
        const va = so.geo ? a.distance : a.doc[so.field];
        const vb = so.geo ? b2.distance : b2.doc[so.field];
        const na = typeof va === "number" || typeof va === "string";
        const nb = typeof vb === "number" || typeof vb === "string";
        // documents without a sortable value come last, whatever the direction
        if (!na && !nb) continue;
        if (!na) return 1;
        if (!nb) return -1;
        if (va === vb) continue;
        const cmp = (va as number | string) < (vb as number | string) ? -1 : 1;
        return so.desc ? -cmp : cmp;
      }
      return 0;
    };
    const rules = s.rankingRules;
    cands.sort((a, b2) => {
      for (const r of rules) {
        let d = 0;
        if (r === "words") d = b2.matched - a.matched;
        else if (r === "sort") d = compareSort(a, b2);
        else if (r === "typo") d = a.typos - b2.typos;
        else if (r === "attribute") d = a.rank - b2.rank;
        else if (r === "exactness") d = b2.exact - a.exact;
        if (d !== 0) return d;
      }
      return a.order - b2.order;
    });

    const total = Math.min(cands.length, s.pagination.maxTotalHits);
    const paged = b.page !== undefined || b.hitsPerPage !== undefined;
    const hitsPerPage = (b.hitsPerPage as number | undefined) ?? 20;
    const page = (b.page as number | undefined) ?? 1;
    const offset = paged ? (page - 1) * hitsPerPage : ((b.offset as number | undefined) ?? 0);
    const limit = paged ? hitsPerPage : ((b.limit as number | undefined) ?? 20);
    const slice = cands.slice(0, total).slice(offset, offset + limit);

    const retrieve = (b.attributesToRetrieve as string[] | undefined) ?? ["*"];
    const displayed = s.displayedAttributes;
    const shows = (k: string) => (displayed.includes("*") || displayed.includes(k)) && (retrieve.includes("*") || retrieve.includes(k));
    const highlightAttrs = (b.attributesToHighlight as string[] | undefined) ?? [];
    const cropAttrs = (b.attributesToCrop as string[] | undefined) ?? [];
    const crop = { length: (b.cropLength as number | undefined) ?? 10, marker: (b.cropMarker as string | undefined) ?? "…" };
    const pre = (b.highlightPreTag as string | undefined) ?? "<em>";
    const post = (b.highlightPostTag as string | undefined) ?? "</em>";
    const hits = slice.map((c) => {
      const hit: Doc = {};
      for (const [k, v] of Object.entries(c.doc)) if (shows(k)) hit[k] = structuredClone(v);
      if (highlightAttrs.length > 0 || cropAttrs.length > 0) {
        const formatted: Doc = {};
        for (const [k, v] of Object.entries(hit)) {
          const on = highlightAttrs.includes("*") || highlightAttrs.includes(k);
          const cropped = cropAttrs.includes("*") || cropAttrs.includes(k);
          formatted[k] =
            on || cropped
              ? this.highlight(idx, v, words, alternatives, lastIsPrefix, on ? pre : "", on ? post : "", cropped ? crop : null)
              : typeof v === "number"
                ? String(v)
                : v;
        }
        hit._formatted = formatted;
      }
      if (c.distance !== undefined) hit._geoDistance = c.distance;
      if (b.showRankingScore) hit._rankingScore = words.length === 0 ? 1 : (c.matched / words.length) * (1 / (1 + c.typos)) * (1 / (1 + c.rank * 0.1));
      return hit;
    });
    const result: Record<string, unknown> = { hits, query: q, processingTimeMs: Date.now() - started };
    if (paged) Object.assign(result, { hitsPerPage, page, totalPages: Math.ceil(total / hitsPerPage), totalHits: total });
    else Object.assign(result, { limit, offset, estimatedTotalHits: total });
    if (b.facets !== undefined) {
      const distribution: Record<string, Record<string, number>> = {};
      for (const f of facets) {
        const counts = new Map<string, number>();
        for (const c of cands) {
          const v = c.doc[f];
          const values = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
          for (const x of new Set(values.map(String))) counts.set(x, (counts.get(x) ?? 0) + 1);
        }
        const by = s.faceting.sortFacetValuesBy[f] ?? s.faceting.sortFacetValuesBy["*"] ?? "alpha";
        const entries = [...counts].sort((x, y) => (by === "count" ? y[1] - x[1] || (x[0] < y[0] ? -1 : 1) : x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
        distribution[f] = Object.fromEntries(entries.slice(0, s.faceting.maxValuesPerFacet));
      }
      result.facetDistribution = distribution;
      result.facetStats = {};
    }
    return result;
  }

  /**
   * Marks matches between `pre` and `post`; with `crop`, keeps `crop.length` words around the first match (from the
   * start when nothing matches) and puts `crop.marker` where text was cut (milli `matches/mod.rs`, `crop_bounds`;
   * tests/search/formatted.rs: `"cropLength": 2` on "Harry Potter and the Half-Blood Prince" gives "…Half-Blood Prince").
   */
  private highlight(
    idx: Index,
    v: unknown,
    words: string[],
    alternatives: Alternative[][][],
    lastIsPrefix: boolean,
    pre: string,
    post: string,
    crop: { length: number; marker: string } | null = null,
  ): unknown {
    if (Array.isArray(v)) return v.map((x) => this.highlight(idx, x, words, alternatives, lastIsPrefix, pre, post, crop));
    if (typeof v === "number") return String(v);
    if (typeof v !== "string") return v;
    const tokens = idx.tokenizer.tokenize(v);
    const marks: { start: number; end: number }[] = [];
    const flat = alternatives.flat(2);
    for (let i = 0; i < tokens.length; i++) {
      for (const alt of flat) {
        if (alt.words.length === 1) {
          const r = this.wordTypos(idx, alt, tokens[i].word, "");
          if (r) {
            // a prefix match marks only the typed part
            const end = !r.exact && r.typos === 0 && alt.prefix ? tokens[i].start + alt.words[0].length : tokens[i].end;
            marks.push({ start: tokens[i].start, end: Math.min(end, tokens[i].end) });
            break;
          }
        } else if (alt.words.every((w, k) => tokens[i + k]?.word === w)) {
          marks.push({ start: tokens[i].start, end: tokens[i + alt.words.length - 1].end });
          break;
        }
      }
    }
    marks.sort((a, b) => a.start - b.start);
    let from = 0;
    let to = v.length;
    if (crop && tokens.length > crop.length) {
      const first = marks.length > 0 ? tokens.findIndex((t) => t.end > marks[0].start) : -1;
      const startToken = first < 0 ? 0 : Math.max(0, Math.min(first - Math.floor((crop.length - 1) / 2), tokens.length - crop.length));
      const endToken = startToken + crop.length - 1;
      from = startToken === 0 ? 0 : tokens[startToken].start;
      to = endToken >= tokens.length - 1 ? v.length : tokens[endToken].end;
    }
    let out = from > 0 ? crop!.marker : "";
    let at = from;
    for (const m of marks) {
      if (m.start < at || m.end > to) continue;
      out += v.slice(at, m.start) + pre + v.slice(m.start, m.end) + post;
      at = m.end;
    }
    return out + v.slice(at, to) + (to < v.length ? crop!.marker : "");
  }
}
