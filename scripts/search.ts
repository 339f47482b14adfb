// npm run --silent search -- --q "<text>" [--region <code>] [--limit 10] --json
// Published, live jobs, ranked exactly as the /jobs page ranks them.
import { parseJobSearch, jobSearchToQuery } from "../search/query-params";
import type { JobDocument } from "../search/indexes";
import { cliArgs, fail, openCliContext } from "./cli-context";

const { values: args } = cliArgs(
  { q: { type: "string" }, region: { type: "string" }, limit: { type: "string", default: "10" }, json: { type: "boolean", default: false } },
  'usage: search -- --q "<text>" [--region <code>] [--limit 10] --json',
);
const limit = Number(args.limit);
if (!Number.isInteger(limit) || limit < 1 || limit > 100) fail("--limit must be a whole number from 1 to 100");
const source = new URLSearchParams();
const { q, region } = args;
if (typeof q === "string") source.set("q", q);
if (typeof region === "string") source.set("region", region);
const parsed = parseJobSearch(source);
if (!parsed.ok) fail(`bad search: ${JSON.stringify(parsed.issues)}`);

const ctx = await openCliContext();
const result = await ctx.search.search("jobs", jobSearchToQuery(parsed.value, { hitsPerPage: limit }));
const hits = result.hits.map((h) => {
  const d = h.document as JobDocument;
  return { external_id: d.external_id, title: d.title };
});
if (args.json) process.stdout.write(JSON.stringify({ hits, total: result.total }) + "\n");
else {
  for (const [i, h] of hits.entries()) console.log(`${i + 1}. ${h.external_id ?? "-"}  ${h.title}`);
  console.log(`total: ${result.total}`);
}
await ctx.close();
