// Job and training search for the public pages, on the search engine (`context.search`). The index holds only
// live published records; each page of hits is still checked against the database, so a job closed a moment ago
// (its outbox row not yet drained) is never shown. The public JSON API is public-jobs-api.server.ts.
import { and, eq, gt, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jobPostings, trainingSlots } from "../../db/schema";
import type { SearchEngine } from "../../search/engine";
import type { JobDocument, TrainingSlotDocument } from "../../search/indexes";
import {
  activeJobFilters,
  JOB_FACETS,
  jobSearchToQuery,
  MAX_SEARCH_PAGE,
  SEARCH_PAGE_SIZE,
  TRAINING_FACETS,
  trainingSearchToQuery,
  unexpiredJobFilter,
  type JobSearch,
  type TrainingSearch,
} from "../../search/query-params";
import { synonymGroups, taxonomy } from "../../search/taxonomy";
import type { RegionOption } from "./region.server";
import { missingRegionNames, regionFacets, type RegionFacetNode } from "./region-facets.server";
import { hitCard, type TextSegment } from "./search-highlight";

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

/** Totals and paging of a search page, and other words for the query when nothing matched. */
function pageFields(total: number, s: { page: number; q?: string }) {
  return { total, page: s.page, pageCount: pageCountOf(total), relatedTerms: total === 0 ? relatedTerms(s.q) : [] };
}

/** When nothing matched: how many results dropping each filter (or the words) would give. */
async function relaxationsFor<K extends Relaxation["drop"]>(
  total: number,
  drops: readonly K[],
  countWithout: (drop: K) => Promise<number>,
): Promise<Relaxation[]> {
  if (total > 0) return [];
  return Promise.all(drops.map(async (drop) => ({ drop, total: await countWithout(drop) })));
}

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
  /** Words of the query none of the shown jobs matched (the engine left them out to find anything). */
  droppedWords: string[];
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
        ...hitCard(hit, d, fallbackNames),
        salaryMin: d.salary_min,
        salaryMax: d.salary_max,
        jobType: d.job_type,
        veteranPreferred: d.veteran_preferred,
        publishedAt: new Date(d.published_at).toISOString(),
      };
    });
  const facets = result.facets;
  const regionFacet = await regionFacets(db, facets.region_codes ?? {}, s.region);
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

  const drops: (keyof JobSearch)[] = [...activeJobFilters(s), ...(s.q ? (["q"] as const) : [])];
  const relaxations = await relaxationsFor(result.total, drops, async (drop) =>
    (await search.search("jobs", jobSearchToQuery({ ...s, [drop]: undefined, page: 1 }, { hitsPerPage: 1, extraFilter: unexpired }))).total,
  );
  return {
    hits,
    ...pageFields(result.total, s),
    ...regionFacet,
    categories,
    jobTypes,
    veteranPreferredCount: facets.veteran_preferred?.true ?? 0,
    relaxations,
    droppedWords: result.droppedWords ?? [],
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
        ...hitCard(hit, d, fallbackNames),
        place: d.place,
        startsAt: new Date(d.starts_at).toISOString(),
        endsAt: new Date(d.ends_at).toISOString(),
        capacity: d.capacity,
        seatsLeft: d.seats_left,
        feeFen: d.fee_fen,
        subsidyFen: d.subsidy_fen,
      };
    });
  const regionFacet = await regionFacets(db, result.facets.region_codes ?? {}, s.region);
  const drops = (["region", "seats", "q"] as const).filter((k) => s[k] !== undefined);
  const relaxations = await relaxationsFor(result.total, drops, async (drop) =>
    (await search.search("training_slots", { ...trainingSearchToQuery({ ...s, [drop]: undefined, page: 1 }), hitsPerPage: 1 })).total,
  );
  return { hits, ...pageFields(result.total, s), ...regionFacet, relaxations };
}
