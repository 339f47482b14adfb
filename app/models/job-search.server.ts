// Job and training search for the public pages and the public JSON API, on the search engine (`context.search`).
// The index holds only live published records; each page of hits is still checked against the database, so a
// job closed a moment ago (its outbox row not yet drained) is never shown.
import { and, eq, gt, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jobPostings, regions, trainingSlots } from "../../db/schema";
import type { FilterClause, SearchEngine, SearchHit } from "../../search/engine";
import type { JobDocument, TrainingSlotDocument } from "../../search/indexes";
import {
  activeJobFilters,
  JOB_FACETS,
  jobSearchToQuery,
  MAX_SEARCH_PAGE,
  parseJobSearch,
  SEARCH_PAGE_SIZE,
  TRAINING_FACETS,
  trainingSearchToQuery,
  type JobSearch,
  type TrainingSearch,
} from "../../search/query-params";
import { synonymGroups, taxonomy } from "../../search/taxonomy";
import { MemoryRateLimiter } from "../utils/memory-rate-limit.server";
import { regionChain, type RegionOption } from "./region.server";

export {
  parseJobSearch,
  parseJobSearchLenient,
  parseTrainingSearchLenient,
  toSavedQuery,
  type JobSearch,
  type TrainingSearch,
} from "../../search/query-params";
import { regionNameEn, regionPathEn } from "../../db/region-names";

// ------------------------------------------------------------------ highlights

/** A piece of highlighted text: `mark` pieces matched the query. Plain data, rendered as React nodes. */
export interface TextSegment {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
const unescapeHtml = (s: string) => s.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);

/**
 * The engine's highlight (HTML-escaped text with <mark>…</mark>) as segments. Only <mark> is understood; any
 * other markup stays literal text, so nothing from a document ever becomes HTML in the page.
 */
export function highlightSegments(html: string): TextSegment[] {
  const out: TextSegment[] = [];
  const re = /<mark>([\s\S]*?)<\/mark>/g;
  let pos = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m.index > pos) out.push({ text: unescapeHtml(html.slice(pos, m.index)), mark: false });
    if (m[1]) out.push({ text: unescapeHtml(m[1]), mark: true });
    pos = m.index + m[0].length;
  }
  if (pos < html.length) out.push({ text: unescapeHtml(html.slice(pos)), mark: false });
  return out;
}

/** A short excerpt (about `maxChars`) around the first match, with "…" where text was cut. */
export function cropSegments(segments: TextSegment[], maxChars = 80): TextSegment[] {
  const total = segments.reduce((n, s) => n + s.text.length, 0);
  if (total <= maxChars) return segments;
  const firstMark = segments.findIndex((s) => s.mark);
  let offset = 0;
  for (let i = 0; i < firstMark; i++) offset += segments[i].text.length;
  const start = Math.max(0, Math.min(offset - Math.floor(maxChars / 4), total - maxChars));
  const end = start + maxChars;
  const out: TextSegment[] = [];
  let at = 0;
  for (const s of segments) {
    const a = Math.max(start, at);
    const b = Math.min(end, at + s.text.length);
    if (a < b) out.push({ text: s.text.slice(a - at, b - at).replace(/\s+/g, " "), mark: s.mark });
    at += s.text.length;
  }
  if (start > 0) out.unshift({ text: "…", mark: false });
  if (end < total) out.push({ text: "…", mark: false });
  return out;
}

function textOrHighlight(hit: SearchHit, field: string, fallback: string): TextSegment[] {
  const h = hit.highlights?.[field];
  return h ? highlightSegments(h) : [{ text: fallback, mark: false }];
}

/** An excerpt of the description when the query matched in it (else null: the card shows no excerpt). */
function snippet(hit: SearchHit): TextSegment[] | null {
  const h = hit.highlights?.description;
  return h ? cropSegments(highlightSegments(h)) : null;
}

// ------------------------------------------------------------------ region facet tree

export interface RegionFacetNode {
  code: string;
  name: string;
  nameEn: string;
  count: number;
  selected: boolean;
  /** Children are listed when the node is on the selected path, or is the only node at its level. */
  expanded: boolean;
  children: RegionFacetNode[];
}

interface RegionRow {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
}

/** 市辖区 / 县 are placeholder levels of municipalities: their children hang from the province directly. */
const PLACEHOLDER = new Set(["市辖区", "县"]);

/**
 * Province → city → county counts from the `region_codes` facet (every document carries its ancestors' codes).
 * Towns are left out; placeholder levels are skipped.
 */
export function buildRegionTree(counts: Record<string, number>, rows: RegionRow[], selected?: string): RegionFacetNode[] {
  const byCode = new Map(rows.filter((r) => r.level <= 3 && counts[r.code]).map((r) => [r.code, r]));
  const node = new Map<string, RegionFacetNode>();
  for (const r of byCode.values()) {
    if (PLACEHOLDER.has(r.name)) continue;
    node.set(r.code, { code: r.code, name: r.name, nameEn: regionNameEn(r.name), count: counts[r.code], selected: r.code === selected, expanded: false, children: [] });
  }
  const visibleParent = (r: RegionRow): string | null => {
    let p = r.parentCode;
    for (let guard = 0; p && guard < 4; guard++) {
      const pr = byCode.get(p);
      if (!pr) return null;
      if (!PLACEHOLDER.has(pr.name)) return p;
      p = pr.parentCode;
    }
    return null;
  };
  const roots: RegionFacetNode[] = [];
  for (const r of byCode.values()) {
    const n = node.get(r.code);
    if (!n) continue;
    const parent = r.level === 1 ? null : visibleParent(r);
    if (parent && node.has(parent)) node.get(parent)!.children.push(n);
    else if (r.level === 1) roots.push(n);
  }
  const order = (list: RegionFacetNode[]) => {
    list.sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
    for (const n of list) order(n.children);
  };
  order(roots);
  // Expand the selected path and lone regions always; others breadth-first, busiest first, while the tree stays
  // short enough to scan (a national result lists provinces, a county's lists its whole tree).
  const onPath = (n: RegionFacetNode): boolean =>
    !!selected && (n.code === selected || (n.code.length <= 6 && selected.startsWith(n.code.replace(/(00)+$/, ""))));
  let visible = roots.length;
  let level: RegionFacetNode[][] = [roots];
  while (level.length > 0) {
    const next: RegionFacetNode[][] = [];
    const candidates = level.flatMap((list) => list.map((n) => ({ n, lone: list.length === 1 })));
    candidates.sort((a, b) => b.n.count - a.n.count);
    for (const { n, lone } of candidates) {
      if (n.children.length === 0) continue;
      if (onPath(n) || lone || visible + n.children.length <= REGION_TREE_BUDGET) {
        n.expanded = true;
        visible += n.children.length;
        next.push(n.children);
      }
    }
    level = next;
  }
  return roots;
}

/** About how many regions the facet lists before it stops unfolding levels. */
const REGION_TREE_BUDGET = 40;

async function regionRowsFor(db: Db, codes: string[]): Promise<RegionRow[]> {
  const six = codes.filter((c) => /^\d{6}$/.test(c));
  if (six.length === 0) return [];
  return db
    .select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode })
    .from(regions)
    .where(inArray(regions.code, six));
}

/** The selected region's chain (province … region), placeholder levels left out. */
async function selectedChain(db: Db, code: string | undefined): Promise<RegionOption[]> {
  if (!code) return [];
  return (await regionChain(db, code)).filter((r) => !PLACEHOLDER.has(r.name));
}

/**
 * Region paths for documents indexed without one (a posting placed in a town, whose name the index's region
 * table did not hold): "江苏省 苏州市 张家港市" from the document's county and its ancestors.
 */
async function missingRegionNames(db: Db, docs: { region_name: string; region_code: string }[]): Promise<Map<string, string>> {
  const wanted = [...new Set(docs.filter((d) => !d.region_name && d.region_code).map((d) => d.region_code))];
  const out = new Map<string, string>();
  if (wanted.length === 0) return out;
  const ancestors = (code: string) => {
    const six = code.slice(0, 6);
    return [...new Set([`${six.slice(0, 2)}0000`, `${six.slice(0, 4)}00`, six, code])];
  };
  const rows = await db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(inArray(regions.code, [...new Set(wanted.flatMap(ancestors))]));
  const name = new Map(rows.map((r) => [r.code, r.name]));
  for (const code of wanted) {
    const path = ancestors(code)
      .map((c) => name.get(c))
      .filter((n): n is string => !!n && !PLACEHOLDER.has(n));
    out.set(code, path.join(" "));
  }
  return out;
}

// ------------------------------------------------------------------ related terms

let groupsCache: string[][] | undefined;

/** Other words for the query from the skills taxonomy's synonym groups (for the empty state). */
export function relatedTerms(q: string | undefined, limit = 8): string[] {
  const qn = (q ?? "").normalize("NFKC").trim().toLowerCase();
  if (qn.length === 0) return [];
  groupsCache ??= synonymGroups();
  const exact = groupsCache.filter((g) => g.includes(qn));
  const groups =
    exact.length > 0
      ? exact
      : groupsCache.filter((g) => g.some((t) => t.length >= 2 && (qn.includes(t) || (qn.length >= 2 && t.includes(qn)))));
  const out: string[] = [];
  for (const g of groups) for (const t of g) if (t !== qn && !out.includes(t) && !qn.includes(t)) out.push(t);
  return out.slice(0, limit);
}

// ------------------------------------------------------------------ live checks

async function liveJobIds(db: Db, ids: string[], now: Date): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: jobPostings.id })
    .from(jobPostings)
    .where(and(inArray(jobPostings.id, ids), eq(jobPostings.status, "published"), or(isNull(jobPostings.expiresAt), gt(jobPostings.expiresAt, now))));
  return new Set(rows.map((r) => r.id));
}

async function liveTrainingIds(db: Db, ids: string[], now: Date): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: trainingSlots.id })
    .from(trainingSlots)
    .where(and(inArray(trainingSlots.id, ids), eq(trainingSlots.status, "published"), gt(trainingSlots.endsAt, now)));
  return new Set(rows.map((r) => r.id));
}

const pageCountOf = (total: number) => Math.min(MAX_SEARCH_PAGE, Math.ceil(total / SEARCH_PAGE_SIZE));

// ------------------------------------------------------------------ the job search page

export interface JobHitView {
  id: string;
  title: TextSegment[];
  organization: TextSegment[];
  organizationVerified: boolean;
  regionName: string;
  regionNameEn: string;
  salaryMin: number | null;
  salaryMax: number | null;
  jobType: string;
  veteranPreferred: boolean;
  publishedAt: string;
  skills: string[];
  snippet: TextSegment[] | null;
}

export interface CategoryFacet {
  id: string;
  name: string;
  nameEn: string;
  count: number;
}

/** When nothing matched: how many results each loosening would give. */
export interface Relaxation {
  /** The filter to remove ("q" for the search words). */
  drop: keyof JobSearch | keyof TrainingSearch;
  total: number;
}

export interface JobSearchPage {
  hits: JobHitView[];
  total: number;
  page: number;
  pageCount: number;
  regions: RegionFacetNode[];
  regionChain: RegionOption[];
  categories: CategoryFacet[];
  jobTypes: { id: string; count: number }[];
  veteranPreferredCount: number;
  relatedTerms: string[];
  relaxations: Relaxation[];
}

const categoryNames = new Map(taxonomy.categories.map((c) => [c.id, c]));

export async function searchJobsPage(db: Db, search: SearchEngine, s: JobSearch, now = new Date()): Promise<JobSearchPage> {
  // expired postings are filtered in the engine too, so totals and facets leave them out before the maintenance
  // loop closes them; the database check below still hides a posting closed since the outbox last drained
  const unexpired = [unexpiredJobFilter(now)];
  const result = await search.search("jobs", jobSearchToQuery(s, { facets: JOB_FACETS, highlight: !!s.q, extraFilter: unexpired }));
  const live = await liveJobIds(db, result.hits.map((h) => h.id), now);
  const fallbackNames = await missingRegionNames(db, result.hits.map((h) => h.document as JobDocument));
  const hits = result.hits
    .filter((h) => live.has(h.id))
    .map((hit): JobHitView => {
      const d = hit.document as JobDocument;
      return {
        id: d.id,
        title: textOrHighlight(hit, "title", d.title),
        organization: textOrHighlight(hit, "organization", d.organization),
        organizationVerified: d.organization_verified,
        regionName: d.region_name || (fallbackNames.get(d.region_code) ?? ""),
        regionNameEn: regionPathEn(d.region_name || (fallbackNames.get(d.region_code) ?? "")),
        salaryMin: d.salary_min,
        salaryMax: d.salary_max,
        jobType: d.job_type,
        veteranPreferred: d.veteran_preferred,
        publishedAt: new Date(d.published_at).toISOString(),
        skills: d.skills.slice(0, 6),
        snippet: snippet(hit),
      };
    });
  const facets = result.facets;
  const regionCounts = facets.region_codes ?? {};
  const [rows, chain] = await Promise.all([regionRowsFor(db, Object.keys(regionCounts)), selectedChain(db, s.region)]);
  const categories = Object.entries(facets.category ?? {})
    .map(([id, count]) => ({ id, name: categoryNames.get(id)?.name ?? id, nameEn: categoryNames.get(id)?.nameEn ?? id, count }))
    .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
  // the chosen category stays listed (with 0) when the other filters leave none of it
  if (s.category && !categories.some((c) => c.id === s.category)) {
    const c = categoryNames.get(s.category);
    categories.push({ id: s.category, name: c?.name ?? s.category, nameEn: c?.nameEn ?? s.category, count: 0 });
  }
  const jobTypes = Object.entries(facets.job_type ?? {})
    .map(([id, count]) => ({ id, count }))
    .sort((a, b) => b.count - a.count);

  let relaxations: Relaxation[] = [];
  if (result.total === 0) {
    const drops: (keyof JobSearch)[] = [...activeJobFilters(s), ...(s.q ? (["q"] as const) : [])];
    relaxations = await Promise.all(
      drops.map(async (drop) => {
        const r = await search.search("jobs", jobSearchToQuery({ ...s, [drop]: undefined, page: 1 }, { hitsPerPage: 1, extraFilter: unexpired }));
        return { drop, total: r.total };
      }),
    );
  }
  return {
    hits,
    total: result.total,
    page: s.page,
    pageCount: pageCountOf(result.total),
    regions: buildRegionTree(regionCounts, rows, s.region),
    regionChain: chain,
    categories,
    jobTypes,
    veteranPreferredCount: facets.veteran_preferred?.true ?? 0,
    relatedTerms: result.total === 0 ? relatedTerms(s.q) : [],
    relaxations,
  };
}

// ------------------------------------------------------------------ the training search page

export interface TrainingHitView {
  id: string;
  title: TextSegment[];
  organization: TextSegment[];
  organizationVerified: boolean;
  regionName: string;
  regionNameEn: string;
  place: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
  seatsLeft: number;
  feeFen: number;
  subsidyFen: number;
  skills: string[];
  snippet: TextSegment[] | null;
}

export interface TrainingSearchPage {
  hits: TrainingHitView[];
  total: number;
  page: number;
  pageCount: number;
  regions: RegionFacetNode[];
  regionChain: RegionOption[];
  relatedTerms: string[];
  relaxations: Relaxation[];
}

export async function searchTrainingPage(db: Db, search: SearchEngine, s: TrainingSearch, now = new Date()): Promise<TrainingSearchPage> {
  const result = await search.search("training_slots", trainingSearchToQuery(s, { facets: TRAINING_FACETS, highlight: !!s.q }));
  const live = await liveTrainingIds(db, result.hits.map((h) => h.id), now);
  const fallbackNames = await missingRegionNames(db, result.hits.map((h) => h.document as TrainingSlotDocument));
  const hits = result.hits
    .filter((h) => live.has(h.id))
    .map((hit): TrainingHitView => {
      const d = hit.document as TrainingSlotDocument;
      return {
        id: d.id,
        title: textOrHighlight(hit, "title", d.title),
        organization: textOrHighlight(hit, "organization", d.organization),
        organizationVerified: d.organization_verified,
        regionName: d.region_name || (fallbackNames.get(d.region_code) ?? ""),
        regionNameEn: regionPathEn(d.region_name || (fallbackNames.get(d.region_code) ?? "")),
        place: d.place,
        startsAt: new Date(d.starts_at).toISOString(),
        endsAt: new Date(d.ends_at).toISOString(),
        capacity: d.capacity,
        seatsLeft: d.seats_left,
        feeFen: d.fee_fen,
        subsidyFen: d.subsidy_fen,
        skills: d.skills.slice(0, 6),
        snippet: snippet(hit),
      };
    });
  const regionCounts = result.facets.region_codes ?? {};
  const [rows, chain] = await Promise.all([regionRowsFor(db, Object.keys(regionCounts)), selectedChain(db, s.region)]);
  let relaxations: Relaxation[] = [];
  if (result.total === 0) {
    const drops = (["region", "seats", "q"] as const).filter((k) => s[k] !== undefined);
    relaxations = await Promise.all(
      drops.map(async (drop) => {
        const r = await search.search("training_slots", { ...trainingSearchToQuery({ ...s, [drop]: undefined, page: 1 }), hitsPerPage: 1 });
        return { drop, total: r.total };
      }),
    );
  }
  return {
    hits,
    total: result.total,
    page: s.page,
    pageCount: pageCountOf(result.total),
    regions: buildRegionTree(regionCounts, rows, s.region),
    regionChain: chain,
    relatedTerms: result.total === 0 ? relatedTerms(s.q) : [],
    relaxations,
  };
}

// ------------------------------------------------------------------ the public JSON API

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
}

/** The engine filter clause "not yet expired": documents carry `expires_at` (a far-future number when never). */
export function unexpiredJobFilter(now: Date | number = Date.now()): FilterClause {
  return { op: "range", field: "expires_at", gte: (typeof now === "number" ? now : now.getTime()) + 1 };
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
  };
}

// ------------------------------------------------------------------ the public JSON API over HTTP

const API_CORS_HEADERS = {
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

/** An HTTP answer as plain data; the Remix route and the Express route in server.ts each send it their way. */
export interface PublicApiReply {
  status: number;
  headers: Record<string, string>;
  /** Sent as JSON; null: no body (the preflight). */
  body: unknown;
}

/**
 * The whole of `/api/jobs` — CORS, rate limit, parameters, search — independent of the HTTP framework. server.ts
 * serves it from Express ahead of Remix (the Remix request/response round trip cost more than the search);
 * app/routes/api.jobs.ts serves the same function wherever Remix sees the URL.
 */
export async function publicJobsApi(
  services: { search: SearchEngine; config: { PUBLIC_URL: string; RATE_LIMIT_DISABLED: string } },
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
  const result = await searchPublicJobs(services.search, parsed.value, { publicUrl: services.config.PUBLIC_URL });
  return { status: 200, headers: { ...API_CORS_HEADERS, "Cache-Control": "public, max-age=60" }, body: result };
}
