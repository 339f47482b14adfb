// The one search interface used by the app, the outbox drain, reindexing and matching. Two implementations:
// `search/meilisearch.ts` (a Meilisearch server) and `search/embedded/` (in-process, no server needed).
import type { SearchFilter } from "./filter";


export const INDEX_NAMES = ["jobs", "training_slots", "veteran_profiles", "incubator_packages"] as const;
export type IndexName = (typeof INDEX_NAMES)[number];

export type SortName = "relevance" | "newest" | "salary_desc" | "salary_asc" | "distance";

/** Every document carries a string primary key `id`; the other fields are the index's document shape. */
export type SearchDocument = { id: string } & Record<string, unknown>;

export interface SortField {
  field: string;
  direction: "asc" | "desc";
}

/**
 * Settings of one index, as code (see `search/indexes.ts`). The Meilisearch adapter sends the Meilisearch part of
 * it with updateSettings; the embedded engine reads all of it.
 */
export interface IndexDefinition {
  name: IndexName;
  primaryKey: "id";
  /** In weight order: a match in an earlier attribute ranks higher. */
  searchableAttributes: string[];
  filterableAttributes: string[];
  sortableAttributes: string[];
  rankingRules: string[];
  /** Meilisearch shape: a term → the terms it also finds (filled mutually from the taxonomy's groups). */
  synonyms: Record<string, string[]>;
  /** Domain words kept whole when segmenting Chinese (taxonomy terms, place names). */
  dictionary: string[];
  /** Which field each named sort uses. A sort not listed here is refused. `distance` needs `geo`. */
  sorts: Partial<Record<Exclude<SortName, "relevance" | "distance">, SortField>>;
  /** Documents may carry `_geo: { lat, lng }`. */
  geo: boolean;
  /** Attributes highlighted when a query asks for highlights. */
  highlightAttributes: string[];
}

export type MatchingStrategy = "last" | "all" | "frequency";

export interface SearchQuery {
  q?: string;
  filter?: SearchFilter;
  sort?: SortName;
  /** Restricts to `radiusKm` around the point when given; `sort: 'distance'` orders by distance from it. */
  geo?: { lat: number; lng: number; radiusKm?: number };
  facets?: string[];
  /** 1-based. */
  page?: number;
  hitsPerPage?: number;
  highlight?: boolean;
  /**
   * Meilisearch's matchingStrategy: 'last' (default) drops query words from the end until documents match,
   * 'frequency' drops the commonest words first (good for long queries built from skills), 'all' needs every word.
   */
  matchingStrategy?: MatchingStrategy;
}

export interface SearchHit<D extends SearchDocument = SearchDocument> {
  id: string;
  document: D;
  /** Higher is better; comparable only within one result. */
  score: number;
  /** Field → HTML-escaped text with matches wrapped in <mark>…</mark>; only fields that contain a match. */
  highlights?: Record<string, string>;
  /** Distance from `query.geo` in metres, when the query has a geo point and the document a `_geo`. */
  distanceMeters?: number;
}

export interface SearchResult<D extends SearchDocument = SearchDocument> {
  hits: SearchHit<D>[];
  total: number;
  page: number;
  hitsPerPage: number;
  facets: Record<string, Record<string, number>>;
  /**
   * Query words none of this page's hits matched (the engine left them out to find anything), as the query had
   * them after normalising; absent when every word counted or the engine cannot tell.
   */
  droppedWords?: string[];
}

export interface UpsertOptions {
  /** Meilisearch: wait until the task is processed (read-your-writes). The embedded engine is always immediate. */
  wait?: boolean;
}

export interface SearchEngine {
  configure(index: IndexDefinition): Promise<void>;
  upsert(index: IndexName, docs: SearchDocument[], options?: UpsertOptions): Promise<void>;
  remove(index: IndexName, ids: string[], options?: UpsertOptions): Promise<void>;
  search(index: IndexName, query: SearchQuery): Promise<SearchResult>;
  stats(index: IndexName): Promise<{ documents: number }>;
  /** Rebuild: fill a fresh index with `docs` and swap it in; searches keep answering from the old one meanwhile. */
  replaceAll(index: IndexName, docs: SearchDocument[]): Promise<void>;
  clear(index: IndexName, options?: UpsertOptions): Promise<void>;
  health(): Promise<boolean>;
}

export const DEFAULT_HITS_PER_PAGE = 20;
export const MAX_HITS_PER_PAGE = 100;
/** Deepest result reachable by paging (Meilisearch's pagination.maxTotalHits is set to the same). */
export const MAX_TOTAL_HITS = 10_000;

export function normalizePaging(query: SearchQuery): { page: number; hitsPerPage: number } {
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const hitsPerPage = Math.min(MAX_HITS_PER_PAGE, Math.max(1, Math.floor(query.hitsPerPage ?? DEFAULT_HITS_PER_PAGE)));
  return { page, hitsPerPage };
}

export class SearchQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SearchQueryError";
  }
}
