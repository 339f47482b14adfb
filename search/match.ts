// Matching, both ways, with reasons: jobs for a veteran, veterans for a job, and training for the skills a
// veteran's best jobs ask for but the veteran lacks. Candidates come from the search engine (so Meilisearch and the
// embedded engine behave alike); the score is ours and explainable.
import type { IndexName, SearchEngine, SearchHit } from "./engine";
import type { JobDocument, TrainingSlotDocument, VeteranProfileDocument } from "./indexes";
import { regionAncestors } from "./filter";
import {
  categoryForSkills,
  getSkill,
  getSpecialty,
  normalizeSkill,
  recognizeCertificates,
  skillsForCertificates,
  suggestFromSpecialty,
  taxonomy,
  taxonomyVersion,
} from "./taxonomy";
import type { Locale } from "../db/enums";

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
  /** Skill ids, or region code, depending on the code. */
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
    const k = `${taxonomyVersion}\u0000${key}`;
    const hit = this.map.get(k);
    if (hit !== undefined) return hit;
    const value = make();
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as string);
    this.map.set(k, value);
    return value;
  }
}
const skillIdsMemo = new Memo<string[]>(20_000);
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
  }
  return [...out];
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
  for (const s of toSkillIds(v.desiredRoles)) all.add(s);
  return { all, fromSpecialty };
}

function regionFit(jobRegion: string, veteranRegions: string[]): { value: number; reason?: MatchReason } {
  if (!jobRegion || veteranRegions.length === 0) return { value: 0.2 };
  const [jobProvince, jobCity, jobCounty] = regionAncestors(jobRegion);
  let best: { value: number; reason?: MatchReason } = { value: 0.1 };
  for (const r of veteranRegions) {
    const [province, city, county] = regionAncestors(r);
    const cityLevel = r.length === 6 && r.endsWith("00") && !r.endsWith("0000");
    let fit: { value: number; reason?: MatchReason } = { value: 0.1 };
    if (!cityLevel && county && county === jobCounty) fit = { value: 1, reason: { code: "region_county", detail: [jobCounty] } };
    // Wanting "all of Suzhou" is met by any job in Suzhou, a little below the home county itself.
    else if (city && city === jobCity) fit = { value: cityLevel ? 0.85 : 0.7, reason: { code: "region_city", detail: [jobCity] } };
    else if (province && province === jobProvince) fit = { value: 0.4, reason: { code: "region_province", detail: [jobProvince] } };
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

/** Score one job for one veteran; pure, so it is tested directly. */
export function scoreJob(v: VeteranForMatching, vSkills: Set<string>, job: JobDocument, now = Date.now()): JobMatch {
  const jobSkills = toSkillIds(job.skills);
  const have = jobSkills.filter((s) => vSkills.has(s));
  const missingSkills = jobSkills.filter((s) => !vSkills.has(s));
  const reasons: MatchReason[] = [];
  let skill: number;
  if (jobSkills.length > 0) {
    // Share of the job's skills covered, with a floor for any overlap: one strong skill is worth a lot.
    skill = have.length === 0 ? 0 : 0.35 + 0.65 * (have.length / jobSkills.length);
  } else {
    skill = 0;
  }
  const vCategory = categoryForSkills([...vSkills]);
  if (have.length > 0) reasons.push({ code: "skills", detail: have });
  if (job.category && vSkills.size > 0 && job.category === vCategory) {
    skill = Math.max(skill, 0.45);
    if (have.length === 0) reasons.push({ code: "category", detail: [job.category] });
  }
  const regions = v.desiredRegionCodes.length ? v.desiredRegionCodes : v.regionCode ? [v.regionCode] : [];
  const region = regionFit(job.region_code, regions);
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
  const regions = v.desiredRegionCodes.length ? v.desiredRegionCodes : v.regionCode ? [v.regionCode] : [];
  // Only taxonomy skill names go into the query: they are what documents and synonyms know. Free text (an unusual
  // specialty name) would be a rare word that matches nothing and, with the "frequency" strategy, empties the result.
  const q = skillTerms(all);
  const queries: Parameters<SearchEngine["search"]>[1][] = [];
  if (q) queries.push({ q, matchingStrategy: "frequency", hitsPerPage: 60 });
  // Nearby jobs of the same skills, one query per distinct city wanted (at most three).
  const cities = [...new Set(regions.map((r) => regionAncestors(r)[1]).filter(Boolean))].slice(0, 3);
  for (const city of cities) {
    queries.push({ q: q || undefined, matchingStrategy: "frequency", filter: [{ op: "prefix", field: "region_codes", value: city }], hitsPerPage: 30 });
  }
  const category = categoryForSkills([...all]);
  if (category !== "other") queries.push({ filter: [{ op: "eq", field: "category", value: category }], sort: "newest", hitsPerPage: 30 });
  if (queries.length === 0) queries.push({ sort: "newest", hitsPerPage: 50 });
  const candidates = await collect<JobDocument>(search, "jobs", queries);
  return [...candidates.values()]
    .map((h) => scoreJob(v, all, h.document as JobDocument, options.now))
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
  const jobSkills = toSkillIds(job.skills);
  const q = skillTerms(jobSkills.length ? jobSkills : toSkillIds([job.title]));
  const visibility = options.verifiedEmployer ? [] : [{ op: "eq" as const, field: "visibility", value: "public" }];
  const city = regionAncestors(job.region_code)[1];
  const queries: Parameters<SearchEngine["search"]>[1][] = [
    { q, matchingStrategy: "frequency", filter: visibility, hitsPerPage: 60 },
  ];
  if (city) queries.push({ filter: [...visibility, { op: "prefix", field: "region_codes", value: city }], hitsPerPage: 40 });
  const candidates = await collect<VeteranProfileDocument>(search, "veteran_profiles", queries);
  return [...candidates.values()]
    .map((h) => {
      const profile = h.document as VeteranProfileDocument;
      const v = profileDocumentForMatching(profile);
      const m = scoreJob(v, veteranSkillIds(v).all, job, options.now);
      return { profile, score: m.score, parts: m.parts, reasons: m.reasons, missingSkills: m.missingSkills };
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
const REASON_TEXT: Record<MatchLocale, Record<MatchReason["code"], string>> = {
  "zh-CN": {
    skills: "技能匹配：{x}",
    category: "同一行业：{x}",
    region_county: "同一区县",
    region_city: "同一城市",
    region_province: "同一省份",
    salary: "薪资符合期望",
    job_type: "工作类型符合",
    veteran_preferred: "退役军人优先",
    fresh: "新发布",
  },
  en: {
    skills: "Skills: {x}",
    category: "Same trade: {x}",
    region_county: "Same county",
    region_city: "Same city",
    region_province: "Same province",
    salary: "Salary fits",
    job_type: "Job type fits",
    veteran_preferred: "Veterans preferred",
    fresh: "Newly posted",
  },
};

export function skillName(id: string, locale: MatchLocale): string {
  const s = getSkill(id);
  return s ? (locale === "en" ? s.nameEn : s.name) : id;
}

export function describeReason(reason: MatchReason, locale: MatchLocale): string {
  const template = REASON_TEXT[locale][reason.code];
  let x = "";
  if (reason.code === "skills") x = (reason.detail ?? []).map((id) => skillName(id, locale)).join(locale === "en" ? ", " : "、");
  if (reason.code === "category") {
    const c = taxonomy.categories.find((k) => k.id === reason.detail?.[0]);
    x = c ? (locale === "en" ? c.nameEn : c.name) : (reason.detail?.[0] ?? "");
  }
  return template.replace("{x}", x);
}
