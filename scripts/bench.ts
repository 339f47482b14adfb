// Search bench: a synthetic Chinese corpus of jobs and veteran profiles (deterministic), index build time,
// resident memory after GC, and query latency (p50/p95/p99) for ~40 realistic queries, for the embedded engine and,
// side by side, MiniSearch and Orama used plainly (Intl.Segmenter tokens). Each engine runs in its own child
// process so memory figures do not mix.
//
//   npm run bench -- --fairs [--clients 1000] [--joins 200]             (fairs: joins, SSE fan-out, chat; scripts/bench-fairs.ts)
//   npm run bench -- --outcomes [--veterans N] [--applications N]   (outcome dashboard, scripts/bench-outcomes.ts)
//   npm run bench -- [--size 10000|100000|1000000] [--profiles N] [--runs 5]
//        [--engines embedded,minisearch,orama] [--baseline-runs 1] [--no-http] [--no-pg] [--pg-url URL] [--hooks|--no-hooks]
//   (options: scripts/bench-args.ts)
//
// Over 200k jobs (the 1M mode) the default is jobs only, embedded only, no hooks.
//
// Hooks: every module in scripts/bench-hooks/*.ts that default-exports a `BenchHook` runs in the embedded child
// after the indexes are built (matching, Postgres ILIKE/pg_trgm, HTTP) and prints its own rows.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { SearchEngine, SearchQuery } from "../search/engine";
import type { SearchFilter } from "../search/filter";
import { JOB_TYPES } from "../db/enums";
import { EmbeddedSearchEngine } from "../search/embedded";
import { regionAncestors } from "../search/filter";
import { buildIndexDefinitions, type JobDocument, type VeteranProfileDocument } from "../search/indexes";
import { benchArgs, passedOn } from "./bench-args";

// ---------------------------------------------------------------- corpus

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Place {
  code: string;
  path: [string, string, string];
  lat: number;
  lng: number;
}

export const PLACES: Place[] = [
  { code: "320582", path: ["江苏省", "苏州市", "张家港市"], lat: 31.875, lng: 120.555 },
  { code: "320581", path: ["江苏省", "苏州市", "常熟市"], lat: 31.654, lng: 120.752 },
  { code: "320583", path: ["江苏省", "苏州市", "昆山市"], lat: 31.385, lng: 120.981 },
  { code: "320508", path: ["江苏省", "苏州市", "姑苏区"], lat: 31.311, lng: 120.618 },
  { code: "320571", path: ["江苏省", "苏州市", "苏州工业园区"], lat: 31.317, lng: 120.722 },
  { code: "320102", path: ["江苏省", "南京市", "玄武区"], lat: 32.048, lng: 118.797 },
  { code: "320115", path: ["江苏省", "南京市", "江宁区"], lat: 31.953, lng: 118.84 },
  { code: "320281", path: ["江苏省", "无锡市", "江阴市"], lat: 31.92, lng: 120.285 },
  { code: "330106", path: ["浙江省", "杭州市", "西湖区"], lat: 30.259, lng: 120.13 },
  { code: "330683", path: ["浙江省", "绍兴市", "嵊州市"], lat: 29.587, lng: 120.821 },
  { code: "310115", path: ["上海市", "上海市", "浦东新区"], lat: 31.221, lng: 121.544 },
  { code: "440305", path: ["广东省", "深圳市", "南山区"], lat: 22.533, lng: 113.93 },
  { code: "440106", path: ["广东省", "广州市", "天河区"], lat: 23.125, lng: 113.361 },
  { code: "441403", path: ["广东省", "梅州市", "梅县区"], lat: 24.266, lng: 116.082 },
  { code: "370211", path: ["山东省", "青岛市", "黄岛区"], lat: 35.96, lng: 120.198 },
  { code: "510107", path: ["四川省", "成都市", "武侯区"], lat: 30.642, lng: 104.043 },
  { code: "420111", path: ["湖北省", "武汉市", "洪山区"], lat: 30.5, lng: 114.344 },
  { code: "410105", path: ["河南省", "郑州市", "金水区"], lat: 34.8, lng: 113.66 },
  { code: "110105", path: ["北京市", "北京市", "朝阳区"], lat: 39.921, lng: 116.443 },
  { code: "610113", path: ["陕西省", "西安市", "雁塔区"], lat: 34.213, lng: 108.948 },
];

interface Trade {
  title: string;
  /** A taxonomy category id, as the app's job documents carry. */
  category: string;
  skills: string[];
  salary: [number, number];
  english?: string;
}

const TRADES: Trade[] = [
  { title: "货车司机", category: "driving_logistics", skills: ["驾驶", "A2驾照", "货物运输"], salary: [6000, 10000], english: "Truck driver" },
  { title: "网约车司机", category: "driving_logistics", skills: ["驾驶", "C1驾照"], salary: [6000, 12000] },
  { title: "公交车驾驶员", category: "driving_logistics", skills: ["客车驾驶", "A1驾照"], salary: [6000, 9000] },
  { title: "快递员", category: "warehouse", skills: ["配送", "快递"], salary: [5000, 9000] },
  { title: "仓库管理员", category: "warehouse", skills: ["仓储管理", "库存盘点"], salary: [4500, 7000] },
  { title: "叉车工", category: "warehouse", skills: ["叉车", "叉车证"], salary: [5000, 8000], english: "Forklift operator" },
  { title: "物流调度员", category: "warehouse", skills: ["调度", "车辆调度"], salary: [5500, 8500] },
  { title: "保安员", category: "security", skills: ["安保", "巡逻", "保安员证"], salary: [4000, 6000], english: "Security guard" },
  { title: "保安队长", category: "security", skills: ["安保", "队伍管理"], salary: [6000, 9000] },
  { title: "押运员", category: "security", skills: ["押运", "持枪证"], salary: [6000, 9000] },
  { title: "消防设施操作员", category: "emergency_rescue", skills: ["消防", "消防设施操作员证"], salary: [5000, 8000] },
  { title: "应急救援员", category: "emergency_rescue", skills: ["应急救援", "急救"], salary: [5500, 8500] },
  { title: "电工", category: "electrical", skills: ["电工", "电工证", "低压电工"], salary: [6000, 9500], english: "Electrician" },
  { title: "焊工", category: "electrical", skills: ["焊接", "电焊", "焊工证"], salary: [6500, 11000], english: "Welder" },
  { title: "数控车床操作工", category: "manufacturing", skills: ["数控", "机械加工"], salary: [6000, 9500], english: "CNC operator" },
  { title: "装配工", category: "manufacturing", skills: ["装配", "钳工"], salary: [5000, 7500] },
  { title: "质检员", category: "manufacturing", skills: ["质量检验", "质检"], salary: [5000, 7500] },
  { title: "机修工", category: "manufacturing", skills: ["设备维修", "机械维修"], salary: [6000, 9000] },
  { title: "汽车维修工", category: "manufacturing", skills: ["汽车维修", "汽修"], salary: [6000, 10000], english: "Mechanic" },
  { title: "电梯维修工", category: "electrical", skills: ["电梯维修", "特种设备作业"], salary: [6500, 10000] },
  { title: "空调维修工", category: "electrical", skills: ["制冷", "空调维修"], salary: [6000, 9000] },
  { title: "厨师", category: "catering", skills: ["烹饪", "厨师证"], salary: [5000, 9000], english: "Chef" },
  { title: "炊事员", category: "catering", skills: ["烹饪", "食堂管理"], salary: [4500, 7000] },
  { title: "运维工程师", category: "it_operations", skills: ["运维", "Linux", "网络管理"], salary: [8000, 15000], english: "IT operations engineer" },
  { title: "网络管理员", category: "it_operations", skills: ["网络维护", "网管"], salary: [6000, 10000] },
  { title: "软件测试工程师", category: "it_operations", skills: ["软件测试", "Python"], salary: [8000, 14000] },
  { title: "无人机操作员", category: "it_operations", skills: ["无人机", "航拍"], salary: [7000, 12000], english: "Drone pilot" },
  { title: "物业管理员", category: "management", skills: ["物业管理", "客户服务"], salary: [4500, 7000] },
  { title: "社区网格员", category: "management", skills: ["社区工作", "网格管理"], salary: [4000, 6000] },
  { title: "体能教练", category: "education_training", skills: ["体能训练", "健身"], salary: [6000, 12000], english: "Fitness coach" },
  { title: "行政助理", category: "management", skills: ["行政管理", "办公软件"], salary: [4500, 7000] },
  { title: "人力资源专员", category: "management", skills: ["招聘", "人力资源"], salary: [5500, 8500] },
  { title: "销售代表", category: "sales", skills: ["销售", "客户开发"], salary: [5000, 15000], english: "Sales representative" },
  { title: "客服专员", category: "sales", skills: ["客户服务", "电话沟通"], salary: [4500, 6500] },
];

const TITLE_PREFIX = ["", "", "", "高级", "资深", "夜班", "储备", "驻场"];
const TITLE_SUFFIX = ["", "", "", "（退役军人优先）", "（急招）", "（五险一金）"];
const ORG_HEAD = ["恒通", "华安", "中联", "永信", "瑞丰", "长江", "东方", "新城", "宏达", "金港", "兵哥哥", "国泰", "鑫源", "天成"];
const ORG_TAIL = ["物流有限公司", "保安服务有限公司", "精密制造有限公司", "物业管理有限公司", "科技有限公司", "建设集团", "餐饮管理有限公司", "汽车服务有限公司"];
const DESC = [
  "负责{skill}相关工作，服从公司安排。",
  "要求身体健康，吃苦耐劳，有{skill}经验者优先。",
  "退役军人优先录用，提供岗前培训。",
  "工作地点位于{place}，交通便利。",
  "公司缴纳五险一金，包住宿，提供工作餐。",
  "需持有效证件上岗，{skill}熟练。",
  "做五休二，节假日按国家规定安排。",
  "有团队协作精神，执行力强，能适应倒班。",
  "试用期三个月，转正后薪资面议。",
  "欢迎有部队服役经历的同志加入我们。",
  "岗位长期稳定，表现优秀者可晋升班组长。",
  "熟悉{skill}操作规程，安全意识强。",
];
const BRANCHES = ["陆军", "海军", "空军", "火箭军", "武警部队", "联勤保障部队", "信息支援部队"];
const SPECIALTIES = ["汽车驾驶", "警卫", "炊事", "通信", "装备维修", "工程兵", "卫生员", "侦察", "雷达操作", "电工兵"];
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
/** Job types weighted as real postings are: mostly full-time. */
const WEIGHTED_JOB_TYPES = ["full_time", "full_time", ...JOB_TYPES];

export function placeName(p: Place): string {
  return p.path[0] === p.path[1] ? `${p.path[0]} ${p.path[2]}` : p.path.join(" ");
}

const T0 = Date.UTC(2026, 0, 1);

export function makeJobs(n: number, seed = 42): JobDocument[] {
  const rnd = mulberry32(seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];
  const out: JobDocument[] = [];
  for (let i = 0; i < n; i++) {
    const t = pick(TRADES);
    const p = pick(PLACES);
    const title = pick(TITLE_PREFIX) + t.title + pick(TITLE_SUFFIX) + (t.english && rnd() < 0.15 ? ` ${t.english}` : "");
    const skill = pick(t.skills);
    const desc = Array.from({ length: 3 + Math.floor(rnd() * 3) }, () => pick(DESC))
      .join("")
      .replace(/\{skill\}/g, skill)
      .replace(/\{place\}/g, p.path[1] + p.path[2]);
    const base = t.salary[0] + Math.round((rnd() - 0.5) * 1000 / 100) * 100;
    const hasSalary = rnd() > 0.05;
    out.push({
      id: `job-${i}`,
      external_id: null,
      title,
      organization: p.path[2].replace(/[市区县]$/, "") + pick(ORG_HEAD) + pick(ORG_TAIL),
      organization_id: `org-${Math.floor(rnd() * 5000)}`,
      organization_verified: rnd() < 0.6,
      description: desc,
      category: t.category,
      skills: [...new Set([skill, pick(t.skills)])],
      region_code: p.code,
      region_codes: regionAncestors(p.code),
      region_name: placeName(p),
      salary_min: hasSalary ? base : null,
      salary_max: hasSalary ? base + (t.salary[1] - t.salary[0]) : null,
      job_type: pick(WEIGHTED_JOB_TYPES),
      veteran_preferred: rnd() < 0.7,
      published_at: T0 + Math.floor(rnd() * 180) * 86_400_000,
      _geo: { lat: p.lat + (rnd() - 0.5) * 0.2, lng: p.lng + (rnd() - 0.5) * 0.2 },
    });
  }
  return out;
}

export function makeProfiles(n: number, seed = 7): VeteranProfileDocument[] {
  const rnd = mulberry32(seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];
  const out: VeteranProfileDocument[] = [];
  for (let i = 0; i < n; i++) {
    const p = pick(PLACES);
    const t1 = pick(TRADES);
    const t2 = pick(TRADES);
    out.push({
      id: `vet-${i}`,
      surname_initial: SURNAMES[Math.floor(rnd() * SURNAMES.length)],
      region_code: p.code,
      region_codes: regionAncestors(p.code),
      region_name: placeName(p),
      branch: pick(BRANCHES),
      specialty: pick(SPECIALTIES),
      rank: pick(["列兵", "上等兵", "下士", "中士", "上士", "四级军士长", "中尉", "上尉"]),
      years_served: 2 + Math.floor(rnd() * 14),
      discharge_year: 2010 + Math.floor(rnd() * 16),
      education: pick(["初中", "高中", "中专", "大专", "本科"]),
      certificates: rnd() < 0.5 ? [pick(t1.skills)] : [],
      skills: [...new Set([pick(t1.skills), pick(t2.skills), pick(t1.skills)])],
      desired_roles: [t1.title, ...(rnd() < 0.4 ? [t2.title] : [])],
      desired_region_codes: regionAncestors(p.code),
      salary_min: 4000 + Math.floor(rnd() * 60) * 100,
      job_types: [pick(WEIGHTED_JOB_TYPES)],
      visibility: rnd() < 0.5 ? "public" : "verified_employers",
      updated_at: T0 + Math.floor(rnd() * 365) * 86_400_000,
    });
  }
  return out;
}

// ---------------------------------------------------------------- queries

export interface BenchQuery {
  kind: "trade" | "synonym" | "place+trade" | "english" | "pinyin" | "typo" | "filtered" | "profiles";
  query: SearchQuery;
  index?: "jobs" | "veteran_profiles";
}

const ZJG = { lat: 31.875, lng: 120.555 };
const suzhou: SearchFilter = [{ op: "prefix", field: "region_codes", value: "3205" }];

export const QUERIES: BenchQuery[] = [
  ...["司机", "保安", "电工", "叉车", "厨师", "运维工程师", "仓库管理员", "焊工", "数控", "消防"].map((q) => ({ kind: "trade" as const, query: { q } })),
  ...["驾驶员", "安保", "炊事员", "电焊", "网管"].map((q) => ({ kind: "synonym" as const, query: { q } })),
  ...["保安 张家港", "司机 苏州", "电工 昆山", "张家港保安", "南京 叉车", "深圳 运维"].map((q) => ({ kind: "place+trade" as const, query: { q } })),
  ...["driver", "security guard", "electrician", "forklift", "welder", "chef"].map((q) => ({ kind: "english" as const, query: { q } })),
  ...["siji", "baoan", "sj", "zhangjiagang", "diangong"].map((q) => ({ kind: "pinyin" as const, query: { q } })),
  ...["drivr", "securty", "electrcian", "forklfit"].map((q) => ({ kind: "typo" as const, query: { q } })),
  { kind: "filtered", query: { q: "司机", filter: suzhou } },
  { kind: "filtered", query: { q: "保安", filter: [{ op: "overlap", minField: "salary_min", maxField: "salary_max", gte: 6000 }] } },
  {
    kind: "filtered",
    query: { q: "电工", filter: [{ op: "bool", field: "veteran_preferred", value: true }, { op: "eq", field: "job_type", value: "full_time" }], facets: ["category", "job_type"] },
  },
  { kind: "filtered", query: { filter: [{ op: "prefix", field: "region_codes", value: "32" }], sort: "newest", facets: ["category"] } },
  { kind: "filtered", query: { q: "厨师", sort: "salary_desc", filter: suzhou } },
  { kind: "filtered", query: { q: "司机", geo: { ...ZJG, radiusKm: 20 }, sort: "distance" } },
  { kind: "filtered", query: { q: "仓库", highlight: true, page: 3 } },
  { kind: "profiles", index: "veteran_profiles", query: { q: "驾驶 叉车", matchingStrategy: "frequency", filter: [{ op: "prefix", field: "desired_region_codes", value: "3205" }] } },
  { kind: "profiles", index: "veteran_profiles", query: { q: "保安", filter: [{ op: "range", field: "salary_min", lte: 6000 }] } },
  { kind: "profiles", index: "veteran_profiles", query: { q: "电工 焊接", matchingStrategy: "frequency" } },
];

// ---------------------------------------------------------------- measuring

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export interface Latencies {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  count: number;
}

export function summarize(ms: number[]): Latencies {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN, count: s.length };
}

function rssMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().rss / 1024 / 1024;
}

export interface BenchContext {
  engine: SearchEngine;
  jobs: JobDocument[];
  profiles: VeteranProfileDocument[];
  summarize: typeof summarize;
  /** Runs `fn` `runs` times and returns the per-call milliseconds. */
  time: (runs: number, fn: () => Promise<unknown> | unknown) => Promise<number[]>;
}

export interface BenchRow {
  name: string;
  latencies?: Latencies;
  note?: string;
}

export interface BenchHook {
  name: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

/**
 * On-CPU milliseconds of the last `time()` calls (process CPU time, all threads): unlike wall time it does not
 * grow when other processes take the cores, so it stays meaningful on a shared machine.
 */
const cpuSamples: number[] = [];

async function time(runs: number, fn: () => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
    const d = process.cpuUsage(c);
    cpuSamples.push((d.user + d.system) / 1000);
  }
  return out;
}

interface ChildResult {
  engine: string;
  buildMs: number;
  rssMb: number;
  /** RSS after the queries ran (V8 has returned pages freed by the build by then). */
  settledRssMb?: number;
  baseRssMb: number;
  latencies: Latencies;
  cpuLatencies: Latencies;
  /** Load average (1 min) when the child finished: other work on the machine inflates wall times. */
  load: number;
  byKind: Record<string, Latencies>;
  notes: string[];
  hookRows: BenchRow[];
  recall?: Record<string, number>;
}

async function loadSynonyms(): Promise<string[][]> {
  try {
    const mod = (await import("../search/taxonomy/index")) as { synonymGroups?: () => string[][] };
    if (mod.synonymGroups) return mod.synonymGroups();
  } catch {
    // taxonomy not present: the bench runs without synonyms
  }
  return [];
}

const HOOK_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "bench-hooks");
function hookFilesPresent(): boolean {
  return existsSync(HOOK_DIR) && readdirSync(HOOK_DIR).some((f) => /\.(ts|mts|js|mjs)$/.test(f));
}

async function runEmbedded(size: number, profilesN: number, runs: number): Promise<ChildResult> {
  const groups = await loadSynonyms();
  const dictionary = PLACES.flatMap((p) => [...p.path, p.path[2].replace(/[市区县]$/, ""), p.path[1].replace(/市$/, "")]);
  const defs = buildIndexDefinitions(groups, { dictionary });
  const baseRssMb = rssMb();
  const engine = new EmbeddedSearchEngine();
  await engine.configure(defs.jobs);
  await engine.configure(defs.veteran_profiles);
  // generated outside the timed part; then dropped, as rows read from the database would be after a reindex
  let jobsInput: JobDocument[] | null = makeJobs(size);
  let profilesInput: VeteranProfileDocument[] | null = makeProfiles(profilesN);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await engine.replaceAll("jobs", jobsInput);
  if (profilesInput.length > 0) await engine.replaceAll("veteran_profiles", profilesInput);
  const buildMs = performance.now() - t0;
  const c1 = process.cpuUsage(c0);
  const buildCpuMs = (c1.user + c1.system) / 1000;
  jobsInput = null;
  profilesInput = null;
  const rss = rssMb();
  const all: number[] = [];
  const byKind: Record<string, number[]> = {};
  const recall: Record<string, number> = {};
  // warm-up once (lazy structures: sorted terms, typo index)
  const queries = QUERIES.filter((q) => profilesN > 0 || q.index !== "veteran_profiles");
  for (const q of queries) await engine.search(q.index ?? "jobs", q.query);
  cpuSamples.length = 0;
  for (const q of queries) {
    const ms = await time(runs, () => engine.search(q.index ?? "jobs", q.query));
    all.push(...ms);
    (byKind[q.kind] ??= []).push(...ms);
    const r = await engine.search(q.index ?? "jobs", q.query);
    const label = (q.index === "veteran_profiles" ? "[profiles] " : "") + (q.query.q ?? "(browse)") + (q.query.filter || q.query.geo ? " +filter" : "");
    recall[label] = r.total;
  }
  const cpuLatencies = summarize(cpuSamples);
  const notes: string[] = [];
  // memory before the hooks (they build their own inputs): the engine with its indexes and nothing else
  await new Promise((r) => setTimeout(r, 1000));
  const settledRssMb = rssMb();
  {
    const m = process.memoryUsage();
    notes.push(
      `after the queries: JS heap used ${(m.heapUsed / 1048576).toFixed(0)} MB of ${(m.heapTotal / 1048576).toFixed(0)} MB, ` +
        `typed arrays ${(m.arrayBuffers / 1048576).toFixed(0)} MB, RSS ${(m.rss / 1048576).toFixed(0)} MB`,
    );
  }
  const hookRows: BenchRow[] = [];
  const runHooks = hookFilesPresent() && (size <= 200_000 || benchArgs().hooks) && !benchArgs()["no-hooks"];
  if (runHooks) {
    const jobs = makeJobs(size);
    const profiles = makeProfiles(profilesN);
    const hookFiles = readdirSync(HOOK_DIR).filter((f) => /\.(ts|mts|js|mjs)$/.test(f)).sort();
    for (const f of hookFiles) {
      const mod = (await import(pathToFileURL(path.join(HOOK_DIR, f)).href)) as { default?: BenchHook };
      if (!mod.default) continue;
      const t = performance.now();
      try {
        const rows = await mod.default.run({ engine, jobs, profiles, summarize, time });
        hookRows.push(...rows.map((r) => ({ ...r, name: `${mod.default!.name}: ${r.name}` })));
      } catch (e) {
        hookRows.push({ name: `${mod.default.name}: failed`, note: (e as Error).message });
      }
      process.stderr.write(`hook ${mod.default.name}: ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    }
  } else {
    notes.push(hookFilesPresent() ? "hooks not run (sizes over 200k need --hooks; --no-hooks)" : "no hooks in scripts/bench-hooks/");
  }
  const ix = engine.index("jobs")!;
  notes.push(`jobs index: ${ix.termCount()} terms; postings, documents and per-doc arrays ${(ix.memoryBytes() / 1024 / 1024).toFixed(1)} MB`);
  const px = engine.index("veteran_profiles");
  if (px && px.documents > 0) notes.push(`profiles index: ${px.termCount()} terms; ${(px.memoryBytes() / 1024 / 1024).toFixed(1)} MB`);
  notes.push(`build CPU time ${(buildCpuMs / 1000).toFixed(1)} s (wall ${(buildMs / 1000).toFixed(1)} s)`);
  return {
    engine: "embedded (Rongye)",
    buildMs,
    rssMb: rss,
    settledRssMb,
    baseRssMb,
    latencies: summarize(all),
    cpuLatencies,
    load: (await import("node:os")).loadavg()[0],
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, summarize(v)])),
    notes,
    hookRows,
    recall,
  };
}

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
function segmentTokens(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(text.toLowerCase())) if (s.isWordLike) out.push(s.segment);
  return out;
}

async function runMiniSearch(size: number, runs: number): Promise<ChildResult> {
  const { default: MiniSearch } = await import("minisearch");
  const baseRssMb = rssMb();
  let jobs: JobDocument[] | null = makeJobs(size);
  const t0 = performance.now();
  const ms = new MiniSearch<JobDocument>({
    fields: ["title", "description", "skills", "category"],
    storeFields: ["title"],
    tokenize: segmentTokens,
    extractField: (doc, field) => {
      const v = (doc as Record<string, unknown>)[field];
      return Array.isArray(v) ? v.join(" ") : String(v ?? "");
    },
  });
  ms.addAll(jobs);
  const buildMs = performance.now() - t0;
  jobs = null;
  const rss = rssMb();
  const all: number[] = [];
  const byKind: Record<string, number[]> = {};
  const jobQueries = QUERIES.filter((q) => !q.index && q.query.q);
  cpuSamples.length = 0;
  for (const q of jobQueries) {
    const t = await time(runs, () => ms.search(q.query.q!, { prefix: true, fuzzy: 0.2, combineWith: "OR" }).slice(0, 20));
    all.push(...t);
    (byKind[q.kind] ??= []).push(...t);
  }
  const cpuLatencies = summarize(cpuSamples);
  const settledRssMb = rssMb();
  return {
    settledRssMb,
    cpuLatencies,
    load: (await import("node:os")).loadavg()[0],
    engine: "MiniSearch 7.2 (Segmenter, OR, fuzzy 0.2, prefix)",
    buildMs,
    rssMb: rss,
    baseRssMb,
    latencies: summarize(all),
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, summarize(v)])),
    notes: ["query text only: no filters, facets, synonyms or pinyin; profiles not indexed"],
    hookRows: [],
  };
}

async function runOrama(size: number, runs: number): Promise<ChildResult> {
  const { create, insertMultiple, search } = await import("@orama/orama");
  const baseRssMb = rssMb();
  let jobs: JobDocument[] | null = makeJobs(size);
  const t0 = performance.now();
  const db = create({
    schema: { title: "string", description: "string", skills: "string[]", category: "string" } as const,
    components: { tokenizer: { language: "english", normalizationCache: new Map(), tokenize: (raw: string) => segmentTokens(raw) } },
  });
  await insertMultiple(
    db,
    jobs.map((j) => ({ id: j.id, title: j.title, description: j.description, skills: j.skills, category: j.category })),
    5000,
  );
  const buildMs = performance.now() - t0;
  jobs = null;
  const rss = rssMb();
  const all: number[] = [];
  const byKind: Record<string, number[]> = {};
  const jobQueries = QUERIES.filter((q) => !q.index && q.query.q);
  cpuSamples.length = 0;
  for (const q of jobQueries) {
    const t = await time(runs, () => search(db, { term: q.query.q!, tolerance: 1, limit: 20 }));
    all.push(...t);
    (byKind[q.kind] ??= []).push(...t);
  }
  const cpuLatencies = summarize(cpuSamples);
  const settledRssMb = rssMb();
  return {
    settledRssMb,
    cpuLatencies,
    load: (await import("node:os")).loadavg()[0],
    engine: "Orama 3.1 (Segmenter tokenizer, tolerance 1)",
    buildMs,
    rssMb: rss,
    baseRssMb,
    latencies: summarize(all),
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, summarize(v)])),
    notes: ["query text only: no filters, facets, synonyms or pinyin; profiles not indexed"],
    hookRows: [],
  };
}

// ---------------------------------------------------------------- CLI

const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : "—");

async function child(engine: string, size: number, profilesN: number, runs: number): Promise<void> {
  const result =
    engine === "embedded" ? await runEmbedded(size, profilesN, runs) : engine === "minisearch" ? await runMiniSearch(size, runs) : await runOrama(size, runs);
  process.stdout.write("\n@@RESULT@@" + JSON.stringify(result) + "\n");
}

/** RSS of an empty Node process, bare and with the tsx loader: what the process costs before any of our code. */
function nodeBaselineMb(withTsx: boolean): number {
  const r = spawnSync(process.execPath, [...(withTsx ? ["--import", "tsx"] : []), "-e", "console.log(process.memoryUsage().rss)"], { encoding: "utf8" });
  return Number(r.stdout.trim()) / 1048576;
}

async function main(): Promise<void> {
  const args = benchArgs();
  if (args.fairs) {
    // queue joins, SSE fan-out and chat latency for a fair (scripts/bench-fairs.ts)
    const { benchFairs } = await import("./bench-fairs");
    return benchFairs();
  }
  if (args.outcomes) {
    // the outcome dashboard on a province with 100k veterans and 500k applications (scripts/bench-outcomes.ts)
    const { benchOutcomes } = await import("./bench-outcomes");
    return benchOutcomes();
  }
  if (args.quality) {
    // match NDCG@10 and search recall@10 on the labelled evaluation set (scripts/bench-quality.ts)
    const { printQuality } = await import("./bench-quality");
    return printQuality(args.fixtures ? path.resolve(args.fixtures) : undefined);
  }
  if (args["api-load"]) {
    // the public API under load with 20,000 imported postings, one process and a cluster (scripts/bench-hooks/load-api.ts)
    const { runApiLoad } = await import("./bench-hooks/load-api");
    const rows = await runApiLoad();
    console.log("| row | p50 ms | p97.5 ms | p99 ms | note |");
    console.log("| --- | --- | --- | --- | --- |");
    for (const r of rows) {
      const l = r.latencies;
      console.log(`| ${r.name} | ${l ? fmt(l.p50, 2) : ""} | ${l ? fmt(l.p95, 2) : ""} | ${l ? fmt(l.p99, 2) : ""} | ${(r.note ?? "").replace(/\|/g, "/")} |`);
    }
    return;
  }
  const size = Number(args.size ?? "10000");
  const huge = size > 200_000;
  // 1M mode: jobs only, embedded only (the baselines would need tens of GB), no hooks unless asked
  const profilesN = Number(args.profiles ?? (huge ? "0" : String(size)));
  const runs = Number(args.runs ?? "5");
  const baselineRuns = Number(args["baseline-runs"] ?? (size >= 50_000 ? "1" : String(runs)));
  const engines = (args.engines ?? (huge ? "embedded" : "embedded,minisearch,orama")).split(",");
  const childEngine = args.child ?? "";
  if (childEngine) return child(childEngine, size, profilesN, childEngine === "embedded" ? runs : baselineRuns);

  const os = await import("node:os");
  console.log(`Rongye search bench: ${size} jobs, ${profilesN} profiles (embedded only), ${QUERIES.length} queries,`);
  console.log(`${runs} runs each (baselines ${baselineRuns}); node ${process.version}, ${os.cpus().length} cpus, load ${os.loadavg()[0].toFixed(1)}\n`);
  const bareMb = nodeBaselineMb(false);
  const tsxMb = nodeBaselineMb(true);
  const results: ChildResult[] = [];
  const self = fileURLToPath(import.meta.url);
  const passed = passedOn(args);
  for (const e of engines) {
    process.stderr.write(`running ${e}…\n`);
    const r = spawnSync(
      process.execPath,
      ["--expose-gc", "--max-old-space-size=6000", "--import", "tsx", self, "--child", e, "--size", String(size), "--profiles", String(profilesN), "--runs", String(runs), "--baseline-runs", String(baselineRuns), ...passed],
      { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 30 * 60_000, stdio: ["ignore", "pipe", "pipe"] },
    );
    const line = (r.stdout ?? "").split("\n").find((l) => l.startsWith("@@RESULT@@"));
    if (!line) {
      console.log(`${e}: failed (exit ${r.status ?? r.signal}${r.error ? `, ${r.error.message}` : ""}) ${(r.stderr ?? "").slice(-800)}`);
      continue;
    }
    results.push(JSON.parse(line.slice("@@RESULT@@".length)) as ChildResult);
  }

  console.log(`One table. Search rows: ${size} jobs${profilesN ? ` + ${profilesN} profiles (embedded)` : ""}; latencies are wall time per call (on-CPU in brackets where measured).`);
  console.log(`Memory is process RSS after forced GC; an empty node process is ${fmt(bareMb, 0)} MB, with the tsx loader ${fmt(tsxMb, 0)} MB.\n`);
  console.log("| row | build | RSS settled (after build) | p50 ms | p95 ms | p99 ms | note |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const r of results) {
    const c = r.cpuLatencies;
    console.log(
      `| search: ${r.engine} | ${fmt(r.buildMs / 1000)} s | ${fmt(r.settledRssMb ?? NaN, 0)} MB (${fmt(r.rssMb, 0)} MB) | ${fmt(r.latencies.p50, 3)} (${fmt(c.p50, 3)}) | ${fmt(r.latencies.p95, 3)} (${fmt(c.p95, 3)}) | ${fmt(r.latencies.p99, 3)} (${fmt(c.p99, 3)}) | ${r.latencies.count} calls, max ${fmt(r.latencies.max, 1)} ms, load ${fmt(r.load, 1)} |`,
    );
  }
  for (const r of results) {
    for (const h of r.hookRows) {
      const l = h.latencies;
      console.log(`| ${h.name} | | | ${l ? fmt(l.p50, 3) : ""} | ${l ? fmt(l.p95, 3) : ""} | ${l ? fmt(l.p99, 3) : ""} | ${(h.note ?? "").replace(/\|/g, "/")} |`);
    }
  }
  for (const r of results) {
    console.log(`\n${r.engine} by query kind, wall time (p50 / p95 / p99 ms):`);
    for (const [k, l] of Object.entries(r.byKind)) console.log(`  ${k.padEnd(12)} ${fmt(l.p50, 3)} / ${fmt(l.p95, 3)} / ${fmt(l.p99, 3)}  (${l.count} samples)`);
    for (const n of r.notes) console.log(`  note: ${n}`);
    if (r.recall) console.log(`  hits per query: ${Object.entries(r.recall).map(([q, n]) => `${q}=${n}`).join(", ")}`);
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
