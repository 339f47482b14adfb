// Bench hook: matching both ways on the bench corpus — jobs for ~200 veterans (profiles of the corpus turned into
// what matching reads) and candidates for ~200 jobs, each call timed end to end (engine queries + re-ranking).
import type { BenchHook, BenchRow } from "../bench";
import { matchCandidatesForJob, matchJobsForVeteran, profileDocumentForMatching } from "../../search/match";

const SAMPLE = 200;

function spread<T>(all: T[], n: number): T[] {
  if (all.length <= n) return all;
  const step = all.length / n;
  return Array.from({ length: n }, (_, i) => all[Math.floor(i * step)]);
}

const hook: BenchHook = {
  name: "matching",
  async run(ctx) {
    const rows: BenchRow[] = [];
    if (ctx.profiles.length > 0) {
      const veterans = spread(ctx.profiles, SAMPLE).map(profileDocumentForMatching);
      for (const v of veterans.slice(0, 10)) await matchJobsForVeteran(ctx.engine, v); // warm-up
      const ms: number[] = [];
      let found = 0;
      for (const v of veterans) {
        ms.push(...(await ctx.time(1, async () => (found += (await matchJobsForVeteran(ctx.engine, v)).length))));
      }
      rows.push({ name: `jobs for a veteran (${veterans.length} veterans)`, latencies: ctx.summarize(ms), note: `avg ${(found / veterans.length).toFixed(1)} matches` });
    }
    if (ctx.jobs.length > 0) {
      const jobs = spread(ctx.jobs, SAMPLE);
      for (const j of jobs.slice(0, 10)) await matchCandidatesForJob(ctx.engine, j); // warm-up
      const ms: number[] = [];
      let found = 0;
      for (const j of jobs) ms.push(...(await ctx.time(1, async () => (found += (await matchCandidatesForJob(ctx.engine, j)).length))));
      rows.push({ name: `candidates for a job (${jobs.length} jobs)`, latencies: ctx.summarize(ms), note: `avg ${(found / jobs.length).toFixed(1)} matches` });
    }
    return rows;
  },
};

export default hook;
