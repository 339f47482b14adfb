// Bench hook: PostgreSQL ILIKE and pg_trgm on the same job rows, when a server answers (default
// postgres://postgres@127.0.0.1:5432/postgres, or `--pg-url URL`; `--no-pg` skips). Works in a scratch database
// that is dropped afterwards. Queries: the bench's job queries with text; ILIKE ANDs '%word%' over the words,
// pg_trgm orders by word_similarity with the `<%` operator; both through a GIN trigram index.
import postgres from "postgres";
import type { BenchHook, BenchRow } from "../bench";
import { QUERIES } from "../bench";
import { benchArgs } from "../bench-args";


const BATCH = 2000;

/** A connection to the PostgreSQL server at `url` for making scratch databases, or a "skipped" row when none answers. */
export async function connectAdmin(url: string): Promise<{ admin: postgres.Sql } | { skip: BenchRow }> {
  const admin = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await admin`select 1`;
    return { admin };
  } catch (e) {
    await admin.end({ timeout: 1 }).catch(() => {});
    return { skip: { name: "skipped", note: `no PostgreSQL server at ${url.replace(/:[^:@/]*@/, ":***@")} (${(e as Error).message})` } };
  }
}

const hook: BenchHook = {
  name: "postgres",
  async run(ctx) {
    if (benchArgs()["no-pg"]) return [{ name: "skipped", note: "--no-pg" }];
    if (ctx.jobs.length === 0) return [];
    const url = benchArgs()["pg-url"] ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const connected = await connectAdmin(url);
    if ("skip" in connected) return [connected.skip];
    const { admin } = connected;
    const dbName = `rongye_bench_${process.pid}`;
    const rows: BenchRow[] = [];
    let sql: postgres.Sql | null = null;
    try {
      const version = (await admin`show server_version`)[0].server_version as string;
      // C.UTF-8 ctype: pg_trgm counts CJK characters as word characters only under a UTF-8 ctype
      await admin.unsafe(`create database ${dbName} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
      const u = new URL(url);
      u.pathname = `/${dbName}`;
      sql = postgres(u.toString(), { max: 1, onnotice: () => {} });
      await sql`create extension if not exists pg_trgm`;
      await sql`create table jobs (id text primary key, title text not null, description text not null, skills text not null, category text not null, doc text not null)`;
      const t0 = performance.now();
      for (let i = 0; i < ctx.jobs.length; i += BATCH) {
        const batch = ctx.jobs.slice(i, i + BATCH).map((j) => {
          const skills = j.skills.join(" ");
          return { id: j.id, title: j.title, description: j.description, skills, category: j.category, doc: `${j.title} ${j.description} ${skills} ${j.category}`.toLowerCase() };
        });
        await sql`insert into jobs ${sql(batch, "id", "title", "description", "skills", "category", "doc")}`;
      }
      const insertMs = performance.now() - t0;
      const t1 = performance.now();
      await sql`create index jobs_doc_trgm on jobs using gin (doc gin_trgm_ops)`;
      await sql`analyze jobs`;
      const indexMs = performance.now() - t1;
      rows.push({ name: `build (PostgreSQL ${version})`, note: `insert ${(insertMs / 1000).toFixed(1)} s + GIN trigram index ${(indexMs / 1000).toFixed(1)} s for ${ctx.jobs.length} rows` });

      const texts = QUERIES.filter((q) => !q.index && q.query.q).map((q) => q.query.q!.toLowerCase());
      const runs = ctx.jobs.length >= 50_000 ? 2 : 3;
      const db = sql;
      const ilike = (q: string) => {
        const words = q.split(/\s+/).filter(Boolean);
        const where = words.map((_, i) => `doc ilike $${i + 1}`).join(" and ");
        return db.unsafe(`select id from jobs where ${where} limit 20`, words.map((w) => `%${w}%`));
      };
      const trgm = (q: string) => db`select id from jobs where ${q} <% doc order by word_similarity(${q}, doc) desc limit 20`;
      for (const [label, fn] of [["ILIKE '%word%' (AND), limit 20", ilike], ["pg_trgm word_similarity (<%), top 20", trgm]] as const) {
        for (const q of texts.slice(0, 3)) await fn(q); // warm-up
        const ms: number[] = [];
        let empty = 0;
        const t = performance.now();
        for (const q of texts) {
          let n = 0;
          ms.push(...(await ctx.time(runs, async () => (n = (await fn(q)).length))));
          if (n === 0) empty++;
        }
        rows.push({ name: label, latencies: ctx.summarize(ms), note: `${texts.length} queries × ${runs}; ${empty} with no rows; ${((performance.now() - t) / 1000).toFixed(1)} s` });
      }
    } catch (e) {
      rows.push({ name: "failed", note: (e as Error).message });
    } finally {
      if (sql) await sql.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists ${dbName}`).catch((e: Error) => rows.push({ name: "cleanup", note: `could not drop ${dbName}: ${e.message}` }));
      await admin.end({ timeout: 5 });
    }
    return rows;
  },
};

export default hook;
