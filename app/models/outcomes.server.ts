import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { regions } from "../../db/schema";
import type { Actor } from "./authz.server";
import { assertRegionInScope, staffScope } from "./staff-scope.server";
import { OUTCOME_FIGURES, type OutcomeFigure } from "../forms/outcomes";
import { DomainError, NotFoundError } from "./errors";

export { OUTCOME_FIGURES, type OutcomeFigure };

/*
 * Outcome figures for staff, bureaus and admins (/staff/outcomes): what the bureaus' reports measure, for one region
 * and period, with the same figures for each region one level down so a person can drill from province to town.
 *
 * Region codes (GB/T 2260) nest by prefix: a province is its first 2 digits, a city 4, a county 6, a town 9 (the
 * town's own code). Every figure is counted once, under the region code of the row it describes (the veteran's
 * region for veterans, applications and enrolments; the posting's or fair's region for those), so the children's
 * figures plus the "not further specified" row add up to the parent's.
 */

const PREFIX_LENGTH: Record<number, number> = { 1: 2, 2: 4, 3: 6, 4: 9 };

export type OutcomeCounts = Record<OutcomeFigure, number>;

export interface OutcomeRow {
  /** The region's code; null for the row of records placed only at the parent level ("not further specified"). */
  regionCode: string | null;
  regionName: string | null;
  counts: OutcomeCounts;
  /** Hired veterans ÷ veterans who applied in the period, 0-1; null when nobody applied. */
  employmentRate: number | null;
  /** Median days from application to hire for hires in the period; null without hires. */
  medianDaysToHire: number | null;
}

export interface OutcomeReport {
  region: { code: string; name: string; level: number } | null;
  /** The path from the province down to the region, for the breadcrumb. */
  path: { code: string; name: string }[];
  from: Date;
  to: Date;
  total: OutcomeRow;
  children: OutcomeRow[];
}

export interface OutcomeQuery {
  /** A region code; absent means the whole country (children are provinces). */
  regionCode?: string;
  from: Date;
  /** Exclusive end of the period. */
  to: Date;
}

function emptyCounts(): OutcomeCounts {
  return Object.fromEntries(OUTCOME_FIGURES.map((f) => [f, 0])) as OutcomeCounts;
}

interface Scope {
  /** Prefix every counted region code starts with ("" for the country). */
  prefix: string;
  /** How many leading characters name the child region a row belongs to. */
  childLength: number;
}

async function loadRegion(db: Db, code: string) {
  const [region] = await db.select().from(regions).where(eq(regions.code, code));
  if (!region) throw new NotFoundError();
  return region;
}

async function regionPath(db: Db, code: string) {
  const path: { code: string; name: string }[] = [];
  let current: string | null = code;
  for (let i = 0; current && i < 6; i++) {
    const region = await loadRegion(db, current);
    path.unshift({ code: region.code, name: region.name });
    current = region.parentCode;
  }
  return path;
}

/**
 * The child prefix a region code counts under, or null when the code names the parent itself or a level between
 * (320500 under 江苏 counts as 苏州; 320000 itself, or a 6-digit county code under a county, is "not further specified").
 */
function childOf(scope: Scope, column: ReturnType<typeof sql.raw>) {
  const tail = scope.childLength - scope.prefix.length;
  return sql`case when length(${column}) >= ${scope.childLength}
                   and substr(${column}, ${scope.prefix.length + 1}, ${tail}) !~ '^0+$'
              then substr(${column}, 1, ${scope.childLength}) else null end`;
}

/**
 * One figure per child region: `sql` must select `code` (the counted row's region code) and `n` (its amount), and
 * apply the period itself. Rows are grouped by the child prefix; codes no longer than the prefix go to `null`.
 */
async function countByChild(db: Db, scope: Scope, inner: ReturnType<typeof sql>): Promise<Map<string | null, number>> {
  const result = await db.execute(sql`
    select ${childOf(scope, sql.raw("code"))} as child,
           sum(n)::bigint as n
      from (${inner}) as counted
     where code like ${scope.prefix + "%"}
     group by 1`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { child: string | null; n: string | number }[];
  return new Map(rows.map((r) => [r.child, Number(r.n)]));
}

async function rowsOf(db: Db, query: string | ReturnType<typeof sql>) {
  const result = await db.execute(typeof query === "string" ? sql.raw(query) : query);
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
}

/** The figures for a region and period, and for each region one level down. Staff and admins only. */
export async function getOutcomeReport(db: Db, actor: Actor, query: OutcomeQuery): Promise<OutcomeReport> {
  // Staff see the figures of their station's region and below: without a region asked for, their own region; a
  // region outside it is NotFound.
  const access = await staffScope(db, actor);
  if (!(query.from < query.to)) throw new DomainError("outcomes:errors.period", "from");
  const regionCode = query.regionCode ?? access.station?.regionCode ?? undefined;
  if (access.prefix !== null) assertRegionInScope(access, regionCode);
  const region = regionCode ? await loadRegion(db, regionCode) : null;
  const prefix = region ? region.code.slice(0, PREFIX_LENGTH[region.level] ?? region.code.length) : "";
  const childLength = region ? (PREFIX_LENGTH[region.level + 1] ?? region.code.length) : 2;
  const scope: Scope = { prefix, childLength };
  const { from, to } = query;
  const fromIso = from.toISOString();
  const toIso = to.toISOString();

  const figures: Record<OutcomeFigure, ReturnType<typeof sql>> = {
    veteransRegistered: sql`select region_code as code, 1 as n from veteran_profiles where region_code is not null and created_at < ${toIso}`,
    veteransNew: sql`select region_code as code, 1 as n from veteran_profiles where region_code is not null and created_at >= ${fromIso} and created_at < ${toIso}`,
    // Complete enough to be matched: a specialty or skills, a desired role or region, and a way to reach them.
    profilesComplete: sql`select region_code as code, 1 as n from veteran_profiles
      where region_code is not null and created_at < ${toIso}
        and (specialty is not null or cardinality(skills) > 0)
        and (cardinality(desired_roles) > 0 or cardinality(desired_region_codes) > 0)
        and (phone is not null or contact_email is not null or user_id is not null)`,
    jobSeekers: sql`select p.region_code as code, 1 as n from veteran_profiles p
      where p.region_code is not null
        and exists (select 1 from applications a where a.veteran_profile_id = p.id and a.created_at >= ${fromIso} and a.created_at < ${toIso})`,
    applications: sql`select p.region_code as code, 1 as n from applications a join veteran_profiles p on p.id = a.veteran_profile_id
      where p.region_code is not null and a.created_at >= ${fromIso} and a.created_at < ${toIso}`,
    interviews: eventCount("interview", fromIso, toIso),
    offers: eventCount("offer", fromIso, toIso),
    hires: eventCount("hired", fromIso, toIso),
    veteransHired: sql`select p.region_code as code, 1 as n from veteran_profiles p
      where p.region_code is not null and exists (
        select 1 from application_events e join applications a on a.id = e.application_id
         where a.veteran_profile_id = p.id and e.status = 'hired' and e.created_at >= ${fromIso} and e.created_at < ${toIso})`,
    jobsPublished: sql`select region_code as code, 1 as n from job_postings
      where published_at is not null and published_at >= ${fromIso} and published_at < ${toIso}`,
    trainingSeats: sql`select region_code as code, capacity as n from training_slots
      where status = 'published' and starts_at >= ${fromIso} and starts_at < ${toIso}`,
    trainingEnrolments: enrolmentCount("enrolled", fromIso, toIso),
    trainingWaitlisted: enrolmentCount("waitlisted", fromIso, toIso),
    fairs: sql`select region_code as code, 1 as n from job_fairs
      where region_code is not null and starts_at >= ${fromIso} and starts_at < ${toIso}`,
    fairPositions: sql`select region_code as code, positions_offered as n from job_fairs
      where region_code is not null and starts_at >= ${fromIso} and starts_at < ${toIso}`,
  };

  const byChild = new Map<string | null, OutcomeCounts>();
  const total = emptyCounts();
  for (const figure of OUTCOME_FIGURES) {
    const counts = await countByChild(db, scope, figures[figure]);
    for (const [child, n] of counts) {
      let row = byChild.get(child);
      if (!row) byChild.set(child, (row = emptyCounts()));
      row[figure] += n;
      total[figure] += n;
    }
  }

  const hireDays = await hireDurations(db, scope, fromIso, toIso);
  const childCodes = [...byChild.keys()].filter((c): c is string => c !== null);
  const names = await childRegionNames(db, region, childCodes);
  // A town is the finest level: it has its total and no rows below it.
  const children: OutcomeRow[] = (region && region.level >= 4 ? [] : [...byChild.entries()])
    .map(([code, counts]) => ({
      regionCode: code === null ? null : (names.get(code)?.code ?? code),
      regionName: code === null ? null : (names.get(code)?.name ?? null),
      counts,
      employmentRate: counts.jobSeekers ? counts.veteransHired / counts.jobSeekers : null,
      medianDaysToHire: median(hireDays.get(code) ?? []),
    }))
    .sort((a, b) => (a.regionCode === null ? 1 : b.regionCode === null ? -1 : a.regionCode.localeCompare(b.regionCode)));

  return {
    region: region ? { code: region.code, name: region.name, level: region.level } : null,
    path: region ? await regionPath(db, region.code) : [],
    from,
    to,
    total: {
      regionCode: region?.code ?? null,
      regionName: region?.name ?? null,
      counts: total,
      employmentRate: total.jobSeekers ? total.veteransHired / total.jobSeekers : null,
      medianDaysToHire: median([...hireDays.values()].flat()),
    },
    children,
  };
}

function eventCount(status: "interview" | "offer" | "hired", fromIso: string, toIso: string) {
  return sql`select p.region_code as code, 1 as n from application_events e
    join applications a on a.id = e.application_id
    join veteran_profiles p on p.id = a.veteran_profile_id
    where p.region_code is not null and e.status = ${status} and e.created_at >= ${fromIso} and e.created_at < ${toIso}`;
}

function enrolmentCount(status: "enrolled" | "waitlisted", fromIso: string, toIso: string) {
  return sql`select p.region_code as code, 1 as n from training_enrollments t
    join veteran_profiles p on p.id = t.veteran_profile_id
    where p.region_code is not null and t.status = ${status} and t.created_at >= ${fromIso} and t.created_at < ${toIso}`;
}

/** Days from application to hire, per child region, for hires in the period. */
async function hireDurations(db: Db, scope: Scope, fromIso: string, toIso: string): Promise<Map<string | null, number[]>> {
  const rows = await rowsOf(
    db,
    sql`select ${childOf(scope, sql.raw("p.region_code"))} as child,
               extract(epoch from (e.created_at - a.created_at)) / 86400.0 as days
          from application_events e
          join applications a on a.id = e.application_id
          join veteran_profiles p on p.id = a.veteran_profile_id
         where e.status = 'hired' and e.created_at >= ${fromIso} and e.created_at < ${toIso}
           and p.region_code like ${scope.prefix + "%"}`,
  );
  const out = new Map<string | null, number[]>();
  for (const r of rows) {
    const key = (r.child as string | null) ?? null;
    const list = out.get(key) ?? [];
    list.push(Number(r.days));
    out.set(key, list);
  }
  return out;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}

/** Child prefixes → the child region (a province "32" is region "320000", a city "3205" is "320500"). */
async function childRegionNames(db: Db, parent: { code: string; level: number } | null, prefixes: string[]) {
  const out = new Map<string, { code: string; name: string }>();
  if (prefixes.length === 0) return out;
  const childLevel = parent ? parent.level + 1 : 1;
  const candidates = prefixes.map((p) => (p.length >= 6 ? p : p.padEnd(6, "0")));
  const rows = await db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(and(inArray(regions.code, candidates), eq(regions.level, childLevel)))
    .orderBy(asc(regions.code));
  for (const r of rows) out.set(r.code.slice(0, PREFIX_LENGTH[childLevel] ?? r.code.length), r);
  return out;
}

// ---------------------------------------------------------------- export

export interface OutcomeTable {
  header: string[];
  rows: (string | number | null)[][];
}

/** The report as a table (one row per child region, then the total), with headers from `label`. */
export function outcomeTable(report: OutcomeReport, label: (key: string) => string): OutcomeTable {
  const header = [
    label("region"),
    label("regionCode"),
    ...OUTCOME_FIGURES.map((f) => label(`figures.${f}`)),
    label("figures.employmentRate"),
    label("figures.medianDaysToHire"),
  ];
  const line = (row: OutcomeRow, name: string): (string | number | null)[] => [
    name,
    row.regionCode,
    ...OUTCOME_FIGURES.map((f) => row.counts[f]),
    row.employmentRate === null ? null : Math.round(row.employmentRate * 1000) / 10,
    row.medianDaysToHire,
  ];
  const rows = report.children.map((c) => line(c, c.regionName ?? label("unspecified")));
  rows.push(line(report.total, `${label("total")}${report.region ? ` · ${report.region.name}` : ""}`));
  return { header, rows };
}

/** RFC 4180 CSV with a BOM so spreadsheet programs read the Chinese headers as UTF-8; formula-like cells quoted safe. */
export function outcomeCsv(table: OutcomeTable): string {
  const cell = (v: string | number | null) => {
    if (v === null) return "";
    let s = String(v);
    if (/^[=+\-@\t\r]/.test(s) && typeof v === "string") s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return "\uFEFF" + [table.header, ...table.rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

export async function outcomeXlsx(table: OutcomeTable, sheetName: string): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Rongye";
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.addRow(table.header).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((v) => (v === null ? "" : v)));
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 24 : 14;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
