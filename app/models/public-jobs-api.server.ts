// The public JSON API, `GET /api/jobs`: published, live jobs from the search engine alone, readable from any
// origin. server/public-jobs-api.ts serves it from Express.
import type { SearchEngine } from "../../search/engine";
import type { JobDocument } from "../../search/indexes";
import { JOB_FACETS, jobSearchToParams, jobSearchToQuery, parseJobSearch, SEARCH_PAGE_SIZE, unexpiredJobFilter, type JobSearch } from "../../search/query-params";
import { MemoryRateLimiter } from "../utils/memory-rate-limit.server";

export interface ApiJobHit {
  id: string;
  external_id: string | null;
  title: string;
  organization: string;
  region_code: string;
  region_name: string;
  salary_min: number | null;
  salary_max: number | null;
  job_type: string;
  /** ISO 8601. */
  published_at: string;
  /** The job's page on this site. */
  url: string;
}

export interface ApiJobSearchResult {
  hits: ApiJobHit[];
  total: number;
  page: number;
  hits_per_page: number;
  facets: Record<string, Record<string, number>>;
  /** Query words none of these hits matched (left out to find anything); present only when there are some. */
  dropped_words?: string[];
}

/**
 * `GET /api/jobs`: published, unexpired jobs, from the search engine alone — no database round trip, so the API
 * scales with the engine. The index holds only published postings; expiry is filtered on the document's
 * `expires_at`. A posting closed a moment ago stays listed until the search outbox drains (seconds), which an
 * anonymous read API can afford; the job's own page checks the database. Facets are the engine's counts for the
 * whole result.
 */
export async function searchPublicJobs(
  search: SearchEngine,
  s: JobSearch,
  options: { publicUrl: string; now?: Date },
): Promise<ApiJobSearchResult> {
  const result = await search.search("jobs", jobSearchToQuery(s, { facets: JOB_FACETS, extraFilter: [unexpiredJobFilter(options.now)] }));
  const base = options.publicUrl.replace(/\/+$/, "");
  return {
    hits: result.hits.map((hit) => {
      const d = hit.document as JobDocument;
      return {
        id: d.id,
        external_id: d.external_id,
        title: d.title,
        organization: d.organization,
        region_code: d.region_code,
        region_name: d.region_name,
        salary_min: d.salary_min,
        salary_max: d.salary_max,
        job_type: d.job_type,
        published_at: new Date(d.published_at).toISOString(),
        url: `${base}/jobs/${d.id}`,
      };
    }),
    total: result.total,
    page: s.page,
    hits_per_page: SEARCH_PAGE_SIZE,
    facets: result.facets,
    ...(result.droppedWords?.length ? { dropped_words: result.droppedWords } : {}),
  };
}

// ------------------------------------------------------------------ the public JSON API over HTTP

export const API_CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "Accept, Content-Type",
  "Access-Control-Max-Age": "86400",
};

/**
 * 120 requests a minute per address, counted in this process's memory (see memory-rate-limit.server.ts for why an
 * approximate per-server count is right for an anonymous read API): a request makes no database round trip.
 */
export const publicJobsApiRateLimit = new MemoryRateLimiter({ limit: 120, windowSeconds: 60 });

/** An HTTP answer as plain data; server/public-jobs-api.ts sends it with Express. */
export interface PublicApiReply {
  status: number;
  headers: Record<string, string>;
  /** Sent as JSON; null: no body (the preflight). */
  body: unknown;
}

/**
 * The whole of `/api/jobs` — CORS, rate limit, parameters, search — as plain data. server.ts serves it from Express
 * ahead of Remix (the Remix request/response round trip cost more than the search; ADR 006).
 */
/**
 * Answers of /api/jobs for a short while (API_CACHE_MS, default 2 s), per process, by canonical parameters: a
 * popular search asked hundreds of times a second is searched once per interval. The responses already allow
 * 60 s of caching to anyone; this keeps 2 s, and expiry is checked per search, so nothing older is served.
 */
export class ApiAnswerCache {
  private readonly entries = new Map<string, { at: number; body: ApiJobSearchResult }>();
  constructor(private readonly max = 1000) {}

  async get(key: string, ttlMs: number, make: () => Promise<ApiJobSearchResult>, now = Date.now()): Promise<ApiJobSearchResult> {
    if (ttlMs <= 0) return make();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < ttlMs) return hit.body;
    const body = await make();
    if (this.entries.size >= this.max) {
      for (const [k, v] of this.entries) if (now - v.at >= ttlMs) this.entries.delete(k);
      if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(key, { at: now, body });
    return body;
  }
}
/** One cache per search engine (a process has one; tests make several). */
const apiAnswers = new WeakMap<SearchEngine, ApiAnswerCache>();

export async function publicJobsApi(
  services: {
    search: SearchEngine;
    config: { PUBLIC_URL: string; RATE_LIMIT_DISABLED: string; API_CACHE_MS?: number };
    /** The in-process index's change cursor: a cached answer never outlives a change the index has applied. */
    searchFollow?: () => { cursor: number };
  },
  request: { method: string; searchParams: URLSearchParams; clientIp: string },
  limiter: MemoryRateLimiter = publicJobsApiRateLimit,
): Promise<PublicApiReply> {
  const method = request.method.toUpperCase();
  if (method === "OPTIONS") return { status: 204, headers: API_CORS_HEADERS, body: null };
  if (method !== "GET" && method !== "HEAD") {
    return {
      status: 405,
      headers: { ...API_CORS_HEADERS, Allow: "GET, HEAD, OPTIONS" },
      body: { error: "method_not_allowed", message: `${request.method} is not supported; use GET.` },
    };
  }
  if (services.config.RATE_LIMIT_DISABLED !== "true") {
    const decision = limiter.consume(request.clientIp);
    if (!decision.ok) {
      return {
        status: 429,
        headers: { ...API_CORS_HEADERS, "Retry-After": String(decision.retryAfterSeconds) },
        body: { error: "rate_limited", message: `Too many requests; try again in ${decision.retryAfterSeconds} seconds.` },
      };
    }
  }
  const parsed = parseJobSearch(request.searchParams);
  if (!parsed.ok) {
    return {
      status: 400,
      headers: API_CORS_HEADERS,
      body: { error: "bad_request", message: parsed.issues.map((i) => i.message).join("; "), issues: parsed.issues },
    };
  }
  const key = `${services.searchFollow?.().cursor ?? ""}|${jobSearchToParams(parsed.value).toString()}`;
  let cache = apiAnswers.get(services.search);
  if (!cache) apiAnswers.set(services.search, (cache = new ApiAnswerCache()));
  const result = await cache.get(key, services.config.API_CACHE_MS ?? 0, () =>
    searchPublicJobs(services.search, parsed.value, { publicUrl: services.config.PUBLIC_URL }),
  );
  return { status: 200, headers: { ...API_CORS_HEADERS, "Cache-Control": "public, max-age=60" }, body: result };
}
