// URL ⇄ search state ⇄ engine query, shared by the /jobs and /training pages, the public /api/jobs endpoint and
// saved searches. One parser per field: the API refuses a bad value with a message (400), the pages drop it
// (a hand-edited URL still shows results), saved searches store the canonical parameters.
// Pure module (zod only): the browser bundle imports it too.
import { z } from "zod";
import { text } from "../app/forms/text";
import type { SearchQuery, SortName } from "./engine";
import type { FilterClause } from "./filter";
import { JOB_TYPES, type JobType } from "../db/enums";


/** Monthly salary bands in yuan; a job is in a band when its range reaches it (salary_max ≥ band). */
export const SALARY_BANDS = [3000, 5000, 8000, 12000] as const;

export const JOB_SORTS = ["relevance", "newest", "salary"] as const;
export type JobSort = (typeof JOB_SORTS)[number];
export const TRAINING_SORTS = ["relevance", "newest"] as const;
export type TrainingSort = (typeof TRAINING_SORTS)[number];

export const SEARCH_PAGE_SIZE = 20;
/** 500 pages of 20 = the engine's deepest reachable result (MAX_TOTAL_HITS). */
export const MAX_SEARCH_PAGE = 500;
export const MAX_QUERY_LENGTH = 100;

/** Facets the job page and the API ask the engine for. */
export const JOB_FACETS = ["region_codes", "category", "job_type", "veteran_preferred"] as const;
export const TRAINING_FACETS = ["region_codes"] as const;

export interface JobSearch {
  q?: string;
  /** A GB/T 2260 code as stored in `region_codes`: "320500" is Suzhou with all its districts. */
  region?: string;
  category?: string;
  jobType?: JobType;
  /** Salary band: jobs whose range reaches this many yuan per month. */
  salaryMin?: number;
  /** Only jobs that prefer veterans. */
  veteran?: boolean;
  /** Absent: relevance with a query, newest without one. */
  sort?: JobSort;
  page: number;
}

export interface TrainingSearch {
  q?: string;
  region?: string;
  /** Only courses with seats left. */
  seats?: boolean;
  sort?: TrainingSort;
  page: number;
}

export interface ParamIssue {
  /** The URL parameter, e.g. "page". */
  param: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: ParamIssue[] };

// ------------------------------------------------------------------ field parsers

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const intParam = (min: number, max: number, message: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d+$/, message)
      .transform(Number)
      .refine((n) => Number.isSafeInteger(n) && n >= min && n <= max, message)
      .optional(),
  );

const flagParam = (param: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(["1", "true", "0", "false"], { errorMap: () => ({ message: `${param} must be 1 or 0` }) })
      .transform((v) => v === "1" || v === "true")
      .optional(),
  );

const fields = {
  q: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .transform((s) => s.replace(/\s+/g, " ").trim())
      .refine((s) => s.length <= MAX_QUERY_LENGTH, `q must be at most ${MAX_QUERY_LENGTH} characters`)
      .optional(),
  ),
  region: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d{2,9}$/, "region must be a region code of 2 to 9 digits (GB/T 2260, e.g. 320500)")
      .transform(canonicalRegion)
      .optional(),
  ),
  category: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, "category must be a category id such as driving_logistics")
      .optional(),
  ),
  job_type: z.preprocess(
    emptyToUndefined,
    z.enum(JOB_TYPES, { errorMap: () => ({ message: `job_type must be one of ${JOB_TYPES.join(", ")}` }) }).optional(),
  ),
  salary_min: intParam(0, 1_000_000, "salary_min must be a whole number of yuan per month, 0 or more"),
  veteran: flagParam("veteran"),
  seats: flagParam("seats"),
  job_sort: z.preprocess(
    emptyToUndefined,
    z.enum(JOB_SORTS, { errorMap: () => ({ message: `sort must be one of ${JOB_SORTS.join(", ")}` }) }).optional(),
  ),
  training_sort: z.preprocess(
    emptyToUndefined,
    z.enum(TRAINING_SORTS, { errorMap: () => ({ message: `sort must be one of ${TRAINING_SORTS.join(", ")}` }) }).optional(),
  ),
  page: intParam(1, MAX_SEARCH_PAGE, `page must be a whole number from 1 to ${MAX_SEARCH_PAGE}`),
};

/** "32" → "320000", "3205" → "320500", "320582" stays, towns (9 digits) stay. */
export function canonicalRegion(code: string): string {
  return code.length <= 6 ? code.padEnd(6, "0") : code;
}

type Source = URLSearchParams | Record<string, unknown>;

function read(source: Source, param: string): unknown {
  if (source instanceof URLSearchParams) return source.get(param) ?? undefined;
  const v = source[param];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Parse each field on its own. Strict: any bad value is an issue. Lenient: bad values are dropped and reported,
 * the rest is kept. Parameters not named here are ignored either way.
 */
function parseFields<K extends keyof typeof fields>(
  source: Source,
  spec: Record<string, K>,
): { values: Record<string, unknown>; issues: ParamIssue[] } {
  const values: Record<string, unknown> = {};
  const issues: ParamIssue[] = [];
  for (const [param, field] of Object.entries(spec)) {
    const result = fields[field].safeParse(read(source, param));
    if (result.success) values[param] = result.data;
    else issues.push({ param, message: result.error.issues[0]?.message ?? `${param} is invalid` });
  }
  return { values, issues };
}

const JOB_SPEC = {
  q: "q",
  region: "region",
  category: "category",
  job_type: "job_type",
  salary_min: "salary_min",
  veteran: "veteran",
  sort: "job_sort",
  page: "page",
} as const;

const TRAINING_SPEC = { q: "q", region: "region", seats: "seats", sort: "training_sort", page: "page" } as const;

function jobSearchFrom(values: Record<string, unknown>): JobSearch {
  return clean({
    q: values.q as string | undefined,
    region: values.region as string | undefined,
    category: values.category as string | undefined,
    jobType: values.job_type as JobType | undefined,
    salaryMin: values.salary_min as number | undefined,
    veteran: values.veteran === true ? true : undefined,
    sort: values.sort as JobSort | undefined,
    page: (values.page as number | undefined) ?? 1,
  });
}

function trainingSearchFrom(values: Record<string, unknown>): TrainingSearch {
  return clean({
    q: values.q as string | undefined,
    region: values.region as string | undefined,
    seats: values.seats === true ? true : undefined,
    sort: values.sort as TrainingSort | undefined,
    page: (values.page as number | undefined) ?? 1,
  });
}

function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The API's parser: every named parameter must be valid. */
export function parseJobSearch(source: Source): ParseResult<JobSearch> {
  const { values, issues } = parseFields(source, JOB_SPEC);
  return issues.length ? { ok: false, issues } : { ok: true, value: jobSearchFrom(values) };
}

/** The page's parser: invalid values are dropped (and listed), so an edited URL still shows a result. */
export function parseJobSearchLenient(source: Source): { value: JobSearch; dropped: ParamIssue[] } {
  const { values, issues } = parseFields(source, JOB_SPEC);
  return { value: jobSearchFrom(values), dropped: issues };
}

export function parseTrainingSearchLenient(source: Source): { value: TrainingSearch; dropped: ParamIssue[] } {
  const { values, issues } = parseFields(source, TRAINING_SPEC);
  return { value: trainingSearchFrom(values), dropped: issues };
}

// ------------------------------------------------------------------ state → URL

/** Canonical URL parameters (fixed order, defaults left out). `page: false` leaves the page out (saved searches). */
export function jobSearchToParams(s: Partial<JobSearch>, options: { page?: boolean } = {}): URLSearchParams {
  const p = new URLSearchParams();
  if (s.q) p.set("q", s.q);
  if (s.region) p.set("region", s.region);
  if (s.category) p.set("category", s.category);
  if (s.jobType) p.set("job_type", s.jobType);
  if (s.salaryMin !== undefined) p.set("salary_min", String(s.salaryMin));
  if (s.veteran) p.set("veteran", "1");
  if (s.sort) p.set("sort", s.sort);
  if ((options.page ?? true) && s.page && s.page > 1) p.set("page", String(s.page));
  return p;
}

export function trainingSearchToParams(s: Partial<TrainingSearch>, options: { page?: boolean } = {}): URLSearchParams {
  const p = new URLSearchParams();
  if (s.q) p.set("q", s.q);
  if (s.region) p.set("region", s.region);
  if (s.seats) p.set("seats", "1");
  if (s.sort) p.set("sort", s.sort);
  if ((options.page ?? true) && s.page && s.page > 1) p.set("page", String(s.page));
  return p;
}

/** "/jobs?q=…" for a search, with `change` applied and the page reset unless `change` sets one. */
export function jobSearchHref(base: JobSearch, change: Partial<Record<keyof JobSearch, unknown>> = {}, path = "/jobs"): string {
  const next = { ...base, page: 1, ...change } as JobSearch;
  const qs = jobSearchToParams(next).toString();
  return qs ? `${path}?${qs}` : path;
}

export function trainingSearchHref(base: TrainingSearch, change: Partial<Record<keyof TrainingSearch, unknown>> = {}, path = "/training"): string {
  const next = { ...base, page: 1, ...change } as TrainingSearch;
  const qs = trainingSearchToParams(next).toString();
  return qs ? `${path}?${qs}` : path;
}

/** The active filters (not q, sort or page), in display order. */
export function activeJobFilters(s: JobSearch): (keyof JobSearch)[] {
  return (["region", "category", "jobType", "salaryMin", "veteran"] as const).filter((k) => s[k] !== undefined);
}

// ------------------------------------------------------------------ state → engine query

export function effectiveJobSort(s: Pick<JobSearch, "q" | "sort">): JobSort {
  return s.sort ?? (s.q ? "relevance" : "newest");
}

export function jobSearchFilter(s: Omit<JobSearch, "page">): FilterClause[] {
  const filter: FilterClause[] = [];
  if (s.region) filter.push({ op: "prefix", field: "region_codes", value: s.region });
  if (s.category) filter.push({ op: "eq", field: "category", value: s.category });
  if (s.jobType) filter.push({ op: "eq", field: "job_type", value: s.jobType });
  if (s.salaryMin !== undefined) filter.push({ op: "overlap", minField: "salary_min", maxField: "salary_max", gte: s.salaryMin });
  if (s.veteran) filter.push({ op: "bool", field: "veteran_preferred", value: true });
  return filter;
}

const JOB_SORT_NAMES: Record<JobSort, SortName> = { relevance: "relevance", newest: "newest", salary: "salary_desc" };

export function jobSearchToQuery(
  s: JobSearch,
  options: { facets?: readonly string[]; highlight?: boolean; hitsPerPage?: number; extraFilter?: FilterClause[] } = {},
): SearchQuery {
  return {
    q: s.q,
    filter: [...jobSearchFilter(s), ...(options.extraFilter ?? [])],
    sort: JOB_SORT_NAMES[effectiveJobSort(s)],
    facets: options.facets ? [...options.facets] : undefined,
    page: s.page,
    hitsPerPage: options.hitsPerPage ?? SEARCH_PAGE_SIZE,
    highlight: options.highlight,
  };
}

export function effectiveTrainingSort(s: Pick<TrainingSearch, "q" | "sort">): TrainingSort {
  return s.sort ?? (s.q ? "relevance" : "newest");
}

export function trainingSearchToQuery(s: TrainingSearch, options: { facets?: readonly string[]; highlight?: boolean } = {}): SearchQuery {
  const filter: FilterClause[] = [];
  if (s.region) filter.push({ op: "prefix", field: "region_codes", value: s.region });
  if (s.seats) filter.push({ op: "range", field: "seats_left", gte: 1 });
  return {
    q: s.q,
    filter,
    sort: effectiveTrainingSort(s),
    facets: options.facets ? [...options.facets] : undefined,
    page: s.page,
    hitsPerPage: SEARCH_PAGE_SIZE,
    highlight: options.highlight,
  };
}

// ------------------------------------------------------------------ saved searches

/** What `saved_searches.query` holds: the canonical URL parameters of a job search, without the page. */
export type SavedJobQuery = Record<string, string>;

export function toSavedQuery(s: JobSearch): SavedJobQuery {
  return Object.fromEntries(jobSearchToParams(s, { page: false }));
}

/** A stored query back to a search (values that no longer parse are dropped), always page 1. */
export function fromSavedQuery(stored: unknown): JobSearch {
  const source = stored && typeof stored === "object" && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  const { value } = parseJobSearchLenient(source);
  return { ...value, page: 1 };
}

/** The form that saves the current search: a name and the search's query string. */
export const saveSearchFormSchema = z.object({
  name: text(60, { min: 1 }),
  query: text(1000).default(""),
});

/** The engine filter clause "not yet expired": documents carry `expires_at` (a far-future number when never). */
export function unexpiredJobFilter(now: Date | number = Date.now()): FilterClause {
  return { op: "range", field: "expires_at", gte: (typeof now === "number" ? now : now.getTime()) + 1 };
}
