// Matching, both ways, with reasons: jobs for a veteran, veterans for a job, and training for the skills a
// veteran's best jobs ask for but the veteran lacks. Candidates come from the search engine (so Meilisearch and the
// embedded engine behave alike); the score is ours and explainable.
import type { IndexName, SearchEngine, SearchHit } from "./engine";
import type { JobDocument, TrainingSlotDocument, VeteranProfileDocument } from "./indexes";
import { regionAncestors } from "./filter";
import {
  categoryForSkills,
  expandSkills,
  getSkill,
  getSpecialty,
  normalizeSkill,
  recognizeCertificates,
  skillsForCertificates,
  skillsInText,
  suggestFromSpecialty,
  taxonomy,
  taxonomyVersion,
} from "./taxonomy";
import type { Locale } from "../db/enums";
import { cooccurrenceGeneration, impliedSkills } from "./cooccurrence";

export type MatchLocale = Locale;

/** What matching needs to know about a veteran (a profile row or a search document both fit). */
export interface VeteranForMatching {
  id: string;
  specialty: string | null;
  certificates: string[];
  skills: string[];
  desiredRoles: string[];
  regionCode: string | null;
  desiredRegionCodes: string[];
  salaryMin: number | null;
  jobTypes: string[];
}

export interface MatchReason {
  code: "skills" | "category" | "region_county" | "region_city" | "region_province" | "salary" | "job_type" | "veteran_preferred" | "fresh";
  /**
   * Skill ids (skills), category id (category), or for regions the region code and whose place it is: "home" (where
   * the veteran lives) or "wanted" (where they want to work).
   */
  detail?: string[];
}

export interface ScoreParts {
  skill: number;
  region: number;
  salary: number;
  jobType: number;
  veteranPreferred: number;
  freshness: number;
}

export interface JobMatch {
  job: JobDocument;
  score: number;
  parts: ScoreParts;
  reasons: MatchReason[];
  /** Skill ids the job asks for that the veteran does not have. */
  missingSkills: string[];
}

export interface CandidateMatch {
  profile: VeteranProfileDocument;
  score: number;
  parts: ScoreParts;
  reasons: MatchReason[];
  missingSkills: string[];
}

/** Weights: skill fit comes first, then place; the rest separate near-equals. They sum to 1. */
export const WEIGHTS: ScoreParts = { skill: 0.5, region: 0.25, salary: 0.1, jobType: 0.06, veteranPreferred: 0.04, freshness: 0.05 };

/**
 * A small bounded memo: matching scores hundreds of candidates per request, and the taxonomy look-ups (fuzzy
 * specialty suggestions especially) cost far more than the scoring. Keyed by the taxonomy version in use, so an
 * activated staff edit is never answered from stale entries.
 */
class Memo<V> {
  private map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string, make: () => V): V {
    const k = `${taxonomyVersion}\u0000${cooccurrenceGeneration}\u0000${key}`;
    const hit = this.map.get(k);
    if (hit !== undefined) return hit;
    const value = make();
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as string);
    this.map.set(k, value);
    return value;
  }
}
const skillIdsMemo = new Memo<string[]>(20_000);
const jobWeightsMemo = new Memo<Map<string, number>>(50_000);
const textMemo = new Memo<Set<string>>(50_000);
const specialtyMemo = new Memo<string[]>(5_000);
const certificateMemo = new Memo<string[]>(5_000);

/** Skill ids for a list of skills that may be ids, names, synonyms (zh/en) or certificates ("A2驾照"). */
export function toSkillIds(values: readonly string[]): string[] {
  if (values.length === 0) return [];
  return skillIdsMemo.get(values.join("\u0001"), () => resolveSkillIds(values));
}

function resolveSkillIds(values: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of values) {
    const v = raw.trim();
    if (!v) continue;
    if (getSkill(v)) {
      out.add(v);
      continue;
    }
    const id = normalizeSkill(v);
    if (id) {
      out.add(id);
      continue;
    }
    const certs = recognizeCertificates(v);
    if (certs.length) for (const s of skillsForCertificates([v]).skillIds) out.add(s);
    // open vocabulary: a phrase kept as written may still name known skills inside it (电气维修 → 电工)
    else for (const s of skillsInText(v)) out.add(s);
  }
  return [...out];
}

/** A posting's skills: the skills its title names first (the trade), then its stated skills (ids or free text). */
export function jobSkillIds(job: Pick<JobDocument, "id" | "title" | "skills">): string[] {
  return [...jobSkillWeights(job).keys()];
}

/**
 * How much each of a posting's skills says about the job (0..1): the title names the trade (1); the stated skills
 * follow (the first 0.9, the others 0.75), less when the title already named a trade (0.7, 0.6).
 */
export function jobSkillWeights(job: Pick<JobDocument, "id" | "title" | "skills">): Map<string, number> {
  return jobWeightsMemo.get(`${job.id}\u0001${job.title}\u0001${job.skills.join("\u0001")}`, () => {
    const out = new Map<string, number>();
    const offer = (id: string, w: number) => out.set(id, Math.max(out.get(id) ?? 0, w));
    const fromTitle = skillsInText(job.title);
    for (const s of fromTitle) offer(s, 1);
    // the stated skills describe the work; when the title already names the trade they say less about which it is
    const [first, rest] = fromTitle.length > 0 ? [0.7, 0.6] : [0.9, 0.75];
    job.skills.forEach((raw, i) => {
      const ids = toSkillIds([raw]);
      for (const s of ids) offer(s, i === 0 ? first : rest);
      // a term kept as written counts, less, for the known skills it keeps company with on other rows
      if (ids.length === 0) for (const s of impliedSkills(raw)) offer(s.id, (i === 0 ? first : rest) * IMPLIED_WEIGHT * s.share);
    });
    return out;
  });
}

/** How much a skill implied by co-occurrence (an unknown term's usual company) counts against a stated one. */
const IMPLIED_WEIGHT = 0.6;

/** Han character bigrams and Latin words of a text: the units of the text similarity below. */
function textUnits(text: string): Set<string> {
  return textMemo.get(text, () => {
    const out = new Set<string>();
    const lower = text.normalize("NFKC").toLowerCase();
    for (const w of lower.match(/[a-z][a-z0-9]+|[0-9]+[a-z]+[0-9]*/g) ?? []) out.add(w);
    for (const run of lower.match(/\p{Script=Han}+/gu) ?? []) {
      const chars = [...run];
      if (chars.length === 1) out.add(chars[0]!);
      for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
    }
    return out;
  });
}

/** Everything the veteran's words say, as text units: skill names and synonyms, the specialty, skills as written. */
function veteranText(v: VeteranForMatching, skillIds: Iterable<string>): Set<string> {
  return textUnits([...expandSkills([...skillIds]), v.specialty ?? "", ...v.skills, ...v.desiredRoles, ...v.certificates].join(" | "));
}

/** Share (0..1) of the posting's title and skill units the veteran's words contain: the open-vocabulary fit. */
function textFit(vUnits: Set<string>, job: Pick<JobDocument, "title" | "skills">): number {
  const units = textUnits(`${job.title} | ${job.skills.filter((s) => !getSkill(s)).join(" | ")}`);
  if (units.size === 0) return 0;
  let shared = 0;
  for (const u of units) if (vUnits.has(u)) shared++;
  return shared / units.size;
}

/** Weight of a specialty's skills by their place in its list: the first is the trade, the rest are side skills. */
const SPECIALTY_RANK_WEIGHTS = [1, 0.7, 0.5, 0.4];

/**
 * How sure we are that the veteran can do each skill (0..1): what they stated themselves (skills, certificates,
 * desired roles) fully; what their military specialty translates to by its rank in the specialty's list.
 */
export function veteranSkillWeights(v: VeteranForMatching): Map<string, number> {
  const { fromSpecialty } = veteranSkillIds(v);
  const out = new Map<string, number>();
  const offer = (id: string, w: number) => out.set(id, Math.max(out.get(id) ?? 0, w));
  fromSpecialty.forEach((id, i) => offer(id, SPECIALTY_RANK_WEIGHTS[Math.min(i, SPECIALTY_RANK_WEIGHTS.length - 1)]!));
  const specialty = v.specialty?.trim();
  if (specialty && fromSpecialty.length === 0) {
    for (const s of specialtyMemo.get(`text\u0001${specialty}`, () => skillsInText(specialty))) offer(s, 0.8);
  }
  for (const s of toSkillIds(v.skills)) offer(s, 1);
  for (const s of toSkillIds(v.desiredRoles)) offer(s, 1);
  for (const raw of [...v.skills, ...v.desiredRoles, ...v.certificates]) {
    if (toSkillIds([raw]).length === 0) for (const s of impliedSkills(raw)) offer(s.id, IMPLIED_WEIGHT * s.share);
  }
  if (v.certificates.length) {
    for (const s of certificateMemo.get(v.certificates.join("\u0001"), () => skillsForCertificates(v.certificates).skillIds)) offer(s, 0.9);
  }
  return out;
}

/** The job category of the veteran's strongest skills. */
function primaryCategory(weights: Map<string, number>): string {
  const ranked = [...weights.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  return categoryForSkills(ranked);
}

/** Everything the veteran can do, through the taxonomy: stated skills, certificates, specialty, desired roles. */
export function veteranSkillIds(v: VeteranForMatching): { all: Set<string>; fromSpecialty: string[] } {
  const all = new Set<string>(toSkillIds(v.skills));
  if (v.certificates.length) {
    for (const s of certificateMemo.get(v.certificates.join("\u0001"), () => skillsForCertificates(v.certificates).skillIds)) all.add(s);
  }
  const specialty = v.specialty?.trim();
  const fromSpecialty = specialty
    ? specialtyMemo.get(specialty, () => {
        const direct = getSpecialty(specialty);
        if (direct) return direct.skills;
        const best = suggestFromSpecialty(specialty, { limit: 1 })[0];
        return best && best.score >= 0.5 ? best.skills.map((s) => s.id) : [];
      })
    : [];
  for (const s of fromSpecialty) all.add(s);
  // a specialty the taxonomy does not list may still name skills (信息系统维护员 → IT运维)
  if (specialty && fromSpecialty.length === 0) for (const s of specialtyMemo.get(`text\u0001${specialty}`, () => skillsInText(specialty))) all.add(s);
  for (const s of toSkillIds(v.desiredRoles)) all.add(s);
  return { all, fromSpecialty };
}

/** Whose place a region is: where the veteran lives, wants to work, or both. */
export type PlaceWhose = "home" | "wanted" | "both";

/** Where the veteran wants to work (first) and where they live, each said as such in the reasons. */
export function veteranPlaces(v: Pick<VeteranForMatching, "desiredRegionCodes" | "regionCode">): { code: string; whose: PlaceWhose }[] {
  const out: { code: string; whose: PlaceWhose }[] = v.desiredRegionCodes.map((code) => ({ code, whose: code === v.regionCode ? "both" : "wanted" }));
  if (v.regionCode && !v.desiredRegionCodes.includes(v.regionCode)) out.push({ code: v.regionCode, whose: "home" });
  return out;
}

function regionFit(jobRegion: string, places: { code: string; whose: PlaceWhose }[]): { value: number; reason?: MatchReason } {
  if (!jobRegion || places.length === 0) return { value: 0.2 };
  const [jobProvince, jobCity, jobCounty] = regionAncestors(jobRegion);
  let best: { value: number; reason?: MatchReason } = { value: 0.1 };
  for (const { code: r, whose } of places) {
    const [province, city, county] = regionAncestors(r);
    const cityLevel = r.length === 6 && r.endsWith("00") && !r.endsWith("0000");
    let fit: { value: number; reason?: MatchReason } = { value: 0.1 };
    if (!cityLevel && county && county === jobCounty) fit = { value: 1, reason: { code: "region_county", detail: [jobCounty, whose] } };
    // Wanting "all of Suzhou" is met by any job in Suzhou, a little below the home county itself.
    else if (city && city === jobCity) fit = { value: cityLevel ? 0.9 : 0.8, reason: { code: "region_city", detail: [jobCity, whose] } };
    else if (province && province === jobProvince) fit = { value: 0.45, reason: { code: "region_province", detail: [jobProvince, whose] } };
    if (fit.value > best.value) best = fit;
  }
  return best;
}

function salaryFit(jobMin: number | null, jobMax: number | null, wanted: number | null): number {
  if (!wanted) return 0.6;
  const top = jobMax ?? jobMin;
  if (top == null) return 0.5;
  if (top >= wanted) return 1;
  return Math.max(0, top / wanted - 0.2);
}

function freshness(publishedAt: number, now: number): number {
  const days = Math.max(0, (now - publishedAt) / 86_400_000);
  return Math.pow(0.5, days / 30);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * Skill fit (0..1) of weighted skills: the best single skill both share (a job's trade met by the veteran's own trade
 * counts most) and how much of the job's weighted skills the veteran covers.
 */
export function skillFit(vWeights: Map<string, number>, jWeights: Map<string, number>): number {
  let best = 0;
  let covered = 0;
  let total = 0;
  for (const [id, wj] of jWeights) {
    total += wj;
    const wv = vWeights.get(id);
    if (wv === undefined) continue;
    covered += wj * wv;
    best = Math.max(best, wj * wv);
  }
  if (best === 0) return 0;
  return 0.3 + 0.7 * (0.75 * best + 0.25 * (covered / total));
}

/** Score one job for one veteran; pure, so it is tested directly. */
export function scoreJob(
  v: VeteranForMatching,
  vSkills: Set<string>,
  job: JobDocument,
  now = Date.now(),
  vUnits = veteranText(v, vSkills),
  vWeights: Map<string, number> = veteranSkillWeights(v),
): JobMatch {
  const jWeights = jobSkillWeights(job);
  const jobSkills = [...jWeights.keys()];
  const have = jobSkills.filter((s) => vSkills.has(s));
  const missingSkills = jobSkills.filter((s) => !vSkills.has(s));
  const reasons: MatchReason[] = [];
  let skill = skillFit(vWeights, jWeights);
  // The posting's own words against the veteran's (open vocabulary: 基站维护, CCTV, skills kept as written).
  const text = textFit(vUnits, job);
  skill = Math.max(skill, Math.min(0.6, text));
  const vCategory = primaryCategory(vWeights);
  const jobCategory = categoryForSkills(jobSkills);
  if (have.length > 0) reasons.push({ code: "skills", detail: have });
  if (vSkills.size > 0 && vCategory !== "other" && (job.category === vCategory || jobCategory === vCategory)) {
    skill = Math.max(skill, job.category === vCategory && jobCategory === vCategory ? 0.45 : 0.35);
    if (have.length === 0) reasons.push({ code: "category", detail: [vCategory] });
  }
  const region = regionFit(job.region_code, veteranPlaces(v));
  if (region.reason) reasons.push(region.reason);
  const salary = salaryFit(job.salary_min, job.salary_max, v.salaryMin);
  if (v.salaryMin && salary === 1) reasons.push({ code: "salary" });
  const jobType = v.jobTypes.length === 0 ? 0.7 : v.jobTypes.includes(job.job_type) ? 1 : 0;
  if (v.jobTypes.length && jobType === 1) reasons.push({ code: "job_type", detail: [job.job_type] });
  const veteranPreferred = job.veteran_preferred ? 1 : 0;
  if (veteranPreferred) reasons.push({ code: "veteran_preferred" });
  const fresh = freshness(job.published_at, now);
  if (fresh > 0.8) reasons.push({ code: "fresh" });
  const parts: ScoreParts = { skill, region: region.value, salary, jobType, veteranPreferred, freshness: fresh };
  const score = (Object.keys(WEIGHTS) as (keyof ScoreParts)[]).reduce((sum, k) => sum + WEIGHTS[k] * parts[k], 0);
  return { job, score: round(score), parts, reasons, missingSkills };
}

function skillTerms(ids: Iterable<string>, extra: string[] = []): string {
  const terms = new Set<string>();
  for (const id of ids) {
    const s = getSkill(id);
    if (s) terms.add(s.name);
  }
  for (const e of extra) if (e.trim()) terms.add(e.trim());
  return [...terms].slice(0, 12).join(" ");
}

async function collect<D>(search: SearchEngine, index: IndexName, queries: Parameters<SearchEngine["search"]>[1][]): Promise<Map<string, SearchHit>> {
  const seen = new Map<string, SearchHit>();
  for (const q of queries) {
    const result = await search.search(index, q);
    for (const h of result.hits) if (!seen.has(h.id)) seen.set(h.id, h);
  }
  return seen as Map<string, SearchHit & { document: D }>;
}

/**
 * Jobs for a veteran, best first. Candidates: a query built from the veteran's skills and roles, plus the newest
 * jobs where they want to work, plus the newest jobs of their skills' category; then re-ranked by `scoreJob`.
 */
export async function matchJobsForVeteran(
  search: SearchEngine,
  v: VeteranForMatching,
  options: { limit?: number; now?: number } = {},
): Promise<JobMatch[]> {
  const limit = options.limit ?? 10;
  const { all } = veteranSkillIds(v);
  const regions = veteranPlaces(v).map((p) => p.code);
  // Taxonomy skill names go into the main query: they are what documents and synonyms know. The veteran's own words
  // (a specialty or skills the taxonomy does not list) go into a query of their own, so a rare word cannot empty
  // the main result.
  const vWeights = veteranSkillWeights(v);
  // One query per strong skill (its name finds every synonym through the engine): a single query of all the skill
  // names would need the rarest of them in every hit ("frequency" drops the common words first, never the rare).
  const strongest = [...vWeights.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  const skillQueries = strongest.slice(0, 6).map((id) => skillTerms([id])).filter(Boolean);
  const queries: Parameters<SearchEngine["search"]>[1][] = skillQueries.map((q) => ({ q, hitsPerPage: 40 }));
  const ownWords = [v.specialty ?? "", ...v.skills.filter((s) => !getSkill(s))].join(" ").trim().slice(0, 100);
  if (ownWords) queries.push({ q: ownWords, matchingStrategy: "frequency", hitsPerPage: 40 });
  // Nearby jobs of the two strongest skills, per distinct city wanted (at most three).
  const cities = [...new Set(regions.map((r) => regionAncestors(r)[1]).filter(Boolean))].slice(0, 3);
  for (const city of cities) {
    const near = { op: "prefix" as const, field: "region_codes", value: city };
    if (skillQueries.length === 0) queries.push({ filter: [near], sort: "newest", hitsPerPage: 30 });
    for (const q of skillQueries.slice(0, 2)) queries.push({ q, filter: [near], hitsPerPage: 30 });
  }
  const category = primaryCategory(vWeights);
  if (category !== "other") queries.push({ filter: [{ op: "eq", field: "category", value: category }], sort: "newest", hitsPerPage: 30 });
  if (queries.length === 0) queries.push({ sort: "newest", hitsPerPage: 50 });
  const candidates = await collect<JobDocument>(search, "jobs", queries);
  const vUnits = veteranText(v, all);
  return [...candidates.values()]
    .map((h) => scoreJob(v, all, h.document as JobDocument, options.now, vUnits, vWeights))
    .sort((a, b) => b.score - a.score || b.job.published_at - a.job.published_at || a.job.id.localeCompare(b.job.id))
    .slice(0, limit);
}

export function profileDocumentForMatching(doc: VeteranProfileDocument): VeteranForMatching {
  return {
    id: doc.id,
    specialty: doc.specialty,
    certificates: doc.certificates,
    skills: doc.skills,
    desiredRoles: doc.desired_roles,
    regionCode: doc.region_code,
    desiredRegionCodes: doc.desired_region_codes.filter((c) => c.length === 6),
    salaryMin: doc.salary_min,
    jobTypes: doc.job_types,
  };
}

/** The parts that say something about the candidate (the job's own freshness and preference do not). */
const CANDIDATE_PARTS: (keyof ScoreParts)[] = ["skill", "region", "salary", "jobType"];

/** A candidate's fit (0..1) from the candidate-side parts only, so one job's age never moves its candidates' figures. */
export function candidateScore(parts: ScoreParts): number {
  const total = CANDIDATE_PARTS.reduce((sum, k) => sum + WEIGHTS[k], 0);
  return round(CANDIDATE_PARTS.reduce((sum, k) => sum + WEIGHTS[k] * parts[k], 0) / total);
}

/**
 * Opted-in veterans for a job, best first (the index holds only opted-in profiles and no contact fields).
 * `verifiedEmployer` false hides profiles whose owners chose "verified employers only".
 */
export async function matchCandidatesForJob(
  search: SearchEngine,
  job: JobDocument,
  options: { limit?: number; now?: number; verifiedEmployer?: boolean } = {},
): Promise<CandidateMatch[]> {
  const limit = options.limit ?? 10;
  const weights = [...jobSkillWeights(job).entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  const visibility = options.verifiedEmployer ? [] : [{ op: "eq" as const, field: "visibility", value: "public" }];
  // One query per strong skill of the job, as for jobs: one query of all its skill names would need the rarest of
  // them on every profile ("frequency" never drops the rare words), so a driver without a forklift licence is lost.
  const queries: Parameters<SearchEngine["search"]>[1][] = weights
    .slice(0, 4)
    .map((id) => skillTerms([id]))
    .filter(Boolean)
    .map((q) => ({ q, filter: visibility, hitsPerPage: 40 }));
  if (queries.length === 0) queries.push({ q: job.title, matchingStrategy: "frequency", filter: visibility, hitsPerPage: 60 });
  // Veterans who live in the job's city, and those who want to work there (wherever they live now).
  const city = regionAncestors(job.region_code)[1];
  if (city) {
    queries.push({ filter: [...visibility, { op: "prefix", field: "region_codes", value: city }], hitsPerPage: 40 });
    queries.push({ filter: [...visibility, { op: "eq", field: "desired_region_codes", value: city }], hitsPerPage: 40 });
  }
  const candidates = await collect<VeteranProfileDocument>(search, "veteran_profiles", queries);
  return [...candidates.values()]
    .map((h) => {
      const profile = h.document as VeteranProfileDocument;
      const v = profileDocumentForMatching(profile);
      const m = scoreJob(v, veteranSkillIds(v).all, job, options.now);
      return { profile, score: candidateScore(m.parts), parts: m.parts, reasons: candidateSideReasons(m.reasons), missingSkills: m.missingSkills };
    })
    .sort((a, b) => b.score - a.score || a.profile.id.localeCompare(b.profile.id))
    .slice(0, limit);
}

export interface TrainingSuggestion {
  slot: TrainingSlotDocument;
  /** The missing skills this course teaches. */
  teaches: string[];
}

/** For a veteran's best jobs, the training slots that teach the skills those jobs ask for and the veteran lacks. */
export async function trainingForSkillGaps(search: SearchEngine, matches: JobMatch[], options: { limit?: number } = {}): Promise<TrainingSuggestion[]> {
  const missing = new Map<string, number>();
  for (const m of matches.slice(0, 5)) for (const s of m.missingSkills) missing.set(s, (missing.get(s) ?? 0) + 1);
  if (missing.size === 0) return [];
  const wanted = [...missing.keys()];
  const result = await search.search("training_slots", {
    q: skillTerms(wanted),
    matchingStrategy: "frequency",
    filter: [{ op: "range", field: "seats_left", gte: 1 }],
    hitsPerPage: 50,
  });
  return result.hits
    .map((h) => {
      const slot = h.document as TrainingSlotDocument;
      const teaches = toSkillIds(slot.skills).filter((s) => missing.has(s));
      return { slot, teaches };
    })
    .filter((s) => s.teaches.length > 0)
    .sort((a, b) => b.teaches.reduce((n, s) => n + (missing.get(s) ?? 0), 0) - a.teaches.reduce((n, s) => n + (missing.get(s) ?? 0), 0))
    .slice(0, options.limit ?? 5);
}

// ------------------------------------------------------------------ words
/** Who reads the reasons: the veteran about a job ("you"), or an employer about a candidate ("the candidate"). */
export type ReasonAudience = "veteran" | "employer";

/** Reasons about the job itself (how new it is, who it prefers): a candidate card never shows them. */
const JOB_SIDE_REASONS = new Set<MatchReason["code"]>(["veteran_preferred", "fresh"]);

/** The reasons an employer may read about a candidate: what the candidate has, wants or where they live. */
export function candidateSideReasons(reasons: readonly MatchReason[]): MatchReason[] {
  return reasons.filter((r) => !JOB_SIDE_REASONS.has(r.code));
}

type PlaceCode = "region_county" | "region_city" | "region_province";
const PLACE_TEXT: Record<ReasonAudience, Record<MatchLocale, Record<PlaceCode, Record<PlaceWhose, string>>>> = {
  veteran: {
    "zh-CN": {
      region_county: { home: "位于您居住的区县", wanted: "位于您意向工作的区县", both: "位于您居住且意向工作的区县" },
      region_city: { home: "位于您居住的城市", wanted: "位于您意向工作的城市", both: "位于您居住且意向工作的城市" },
      region_province: { home: "位于您居住的省份", wanted: "位于您意向工作的省份", both: "位于您居住且意向工作的省份" },
    },
    en: {
      region_county: { home: "In the county where you live", wanted: "In the county where you want to work", both: "In the county where you live and want to work" },
      region_city: { home: "In the city where you live", wanted: "In the city where you want to work", both: "In the city where you live and want to work" },
      region_province: { home: "In the province where you live", wanted: "In the province where you want to work", both: "In the province where you live and want to work" },
    },
  },
  employer: {
    "zh-CN": {
      region_county: { home: "居住在岗位所在区县", wanted: "意向在岗位所在区县工作", both: "居住并意向在岗位所在区县工作" },
      region_city: { home: "居住在岗位所在城市", wanted: "意向在岗位所在城市工作", both: "居住并意向在岗位所在城市工作" },
      region_province: { home: "居住在岗位所在省份", wanted: "意向在岗位所在省份工作", both: "居住并意向在岗位所在省份工作" },
    },
    en: {
      region_county: { home: "Lives in the job's county", wanted: "Wants to work in the job's county", both: "Lives and wants to work in the job's county" },
      region_city: { home: "Lives in the job's city", wanted: "Wants to work in the job's city", both: "Lives and wants to work in the job's city" },
      region_province: { home: "Lives in the job's province", wanted: "Wants to work in the job's province", both: "Lives and wants to work in the job's province" },
    },
  },
};

const REASON_TEXT: Record<ReasonAudience, Record<MatchLocale, Record<Exclude<MatchReason["code"], PlaceCode>, string>>> = {
  veteran: {
    "zh-CN": {
      skills: "技能匹配：{x}",
      category: "同一行业：{x}",
      salary: "薪资符合您的期望",
      job_type: "工作类型符合您的期望",
      veteran_preferred: "退役军人优先",
      fresh: "新发布",
    },
    en: {
      skills: "Skills: {x}",
      category: "Same trade: {x}",
      salary: "Pay meets what you asked for",
      job_type: "The kind of work you want",
      veteran_preferred: "Veterans preferred",
      fresh: "Newly posted",
    },
  },
  employer: {
    "zh-CN": {
      skills: "具备技能：{x}",
      category: "同一行业：{x}",
      salary: "期望薪资在本岗位范围内",
      job_type: "希望从事此类工作",
      veteran_preferred: "退役军人优先",
      fresh: "新发布",
    },
    en: {
      skills: "Has the skills: {x}",
      category: "Same trade: {x}",
      salary: "Expected pay within this job's range",
      job_type: "Wants this kind of work",
      veteran_preferred: "Veterans preferred",
      fresh: "Newly posted",
    },
  },
};

/**
 * A skill's name in the viewer's language: a taxonomy id, name or synonym becomes the skill's name (驾驶 / Driving);
 * a term the taxonomy does not know is shown as written, never as an id.
 */
export function skillName(idOrTerm: string, locale: MatchLocale): string {
  const s = getSkill(idOrTerm) ?? getSkill(normalizeSkill(idOrTerm) ?? "");
  return s ? (locale === "en" ? s.nameEn : s.name) : idOrTerm;
}

function categoryName(id: string | undefined, locale: MatchLocale): string {
  const c = taxonomy.categories.find((k) => k.id === id);
  if (c) return locale === "en" ? c.nameEn : c.name;
  return locale === "en" ? "Other" : "其他";
}

/** One reason in words for `audience`, in `locale`: skill and trade names, and whose place a region is. */
export function describeReason(reason: MatchReason, locale: MatchLocale, audience: ReasonAudience = "veteran"): string {
  if (reason.code === "region_county" || reason.code === "region_city" || reason.code === "region_province") {
    const said = reason.detail?.[1];
    const whose: PlaceWhose = said === "wanted" || said === "both" ? said : "home";
    return PLACE_TEXT[audience][locale][reason.code][whose];
  }
  const template = REASON_TEXT[audience][locale][reason.code];
  let x = "";
  if (reason.code === "skills") x = (reason.detail ?? []).map((id) => skillName(id, locale)).join(locale === "en" ? ", " : "、");
  if (reason.code === "category") x = categoryName(reason.detail?.[0], locale);
  return template.replace("{x}", x);
}
