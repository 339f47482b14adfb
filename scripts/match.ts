// npm run --silent match -- --veteran <external_id> [--limit 10] [--lang zh-CN|en] --json
// npm run --silent match -- --job <external_id> [--limit 10] --json
import { eq } from "drizzle-orm";
import { jobPostings, organizations, veteranProfiles } from "../db/schema";
import { profileForMatching } from "../app/models/matching.server";
import { describeReason, matchCandidatesForJob, matchJobsForVeteran, skillName, type MatchLocale } from "../search/match";
import type { JobDocument } from "../search/indexes";
import { currentDocuments } from "../search/sync";
import { cliArgs, fail, openCliContext } from "./cli-context";

const USAGE = "usage: match -- (--veteran <external_id> | --job <external_id>) [--limit N] [--lang zh-CN|en] --json";
const { values: args } = cliArgs(
  {
    veteran: { type: "string" },
    job: { type: "string" },
    limit: { type: "string", default: "10" },
    lang: { type: "string", default: "zh-CN" },
    json: { type: "boolean", default: false },
  },
  USAGE,
);
const { veteran, job } = args;
const limit = Number(args.limit);
const locale: MatchLocale = args.lang === "en" ? "en" : "zh-CN";
if ((typeof veteran !== "string") === (typeof job !== "string")) fail(USAGE);
if (!Number.isInteger(limit) || limit < 1 || limit > 100) fail("--limit must be a whole number from 1 to 100");

const ctx = await openCliContext();
let out: { matches: { external_id: string | null; score: number; reasons: string[]; missing_skills?: string[] }[] };
if (typeof veteran === "string") {
  const [profile] = await ctx.db.select().from(veteranProfiles).where(eq(veteranProfiles.externalId, veteran));
  if (!profile) fail(`no veteran with external_id ${veteran}`, 1);
  const matches = await matchJobsForVeteran(ctx.search, profileForMatching(profile), { limit });
  out = {
    matches: matches.map((m) => ({
      external_id: m.job.external_id,
      score: m.score,
      reasons: m.reasons.map((r) => describeReason(r, locale)),
      missing_skills: m.missingSkills.map((id) => skillName(id, locale)),
    })),
  };
} else {
  const [row] = await ctx.db
    .select({ id: jobPostings.id, verified: organizations.verificationStatus })
    .from(jobPostings)
    .innerJoin(organizations, eq(organizations.id, jobPostings.organizationId))
    .where(eq(jobPostings.externalId, job as string));
  if (!row) fail(`no job with external_id ${job}`, 1);
  const [doc] = await currentDocuments(ctx.db, "jobs", [row.id]);
  if (!doc) fail(`job ${job} is not published and live`, 1);
  const matches = await matchCandidatesForJob(ctx.search, doc as JobDocument, { limit, verifiedEmployer: row.verified === "verified" });
  const ids = new Map<string, string | null>();
  for (const m of matches) {
    const [p] = await ctx.db.select({ externalId: veteranProfiles.externalId }).from(veteranProfiles).where(eq(veteranProfiles.id, m.profile.id));
    ids.set(m.profile.id, p?.externalId ?? null);
  }
  out = {
    matches: matches.map((m) => ({
      external_id: ids.get(m.profile.id) ?? null,
      score: m.score,
      reasons: m.reasons.map((r) => describeReason(r, locale, "employer")),
      missing_skills: m.missingSkills.map((id) => skillName(id, locale)),
    })),
  };
}
if (args.json) process.stdout.write(JSON.stringify(out) + "\n");
else for (const [i, m] of out.matches.entries()) console.log(`${i + 1}. ${m.external_id}  ${m.score.toFixed(3)}  ${m.reasons.join(" · ")}`);
await ctx.close();
