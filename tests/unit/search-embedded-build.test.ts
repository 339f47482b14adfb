// The bulk build (staged postings encoded straight into the arena, runs' terms cached) must index exactly what
// incremental upserts (the delta path) index: same totals, same hits, same order, for the same documents.
// 1,300 documents built in steps of 500 cover the multi-step build (several staged chunks, the arrays re-reserved
// after the first) at a fifth of the cost of going past the production step of 5,000; the typo and pinyin queries
// still take seconds on a loaded machine, hence the test's own timeout.
import { describe, expect, it } from "vitest";
import { EmbeddedSearchEngine } from "../../search/embedded";
import { buildIndexDefinitions } from "../../search/indexes";
import type { SearchQuery } from "../../search/engine";
import { makeJobs } from "../../scripts/bench";

const defs = buildIndexDefinitions([["驾驶员", "司机", "驾驶", "driver"], ["保安", "安保", "security guard"]], { dictionary: ["张家港", "昆山"] });

const QUERIES: SearchQuery[] = [
  { q: "司机" },
  { q: "保安 张家港" },
  { q: "driver" },
  { q: "drivr" },
  { q: "siji" },
  { q: "电工", filter: [{ op: "prefix", field: "region_codes", value: "3205" }], facets: ["category"] },
  { q: "仓库", page: 2 },
  { filter: [{ op: "eq", field: "job_type", value: "full_time" }], sort: "newest", facets: ["job_type"] },
];

async function summary(engine: EmbeddedSearchEngine) {
  const out = [];
  for (const q of QUERIES) {
    const r = await engine.search("jobs", q);
    out.push({ total: r.total, ids: r.hits.map((h) => h.id), facets: r.facets });
  }
  return out;
}

describe("embedded bulk build", () => {
  it("answers like documents upserted a few at a time, also after replacing and removing some", async () => {
    const docs = makeJobs(1300, 3);
    const bulk = new EmbeddedSearchEngine({ bulkChunk: 500 });
    await bulk.configure(defs.jobs);
    await bulk.replaceAll("jobs", docs);

    const small = new EmbeddedSearchEngine();
    await small.configure(defs.jobs);
    for (let i = 0; i < docs.length; i += 100) await small.upsert("jobs", docs.slice(i, i + 100));

    const a = await summary(bulk);
    expect(a[0].total).toBeGreaterThan(0);
    expect(a).toEqual(await summary(small));

    // later changes go to the delta on top of the bulk arena
    const changed = docs.slice(0, 50).map((d) => ({ ...d, title: "夜班保安员" }));
    const gone = docs.slice(50, 80).map((d) => d.id);
    for (const e of [bulk, small]) {
      await e.upsert("jobs", changed);
      await e.remove("jobs", gone);
    }
    const b = await summary(bulk);
    expect(b).toEqual(await summary(small));
    expect((await bulk.stats("jobs")).documents).toBe(1300 - 30);
    expect(b[1].total).not.toBe(a[1].total);
  }, 60_000);
});
