// Outcome dashboard bench (issue 12 item 5): a province with 100k veterans and 500k applications (plus their events,
// follow-ups, service records, fairs and incubation rows) in a scratch PostgreSQL database, then the time of
// getOutcomeReport for the province, the country, a city and a county (first run and the median of the next runs).
//
//   npm run bench -- --outcomes [--veterans 100000] [--applications 500000] [--runs 5] [--pg-url URL] [--keep]
//
// The database is created and dropped here (default server postgres://postgres@127.0.0.1:5432/postgres).
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { getOutcomeReport } from "../app/models/outcomes.server";
import { createDb } from "../db/client";
import { loadRegions } from "../db/regions";
import { benchArgs } from "./bench-args";


const PROVINCE = "320000"; // 江苏省
const DAY = 86_400_000;

export async function benchOutcomes(): Promise<void> {
  const args = benchArgs();
  const veterans = Number(args.veterans ?? "100000");
  const applicationsN = Number(args.applications ?? "500000");
  const runs = Number(args.runs ?? "5");
  const url = args["pg-url"] ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const name = `rongye_bench_outcomes_${process.pid}`;
  await admin.unsafe(`create database "${name}"`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const handle = await createDb({ DATABASE_URL: u.toString(), PGLITE_DIR: "memory://", poolMax: 8 });
  try {
    await handle.migrate();
    const db = handle.db;
    await loadRegions(db);
    const sql = postgres(u.toString(), { max: 1, onnotice: () => {} });
    const started = performance.now();
    // the province's counties, and a few towns of its first county so the drill-down reaches level 4
    const counties = (await sql`select code from regions where level = 3 and code like '32%' order by code`).map((r) => r.code as string);
    const now = Date.now();
    const nowS = Math.floor(now / 1000);
    await sql`insert into users (email, password_hash, display_name, role) values ('bench-employer@example.com', 'x', 'bench', 'employer')`;
    const [org] = await sql`insert into organizations (name, kind, region_code, verification_status) values ('基准测试物流', 'employer', '320582', 'verified') returning id`;
    await sql`insert into job_postings (organization_id, title, category, region_code, status, published_at, expires_at)
      select ${org!.id}, '岗位 ' || g, 'driving_logistics', (${counties}::text[])[1 + g % ${counties.length}], 'published',
             to_timestamp(${nowS} - (g % 365) * 86400), to_timestamp(${nowS} + 30 * 86400)
        from generate_series(1, 2000) g`;
    // veterans: spread over the counties, registered over the last two years
    await sql`insert into veteran_profiles (full_name, region_code, skills, desired_roles, phone, created_at)
      select '退役军人' || g, (${counties}::text[])[1 + g % ${counties.length}],
             case when g % 3 = 0 then array['驾驶'] else '{}'::text[] end,
             case when g % 2 = 0 then array['司机'] else '{}'::text[] end,
             case when g % 4 = 0 then '1380000' || lpad((g % 10000)::text, 4, '0') else null end,
             to_timestamp(${nowS} - (g % 730) * 86400)
        from generate_series(1, ${veterans}) g`;
    // applications: each veteran applies to distinct postings; most in the last year
    await sql`create temporary table vp as select id, row_number() over (order by id) - 1 as n from veteran_profiles`;
    await sql`create temporary table jp as select id, row_number() over (order by id) - 1 as n from job_postings`;
    await sql`insert into applications (job_posting_id, veteran_profile_id, status, created_at)
      select jp.id, vp.id, case when g % 10 = 0 then 'hired' when g % 4 = 0 then 'rejected' else 'applied' end,
             to_timestamp(${nowS} - (g % 400) * 86400)
        from generate_series(0, ${applicationsN - 1}) g
        join vp on vp.n = g % ${veterans}
        join jp on jp.n = ((g / ${veterans}) * 7 + g % 13) % 2000`;
    await sql`insert into application_events (application_id, status, created_at) select id, 'applied', created_at from applications`;
    await sql`insert into application_events (application_id, status, created_at)
      select id, s.status, created_at + s.days * interval '1 day' from applications
        cross join lateral (values ('interview', 5), ('offer', 9), ('hired', 12)) s(status, days) where applications.status = 'hired'`;
    await sql`insert into follow_ups (veteran_profile_id, source, application_id, region_code, month, placed_at, due_at, done_at, still_employed)
      select a.veteran_profile_id, 'hire', a.id, p.region_code, m, a.created_at, a.created_at + m * interval '1 month',
             case when (hashtext(a.id::text) + m) % 5 <> 0 then a.created_at + m * interval '1 month' + ((hashtext(a.id::text) % 14 + 14) % 14) * interval '1 day' end,
             case when (hashtext(a.id::text) + m) % 5 <> 0 then (hashtext(a.id::text) + m) % 7 <> 0 end
        from applications a join veteran_profiles p on p.id = a.veteran_profile_id cross join (values (1), (3), (6)) months(m)
       where a.status = 'hired'`;
    await sql`insert into service_records (veteran_profile_id, region_code, occurred_at, channel)
      select id, region_code, created_at + interval '3 days', (array['visit', 'phone', 'walk_in', 'online'])[1 + ((hashtext(id::text) % 4) + 4) % 4]
        from veteran_profiles where hashtext(id::text) % 2 = 0`;
    await sql`insert into job_fairs (title, region_code, starts_at, ends_at, status, positions_offered)
      select '招聘会 ' || g, (${counties}::text[])[1 + g % ${counties.length}], to_timestamp(${nowS} - g * 86400), to_timestamp(${nowS} - g * 86400 + 86400), 'published', 50
        from generate_series(1, 200) g`;
    await sql`analyze`;
    const counts = await sql`select (select count(*) from veteran_profiles) as veterans, (select count(*) from applications) as applications,
      (select count(*) from application_events) as events, (select count(*) from follow_ups) as follow_ups, (select count(*) from service_records) as service_records`;
    console.log(`rows: ${JSON.stringify(counts[0])} (generated in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    await sql.end();

    const actor = { id: "00000000-0000-0000-0000-000000000000", role: "admin" as const };
    const period = { from: new Date(now - 365 * DAY), to: new Date(now + DAY) };
    const city = "320500";
    const county = counties[0]!;
    console.log("\nregion          first ms   median ms (of next runs)   children   veterans   applications   hires   retention 3m");
    for (const [label, regionCode] of [["province 320000", PROVINCE], ["country", undefined], [`city ${city}`, city], [`county ${county}`, county]] as const) {
      const times: number[] = [];
      let report;
      for (let i = 0; i <= runs; i++) {
        const t0 = performance.now();
        report = await getOutcomeReport(db, actor, { regionCode, ...period });
        times.push(performance.now() - t0);
      }
      const rest = times.slice(1).sort((a, b) => a - b);
      const median = rest[Math.floor(rest.length / 2)]!;
      const c = report!.total.counts;
      console.log(
        `${label.padEnd(16)}${times[0]!.toFixed(0).padStart(8)}${median.toFixed(0).padStart(12)}${String(report!.children.length).padStart(27)}` +
          `${String(c.veteransRegistered).padStart(11)}${String(c.applications).padStart(15)}${String(c.hires).padStart(8)}` +
          `${(report!.total.retention3Rate === null ? "—" : `${(report!.total.retention3Rate * 100).toFixed(1)}%`).padStart(15)}`,
      );
    }
  } finally {
    await handle.close();
    if (args.keep) console.log(`kept database ${name}`);
    else await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}
