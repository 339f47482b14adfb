// Match and search quality on the labelled evaluation set (tests/fixtures/match-eval.json, built by
// tests/fixtures/realistic/generate.ts with the placement rules in its README): NDCG@10 of the jobs matched for each
// veteran, recall@10 of each search query. The postings and veterans are read through the import's own row rules
// (what a bureau's spreadsheet becomes in the database), indexed in the embedded engine with the app's index
// definitions, and matched and searched through the same functions the site uses.
//
//   npm run bench -- --quality            the two figures, per-query recall and the worst veterans
//   npx tsx scripts/bench-quality.ts      the same, directly
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { prepareImport } from "../app/models/import/run";
import { validateRow, type JobRow as ImportJobRow, type VeteranRow } from "../app/models/import/rows";
import { divisionRowsToCounty } from "../db/regions";
import { EmbeddedSearchEngine } from "../search/embedded";
import { regionAncestors } from "../search/filter";
import { buildIndexDefinitions, toJobDocument, type JobDocument } from "../search/indexes";
import { matchJobsForVeteran, toSkillIds, type VeteranForMatching } from "../search/match";
import { activateCooccurrence, buildCooccurrence } from "../search/cooccurrence";
import { jobSearchToQuery, parseJobSearchLenient } from "../search/query-params";
import { placeDictionary } from "../search/sync";
import { synonymGroups } from "../search/taxonomy";
import { parseArgs } from "node:util";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_FIXTURES = path.join(ROOT, "tests/fixtures");

interface EvalSet {
  grades: Record<string, Record<string, number>>;
  searches: { q: string; note: string; relevant: string[] }[];
}

function rowsOf<K extends "jobs" | "veterans">(kind: K, file: string) {
  const prepared = prepareImport(kind, readFileSync(file));
  if (!prepared.ok) throw new Error(`${file}: ${JSON.stringify(prepared.errors)}`);
  const out: (K extends "jobs" ? ImportJobRow : VeteranRow)[] = [];
  for (const r of prepared.rows) {
    const v = validateRow(kind, r.line, r.values);
    if (!v.ok) throw new Error(`${file} line ${r.line}: ${JSON.stringify(v.errors)}`);
    out.push(v.row as K extends "jobs" ? ImportJobRow : VeteranRow);
  }
  return out;
}

/** DCG of graded results with gain 2^g − 1. */
function dcg(grades: number[]): number {
  return grades.reduce((sum, g, i) => sum + (Math.pow(2, g) - 1) / Math.log2(i + 2), 0);
}

export function ndcgAt(k: number, ranked: string[], labels: Record<string, number>): number {
  const got = dcg(ranked.slice(0, k).map((id) => labels[id] ?? 0));
  const ideal = dcg(
    Object.values(labels)
      .sort((a, b) => b - a)
      .slice(0, k),
  );
  return ideal === 0 ? 1 : got / ideal;
}

export function recallAt(k: number, ranked: string[], relevant: string[]): number {
  if (relevant.length === 0) return 1;
  const set = new Set(relevant);
  const found = ranked.slice(0, k).filter((id) => set.has(id)).length;
  return found / Math.min(k, relevant.length);
}

export interface QualityResult {
  ndcg: number;
  recall: number;
  perVeteran: { id: string; ndcg: number; ranked: string[] }[];
  perQuery: { q: string; recall: number; note: string; hits: string[] }[];
}

/** `fixtures`: a folder with jobs-realistic.csv, veterans-realistic.csv and match-eval.json (default tests/fixtures). */
export async function measureQuality(fixtures = DEFAULT_FIXTURES): Promise<QualityResult> {
  const evalSet = JSON.parse(readFileSync(path.join(fixtures, "match-eval.json"), "utf8")) as EvalSet;
  const regionRows = divisionRowsToCounty();
  const byCode = new Map(regionRows.map((r) => [r.code, r]));
  const regionName = (code: string) =>
    regionAncestors(code)
      .map((c) => byCode.get(c)?.name)
      .filter((n): n is string => !!n && n !== "市辖区" && n !== "县")
      .join(" ");
  const defs = buildIndexDefinitions(synonymGroups(), { dictionary: placeDictionary(regionRows) });
  const engine = new EmbeddedSearchEngine();
  await engine.configure(defs.jobs);
  const now = Date.now();
  const jobs: JobDocument[] = rowsOf("jobs", path.join(fixtures, "jobs-realistic.csv")).map((r) =>
    toJobDocument(
      {
        id: r.external_id,
        organizationId: r.organization!,
        externalId: r.external_id,
        title: r.title!,
        description: r.description ?? "",
        category: r.category,
        skills: r.skills,
        regionCode: r.region_code!,
        lat: null,
        lng: null,
        salaryMin: r.salary_min,
        salaryMax: r.salary_max,
        jobType: r.job_type,
        veteranPreferred: r.veteran_preferred,
        publishedAt: new Date(now - 86_400_000),
      },
      { organizationName: r.organization!, organizationVerified: true, regionName: regionName(r.region_code!) },
    ),
  );
  await engine.replaceAll("jobs", jobs);
  const veterans = rowsOf("veterans", path.join(fixtures, "veterans-realistic.csv"));
  // unknown terms' company with known skills, from the same rows, as configureIndexes builds it from the database
  if (process.env.BENCH_NO_COOCCURRENCE !== "1") {
    activateCooccurrence(buildCooccurrence([...jobs.map((j) => j.skills), ...veterans.map((v) => [...v.skills, ...v.certificates, ...v.desired_roles])], (t) => toSkillIds([t])));
  }

  const perVeteran: QualityResult["perVeteran"] = [];
  for (const v of veterans) {
    const forMatching: VeteranForMatching = {
      id: v.external_id,
      specialty: v.specialty,
      certificates: v.certificates,
      skills: v.skills,
      desiredRoles: v.desired_roles,
      regionCode: v.region_code,
      desiredRegionCodes: v.desired_region_codes,
      salaryMin: v.salary_min,
      jobTypes: v.job_types,
    };
    const matches = await matchJobsForVeteran(engine, forMatching, { limit: 10, now });
    const ranked = matches.map((m) => m.job.id);
    perVeteran.push({ id: v.external_id, ndcg: ndcgAt(10, ranked, evalSet.grades[v.external_id] ?? {}), ranked });
  }

  const perQuery: QualityResult["perQuery"] = [];
  for (const s of evalSet.searches) {
    const { value } = parseJobSearchLenient(new URLSearchParams({ q: s.q }));
    const result = await engine.search("jobs", { ...jobSearchToQuery(value), hitsPerPage: 10, page: 1 });
    const hits = result.hits.map((h) => h.id);
    perQuery.push({ q: s.q, note: s.note, recall: recallAt(10, hits, s.relevant), hits });
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return { ndcg: mean(perVeteran.map((p) => p.ndcg)), recall: mean(perQuery.map((q) => q.recall)), perVeteran, perQuery };
}

export async function printQuality(fixtures = DEFAULT_FIXTURES): Promise<void> {
  const t = performance.now();
  const r = await measureQuality(fixtures);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const half = (odd: boolean) => mean(r.perVeteran.filter((_, i) => i % 2 === (odd ? 1 : 0)).map((p) => p.ndcg));
  console.log(`Match and search quality (${path.relative(ROOT, fixtures) || "."}/match-eval.json; ${r.perVeteran.length} veterans, ${r.perQuery.length} queries)\n`);
  console.log("| measure | value | target |");
  console.log("| --- | --- | --- |");
  console.log(`| matching NDCG@10 | ${r.ndcg.toFixed(3)} | ≥ 0.90 |`);
  console.log(`| matching NDCG@10, even / odd veterans | ${half(false).toFixed(3)} / ${half(true).toFixed(3)} | |`);
  console.log(`| search recall@10 | ${r.recall.toFixed(3)} | ≥ 0.95 |`);
  console.log(`\nsearch recall@10 by query: ${r.perQuery.map((q) => `${q.q}=${q.recall.toFixed(2)}`).join(", ")}`);
  const worst = [...r.perVeteran].sort((a, b) => a.ndcg - b.ndcg).slice(0, 8);
  console.log(`lowest NDCG@10: ${worst.map((w) => `${w.id}=${w.ndcg.toFixed(2)}`).join(", ")}`);
  console.log(`(${((performance.now() - t) / 1000).toFixed(1)} s)`);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { fixtures } = parseArgs({ options: { fixtures: { type: "string" } }, strict: true }).values;
  printQuality(fixtures ? path.resolve(fixtures) : undefined).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
