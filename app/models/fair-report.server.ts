import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client";
import { jobPostings, organizations } from "../../db/schema";
import { fairBooths, jobFairs } from "../../db/schema-fairs";
import { REPORT_BOOTH_COLUMNS, REPORT_TOTALS, REPORT_TRADE_COLUMNS } from "../forms/fairs";
import type { Actor } from "./authz.server";
import { isDomainError, NotFoundError } from "./errors";
import { API_CORS_HEADERS } from "./public-jobs-api.server";
import { helpRequests } from "./fair-queue.server";
import { fairFigures, requireManagedFair } from "./fairs.server";
import { outcomeCsv, outcomeXlsx, type OutcomeTable } from "./outcomes.server";

/**
 * What a fair counts, for its host (the live dashboard and the report, with CSV and XLSX) and for the public API:
 * the figures bureaus publish — employers, booths, positions, registered and attending veterans (online / on site),
 * chats, interviews, offers, signed — in total, per booth and per trade.
 */

export interface BoothFigures {
  boothId: string;
  orgName: string;
  positions: number;
  queued: number;
  waiting: number;
  inChat: number;
  repsAvailable: number;
  repsBusy: number;
  repsAway: number;
  chats: number;
  openChats: number;
  interviews: number;
  offers: number;
  signed: number;
  onSite: number;
}

/** Per-booth figures of a fair (approved booths), by organisation name. */
export async function boothFigures(db: Db, fairId: string): Promise<BoothFigures[]> {
  const rows = await queryRows<Record<string, string | number>>(
    db,
    sql`select b.id as booth_id, o.name as org_name,
        greatest(b.positions, coalesce((select sum(j.headcount)::int from job_postings j where j.id = any(b.posting_ids)), 0)) as positions,
        (select count(*)::int from fair_queue_entries q where q.booth_id = b.id) as queued,
        (select count(*)::int from fair_queue_entries q where q.booth_id = b.id and q.status in ('waiting', 'called')) as waiting,
        (select count(*)::int from fair_queue_entries q where q.booth_id = b.id and q.status = 'in_chat') as in_chat,
        (select count(*)::int from fair_queue_entries q where q.booth_id = b.id and q.source = 'on_site') as on_site,
        (select count(*)::int from fair_representatives r where r.booth_id = b.id and r.status = 'available') as reps_available,
        (select count(*)::int from fair_representatives r where r.booth_id = b.id and r.status = 'busy') as reps_busy,
        (select count(*)::int from fair_representatives r where r.booth_id = b.id and r.status = 'away') as reps_away,
        (select count(*)::int from fair_chats c where c.booth_id = b.id) as chats,
        (select count(*)::int from fair_chats c where c.booth_id = b.id and c.status = 'open') as open_chats,
        (select count(*)::int from fair_slots s where s.booth_id = b.id and s.booked_by_profile_id is not null) as interviews,
        (select count(*)::int from fair_chats c where c.booth_id = b.id and c.outcome in ('offer', 'signed')) as offers,
        (select count(*)::int from fair_chats c where c.booth_id = b.id and c.outcome = 'signed') as signed
      from fair_booths b join organizations o on o.id = b.organization_id
      where b.fair_id = ${fairId} and b.status = 'approved'
      order by o.name, b.id`,
  );
  const n = (v: unknown) => Number(v ?? 0);
  return rows.map((r) => ({
    boothId: String(r.booth_id),
    orgName: String(r.org_name),
    positions: n(r.positions),
    queued: n(r.queued),
    waiting: n(r.waiting),
    inChat: n(r.in_chat),
    repsAvailable: n(r.reps_available),
    repsBusy: n(r.reps_busy),
    repsAway: n(r.reps_away),
    chats: n(r.chats),
    openChats: n(r.open_chats),
    interviews: n(r.interviews),
    offers: n(r.offers),
    signed: n(r.signed),
    onSite: n(r.on_site),
  }));
}

export interface TradeFigures {
  trade: string;
  positions: number;
  chats: number;
  offers: number;
  signed: number;
}

/**
 * Per trade (the job category): positions are the headcount of the postings shown at booths; chats count under the
 * trade of the posting they ended on (or the booth's first posting); offers and signings under their posting's.
 */
export async function tradeFigures(db: Db, fairId: string): Promise<TradeFigures[]> {
  const positions = await queryRows<{ trade: string; positions: number }>(
    db,
    sql`select j.category as trade, sum(j.headcount)::int as positions
      from fair_booths b join job_postings j on j.id = any(b.posting_ids)
      where b.fair_id = ${fairId} and b.status = 'approved'
      group by j.category`,
  );
  const outcomes = await queryRows<{ trade: string; chats: number; offers: number; signed: number }>(
    db,
    sql`select coalesce(ja.category, jb.category) as trade, count(*)::int as chats,
        count(*) filter (where c.outcome in ('offer', 'signed'))::int as offers,
        count(*) filter (where c.outcome = 'signed')::int as signed
      from fair_chats c
      join fair_booths b on b.id = c.booth_id
      left join applications a on a.id = c.application_id
      left join job_postings ja on ja.id = a.job_posting_id
      left join job_postings jb on jb.id = b.posting_ids[1]
      where c.fair_id = ${fairId}
      group by 1`,
  );
  const byTrade = new Map<string, TradeFigures>();
  const get = (trade: string | null) => {
    const key = trade ?? "";
    let row = byTrade.get(key);
    if (!row) byTrade.set(key, (row = { trade: key, positions: 0, chats: 0, offers: 0, signed: 0 }));
    return row;
  };
  for (const p of positions) get(p.trade).positions += Number(p.positions);
  for (const o of outcomes) {
    const row = get(o.trade);
    row.chats += Number(o.chats);
    row.offers += Number(o.offers);
    row.signed += Number(o.signed);
  }
  return [...byTrade.values()].sort((a, b) => b.positions - a.positions || a.trade.localeCompare(b.trade));
}

/** The live dashboard: figures, each booth's queue and representatives, help requests and pending booth requests. */
export async function fairDashboard(db: Db, actor: Actor, fairId: string, options: { watching?: number } = {}) {
  const fair = await requireManagedFair(db, actor, fairId);
  const [figures, booths, help, [pending]] = await Promise.all([
    fairFigures(db, fair.id),
    boothFigures(db, fair.id),
    helpRequests(db, fair.id),
    db.select({ n: count() }).from(fairBooths).where(and(eq(fairBooths.fairId, fair.id), eq(fairBooths.status, "requested"))),
  ]);
  const inChat = booths.reduce((s, b) => s + b.openChats, 0);
  return {
    fair: { id: fair.id, title: fair.title, status: fair.status, mode: fair.mode, startsAt: fair.startsAt, endsAt: fair.endsAt },
    figures,
    live: { watching: options.watching ?? 0, waiting: figures.waiting, openChats: inChat },
    booths,
    help,
    pendingRequests: Number(pending?.n ?? 0),
  };
}

/** The report: totals, per booth and per trade. */
export async function fairReport(db: Db, actor: Actor, fairId: string) {
  const fair = await requireManagedFair(db, actor, fairId);
  const [figures, booths, trades, [org]] = await Promise.all([
    fairFigures(db, fair.id),
    boothFigures(db, fair.id),
    tradeFigures(db, fair.id),
    fair.organizerId ? db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, fair.organizerId)) : Promise.resolve([]),
  ]);
  const positions = Math.max(fair.positionsOffered, booths.reduce((s, b) => s + b.positions, 0));
  return {
    fair: { id: fair.id, title: fair.title, mode: fair.mode, status: fair.status, venue: fair.venue, startsAt: fair.startsAt, endsAt: fair.endsAt, organizerName: org?.name ?? null },
    figures: { ...figures, positions },
    booths,
    trades,
  };
}
export type FairReport = Awaited<ReturnType<typeof fairReport>>;


/**
 * The report as one table for CSV and XLSX: a totals block, then one row per booth, then one per trade, each
 * section headed by its own label row. `label` translates keys of the fairs namespace.
 */
export function reportTable(report: FairReport, label: (key: string) => string, tradeName: (code: string) => string): OutcomeTable {
  const header = [label("report.section"), label("report.name"), ...REPORT_BOOTH_COLUMNS.map((c) => label(`report.columns.${c}`))];
  const rows: (string | number | null)[][] = [];
  for (const key of REPORT_TOTALS) rows.push([label("report.totals"), label(`report.totalsLabels.${key}`), report.figures[key]]);
  for (const b of report.booths) rows.push([label("report.byBooth"), b.orgName, ...REPORT_BOOTH_COLUMNS.map((c) => b[c])]);
  rows.push([label("report.byTrade"), label("report.name"), ...REPORT_TRADE_COLUMNS.map((c) => label(`report.columns.${c}`))]);
  for (const tr of report.trades) rows.push([label("report.byTrade"), tr.trade ? tradeName(tr.trade) : label("report.noTrade"), ...REPORT_TRADE_COLUMNS.map((c) => tr[c])]);
  return { header, rows };
}

export { outcomeCsv as reportCsv, outcomeXlsx as reportXlsx };

// ---------------------------------------------------------------- the public API

export const API_FAIRS_PAGE_SIZE = 50;

async function publicSummaries(db: Db, ids: string[]) {
  if (!ids.length) return new Map<string, { booths: number; positions: number }>();
  const rows = await queryRows<{ fair_id: string; booths: number; positions: number }>(
    db,
    sql`select b.fair_id, count(*)::int as booths, coalesce(sum(b.positions), 0)::int as positions
      from fair_booths b where b.fair_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}) and b.status = 'approved'
      group by b.fair_id`,
  );
  return new Map(rows.map((r) => [String(r.fair_id), { booths: Number(r.booths), positions: Number(r.positions) }]));
}

/** GET /api/fairs: published (and closed) fairs, newest start first, 50 a page. */
export async function publicFairList(db: Db, page: number) {
  const p = Math.max(1, Math.min(1000, Math.floor(page) || 1));
  const where = inArray(jobFairs.status, ["published", "closed"]);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: jobFairs.id,
        title: jobFairs.title,
        mode: jobFairs.mode,
        status: jobFairs.status,
        regionCode: jobFairs.regionCode,
        startsAt: jobFairs.startsAt,
        endsAt: jobFairs.endsAt,
        positionsOffered: jobFairs.positionsOffered,
      })
      .from(jobFairs)
      .where(where)
      .orderBy(desc(jobFairs.startsAt), asc(jobFairs.id))
      .limit(API_FAIRS_PAGE_SIZE)
      .offset((p - 1) * API_FAIRS_PAGE_SIZE),
    db.select({ n: count() }).from(jobFairs).where(where),
  ]);
  const sums = await publicSummaries(db, rows.map((r) => r.id));
  return {
    total: Number(total?.n ?? 0),
    page: p,
    per_page: API_FAIRS_PAGE_SIZE,
    fairs: rows.map((r) => {
      const s = sums.get(r.id) ?? { booths: 0, positions: 0 };
      return {
        id: r.id,
        title: r.title,
        mode: r.mode,
        status: r.status,
        region_code: r.regionCode,
        starts_at: r.startsAt.toISOString(),
        ends_at: r.endsAt.toISOString(),
        booths: s.booths,
        positions: Math.max(r.positionsOffered, s.positions),
      };
    }),
  };
}

/** GET /api/fairs/:id: the same plus registrations, attendees, chats, interviews, offers, signed. */
export async function publicFairDetail(db: Db, fairId: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(fairId)) throw new NotFoundError();
  const [fair] = await db.select().from(jobFairs).where(eq(jobFairs.id, fairId));
  if (!fair || fair.status === "draft") throw new NotFoundError();
  const f = await fairFigures(db, fair.id);
  const postings = await db
    .select({ headcount: sql<number>`coalesce(sum(${jobPostings.headcount}), 0)::int` })
    .from(fairBooths)
    .innerJoin(jobPostings, sql`${jobPostings.id} = any(${fairBooths.postingIds})`)
    .where(and(eq(fairBooths.fairId, fair.id), eq(fairBooths.status, "approved")));
  return {
    id: fair.id,
    title: fair.title,
    mode: fair.mode,
    status: fair.status,
    region_code: fair.regionCode,
    starts_at: fair.startsAt.toISOString(),
    ends_at: fair.endsAt.toISOString(),
    booths: f.booths,
    positions: Math.max(fair.positionsOffered, f.boothPositions, Number(postings[0]?.headcount ?? 0)),
    registrations: f.registrations,
    attendees: f.attendees,
    attendees_online: f.attendeesOnline,
    attendees_on_site: f.attendeesOnSite,
    chats: f.chats,
    interviews: f.interviews,
    offers: f.offers,
    signed: f.signed,
  };
}

/** The HTTP answer of /api/fairs and /api/fairs/:id (CORS, the preflight, 404 as JSON). */
export async function fairsApiReply(db: Db, request: Request, fairId: string | null): Promise<Response> {
  const headers = { ...API_CORS_HEADERS, "Content-Type": "application/json; charset=utf-8" };
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: API_CORS_HEADERS });
  try {
    const body = fairId === null ? await publicFairList(db, Number(new URL(request.url).searchParams.get("page") ?? "1")) : await publicFairDetail(db, fairId);
    return new Response(JSON.stringify(body), { status: 200, headers: { ...headers, "Cache-Control": "public, max-age=60" } });
  } catch (error) {
    if (isDomainError(error) && error.status === 404) return new Response(JSON.stringify({ error: "not_found" }), { status: 404, headers });
    throw error;
  }
}
