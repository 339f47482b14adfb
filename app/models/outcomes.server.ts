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
  /** Still employed at the 3- and 6-month follow-ups ÷ follow-ups answered, 0-1; null when none was answered. */
  retention3Rate: number | null;
  retention6Rate: number | null;
  /** Follow-ups done within the grace period ÷ follow-ups due in the period, 0-1. */
  followUpOnTimeRate: number | null;
}

/** The rates of a row, from its counts. */
export function outcomeRates(counts: OutcomeCounts) {
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  return {
    employmentRate: ratio(counts.veteransHired, counts.jobSeekers),
    retention3Rate: ratio(counts.followUps3Retained, counts.followUps3Checked),
    retention6Rate: ratio(counts.followUps6Retained, counts.followUps6Checked),
    followUpOnTimeRate: ratio(counts.followUpsOnTime, counts.followUpsDue),
  };
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
 * Figures per child region from one query: `inner` must select `code` (the counted row's region code) and one
 * numeric column per figure, and apply the period itself. Rows are grouped by the child prefix; codes no longer than
 * the prefix go to `null`. One pass over a table gives all its figures (FILTER clauses), not one scan per figure.
 */
async function countByChild(
  db: Db,
  scope: Scope,
  figures: readonly OutcomeFigure[],
  inner: ReturnType<typeof sql>,
): Promise<Map<string | null, Partial<OutcomeCounts>>> {
  const sums = sql.join(
    figures.map((f) => sql`coalesce(sum(${sql.identifier(f)}), 0)::bigint as ${sql.identifier(f)}`),
    sql`, `,
  );
  const rows = await rowsOf(
    db,
    sql`select ${childOf(scope, sql.raw("code"))} as child, ${sums}
          from (${inner}) as counted
         where code like ${scope.prefix + "%"}
         group by 1`,
  );
  return new Map(rows.map((r) => [(r.child as string | null) ?? null, Object.fromEntries(figures.map((f) => [f, Number(r[f])]))]));
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

  const byChild = new Map<string | null, OutcomeCounts>();
  const total = emptyCounts();
  // the groups read different tables: on a connection pool they run side by side (in a transaction, one by one)
  const groups = figureGroups(fromIso, toIso, scope.prefix);
  const [results, hireDays] = await Promise.all([
    Promise.all(groups.map((group) => countByChild(db, scope, group.figures, group.sql))),
    hireDurations(db, scope, fromIso, toIso),
  ]);
  for (const [i, group] of groups.entries()) {
    const counts = results[i]!;
    for (const [child, partial] of counts) {
      let row = byChild.get(child);
      if (!row) byChild.set(child, (row = emptyCounts()));
      for (const figure of group.figures) {
        const n = partial[figure] ?? 0;
        row[figure] += n;
        total[figure] += n;
      }
    }
  }
  // a region whose rows all counted zero is not shown
  for (const [child, row] of byChild) if (OUTCOME_FIGURES.every((f) => row[f] === 0)) byChild.delete(child);

  const childCodes = [...byChild.keys()].filter((c): c is string => c !== null);
  const names = await childRegionNames(db, region, childCodes);
  // A town is the finest level: it has its total and no rows below it.
  const children: OutcomeRow[] = (region && region.level >= 4 ? [] : [...byChild.entries()])
    .map(([code, counts]) => ({
      regionCode: code === null ? null : (names.get(code)?.code ?? code),
      regionName: code === null ? null : (names.get(code)?.name ?? null),
      counts,
      ...outcomeRates(counts),
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
      ...outcomeRates(total),
      medianDaysToHire: median([...hireDays.values()].flat()),
    },
    children,
  };
}

/** A follow-up done within a week of its due date counts as on time. */
export const FOLLOW_UP_GRACE_DAYS = 7;

/**
 * The figures, grouped by the table one query reads. Each row is counted under one region code: the veteran's for
 * veterans, applications, enrolments and follow-ups; the posting's, course's or fair's for those; the park package's
 * for incubation; the record's (its station's region) for service records. So children always add up to the parent.
 */
function figureGroups(fromIso: string, toIso: string, prefix: string): { figures: readonly OutcomeFigure[]; sql: ReturnType<typeof sql> }[] {
  const inPeriod = (column: string) => sql`${sql.raw(column)} >= ${fromIso} and ${sql.raw(column)} < ${toIso}`;
  const like = prefix + "%";
  const fromMonth = fromIso.slice(0, 7);
  const toMonth = new Date(Date.parse(toIso) - 1).toISOString().slice(0, 7);
  return [
    {
      figures: ["veteransRegistered", "veteransNew", "profilesComplete"],
      sql: sql`select p.region_code as code,
          (p.created_at < ${toIso})::int as "veteransRegistered",
          (${inPeriod("p.created_at")})::int as "veteransNew",
          -- complete enough to be matched: a specialty or skills, a desired role or region, and a way to reach them
          (p.created_at < ${toIso} and (p.specialty is not null or cardinality(p.skills) > 0)
            and (cardinality(p.desired_roles) > 0 or cardinality(p.desired_region_codes) > 0)
            and (p.phone is not null or p.contact_email is not null or p.user_id is not null))::int as "profilesComplete"
        from veteran_profiles p where p.region_code like ${like}`,
    },
    // Distinct veterans: EXISTS in WHERE (a semi-join over the period's rows), never a subquery per veteran.
    {
      figures: ["jobSeekers"],
      sql: sql`select p.region_code as code, 1 as "jobSeekers" from veteran_profiles p
        where p.region_code like ${like}
          and exists (select 1 from applications a where a.veteran_profile_id = p.id and ${inPeriod("a.created_at")})`,
    },
    {
      figures: ["veteransHired"],
      sql: sql`select p.region_code as code, 1 as "veteransHired" from veteran_profiles p
        where p.region_code like ${like}
          and exists (select 1 from application_events e join applications a on a.id = e.application_id
                       where a.veteran_profile_id = p.id and e.status = 'hired' and ${inPeriod("e.created_at")})`,
    },
    {
      figures: ["applications"],
      sql: sql`select p.region_code as code, 1 as "applications" from applications a join veteran_profiles p on p.id = a.veteran_profile_id
        where p.region_code like ${like} and ${inPeriod("a.created_at")}`,
    },
    {
      figures: ["interviews", "offers", "hires"],
      sql: sql`select p.region_code as code, (e.status = 'interview')::int as "interviews", (e.status = 'offer')::int as "offers",
          (e.status = 'hired')::int as "hires"
        from application_events e join applications a on a.id = e.application_id join veteran_profiles p on p.id = a.veteran_profile_id
        where p.region_code like ${like} and e.status in ('interview', 'offer', 'hired') and ${inPeriod("e.created_at")}`,
    },
    {
      figures: ["jobsPublished"],
      sql: sql`select region_code as code, 1 as "jobsPublished" from job_postings
        where region_code like ${like} and published_at is not null and ${inPeriod("published_at")}`,
    },
    {
      figures: ["trainingSeats"],
      sql: sql`select region_code as code, capacity as "trainingSeats" from training_slots
        where region_code like ${like} and status = 'published' and ${inPeriod("starts_at")}`,
    },
    {
      figures: ["trainingEnrolments", "trainingWaitlisted"],
      sql: sql`select p.region_code as code, (t.status = 'enrolled')::int as "trainingEnrolments", (t.status = 'waitlisted')::int as "trainingWaitlisted"
        from training_enrollments t join veteran_profiles p on p.id = t.veteran_profile_id
        where p.region_code like ${like} and ${inPeriod("t.created_at")}`,
    },
    {
      figures: ["fairs", "fairPositions", "fairAttendees", "fairChats", "fairInterviews", "fairSigned"],
      sql: sql`select f.region_code as code, 1 as "fairs", f.positions_offered as "fairPositions",
          coalesce(r.attended, 0) as "fairAttendees", coalesce(c.chats, 0) as "fairChats",
          coalesce(c.interviews, 0) as "fairInterviews", coalesce(c.signed, 0) as "fairSigned"
        from job_fairs f
        left join (select fair_id, count(*) as attended from fair_registrations where attended_at is not null group by fair_id) r on r.fair_id = f.id
        left join (select fair_id, count(*) as chats,
                          count(*) filter (where outcome = 'interview_booked') as interviews,
                          count(*) filter (where outcome = 'signed') as signed
                     from fair_chats group by fair_id) c on c.fair_id = f.id
        where f.region_code like ${like} and ${inPeriod("f.starts_at")}`,
    },
    {
      figures: ["incubationApplications", "incubationAccepted", "venturesActive"],
      sql: sql`select k.region_code as code,
          (${inPeriod("s.created_at")})::int as "incubationApplications",
          (s.status = 'accepted' and s.decided_at is not null and ${inPeriod("s.decided_at")})::int as "incubationAccepted",
          -- in the park during the period: accepted, started before its end
          (s.status = 'accepted' and coalesce(s.start_date::timestamptz, s.decided_at) < ${toIso})::int as "venturesActive"
        from startup_applications s join incubator_packages k on k.id = s.package_id
        where k.region_code like ${like}`,
    },
    {
      // a venture's monthly figures count once, in the region of the first park that accepted it
      figures: ["ventureJobsCreated", "ventureVeteransHired"],
      sql: sql`select home.region_code as code, m.jobs_created as "ventureJobsCreated", m.veterans_hired as "ventureVeteransHired"
        from venture_metrics m
        join (select distinct on (s.venture_id) s.venture_id, k.region_code
                from startup_applications s join incubator_packages k on k.id = s.package_id
               where s.status = 'accepted'
               order by s.venture_id, s.decided_at nulls last, s.id) home on home.venture_id = m.venture_id
        where home.region_code like ${like} and m.month >= ${fromMonth} and m.month <= ${toMonth}`,
    },
    {
      figures: ["followUps3Checked", "followUps3Retained", "followUps6Checked", "followUps6Retained", "followUpsDue", "followUpsOnTime"],
      sql: sql`select region_code as code,
          (month = 3 and still_employed is not null)::int as "followUps3Checked",
          (month = 3 and still_employed)::int as "followUps3Retained",
          (month = 6 and still_employed is not null)::int as "followUps6Checked",
          (month = 6 and still_employed)::int as "followUps6Retained",
          1 as "followUpsDue",
          (done_at is not null and done_at <= due_at + make_interval(days => ${FOLLOW_UP_GRACE_DAYS}))::int as "followUpsOnTime"
        from follow_ups where region_code like ${like} and ${inPeriod("due_at")}`,
    },
    {
      figures: ["serviceRecords", "serviceVisits", "assistedApplications"],
      sql: sql`select region_code as code, 1 as "serviceRecords", (channel = 'visit')::int as "serviceVisits",
          (assisted_application_id is not null)::int as "assistedApplications"
        from service_records where region_code like ${like} and ${inPeriod("occurred_at")}`,
    },
  ];
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
    label("figures.retention3Rate"),
    label("figures.retention6Rate"),
    label("figures.followUpOnTimeRate"),
  ];
  const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);
  const line = (row: OutcomeRow, name: string): (string | number | null)[] => [
    name,
    row.regionCode,
    ...OUTCOME_FIGURES.map((f) => row.counts[f]),
    pct(row.employmentRate),
    row.medianDaysToHire,
    pct(row.retention3Rate),
    pct(row.retention6Rate),
    pct(row.followUpOnTimeRate),
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
