import { describe, expect, it } from "vitest";
import { EmbeddedSearchEngine } from "../../search/embedded";
import { buildIndexDefinitions } from "../../search/indexes";
import type { SearchDocument } from "../../search/engine";

const defs = buildIndexDefinitions(
  [
    ["驾驶员", "司机", "驾驶", "driver", "driving"],
    ["电工", "电气维修", "electrician"],
  ],
  { dictionary: ["张家港", "昆山"] },
);

function jobDoc(id: string, title: string, extra: Partial<SearchDocument> = {}): SearchDocument {
  return {
    id,
    title,
    organization: "测试单位",
    organization_verified: true,
    description: "",
    category: "其他",
    skills: [],
    region_code: "320583",
    region_codes: ["320000", "320500", "320583"],
    region_name: "江苏省 苏州市 昆山市",
    salary_min: 5000,
    salary_max: 8000,
    job_type: "full_time",
    veteran_preferred: true,
    published_at: 1,
    ...extra,
  };
}

async function engineWith(docs: SearchDocument[]) {
  const e = new EmbeddedSearchEngine();
  await e.configure(defs.jobs);
  await e.upsert("jobs", docs);
  return e;
}

const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id);

describe("EmbeddedSearchEngine", () => {
  it("applies synonym groups in both directions, including English members and typos of them", async () => {
    const e = await engineWith([jobDoc("a", "电工"), jobDoc("b", "货车驾驶员"), jobDoc("c", "仓库管理员")]);
    expect(ids(await e.search("jobs", { q: "electrician" }))).toEqual(["a"]);
    expect(ids(await e.search("jobs", { q: "电气维修" }))).toEqual(["a"]);
    expect(ids(await e.search("jobs", { q: "司机" }))).toEqual(["b"]);
    expect(ids(await e.search("jobs", { q: "electrican" }))).toEqual(["a"]); // one typo, 10 letters
    expect(ids(await e.search("jobs", { q: "elec" }))).toEqual(["a"]); // prefix of an English synonym while typing
  });

  it("ranks documents matching more query words first ('last' strategy) and can require all words", async () => {
    const e = await engineWith([jobDoc("a", "电工"), jobDoc("b", "电工 夜班"), jobDoc("c", "夜班 保安")]);
    const last = await e.search("jobs", { q: "电工 夜班" });
    expect(ids(last)).toEqual(["b", "a"]); // c matches only the last word: dropped, as Meilisearch does
    const all = await e.search("jobs", { q: "电工 夜班", matchingStrategy: "all" });
    expect(ids(all)).toEqual(["b"]);
    const freq = await e.search("jobs", { q: "夜班 保安", matchingStrategy: "frequency" });
    // 保安 is the rarer word: kept first, so c (both) then nothing with only 夜班
    expect(ids(freq)).toEqual(["c"]);
  });

  it("ranks a title match above a description match (attribute weight)", async () => {
    const e = await engineWith([
      jobDoc("desc", "仓库管理员", { description: "偶尔需要叉车作业" }),
      jobDoc("title", "叉车工"),
    ]);
    expect(ids(await e.search("jobs", { q: "叉车" }))).toEqual(["title", "desc"]);
  });

  it("keeps answering correctly through bulk loads, incremental upserts, replacements and removals", async () => {
    const bulk = Array.from({ length: 1200 }, (_, i) => jobDoc(`d${i}`, i % 3 === 0 ? `电工${i}号` : `普工${i}号`, { published_at: i }));
    const e = await engineWith(bulk); // staged path (≥ 500 docs)
    expect((await e.stats("jobs")).documents).toBe(1200);
    expect((await e.search("jobs", { q: "电工" })).total).toBe(400);
    // small upserts go to the delta
    await e.upsert("jobs", [jobDoc("d1", "电工（替换）"), jobDoc("new", "电工新岗位")]);
    expect((await e.search("jobs", { q: "电工" })).total).toBe(402);
    expect((await e.search("jobs", { q: "普工1号" })).hits.map((h) => h.id)).not.toContain("d1");
    // removing most documents triggers a rebuild; results stay right
    await e.remove("jobs", bulk.slice(0, 1000).map((d) => d.id));
    expect((await e.stats("jobs")).documents).toBe(201);
    expect((await e.search("jobs", { q: "电工" })).total).toBe(Array.from({ length: 200 }, (_, i) => 1000 + i).filter((i) => i % 3 === 0).length + 1);
    const newest = await e.search("jobs", { sort: "newest", hitsPerPage: 1 });
    expect(newest.hits[0].id).toBe("d1199");
  });

  it("matches a single Chinese character through the words that contain it", async () => {
    const e = await engineWith([jobDoc("a", "叉车工"), jobDoc("b", "保安")]);
    expect(ids(await e.search("jobs", { q: "叉" }))).toEqual(["a"]);
  });

  it("rejects sorts and facets the index does not declare", async () => {
    const e = await engineWith([jobDoc("a", "电工")]);
    await expect(e.search("jobs", { facets: ["title"] })).rejects.toThrow(/not filterable/);
    await expect(e.search("jobs", { sort: "distance" })).rejects.toThrow(/geo/);
    await expect(e.search("veteran_profiles", { q: "x" })).rejects.toThrow(/not configured/);
  });

  it("clear empties the index and configure keeps documents under new settings", async () => {
    const e = await engineWith([jobDoc("a", "电工")]);
    await e.configure(defs.jobs);
    expect((await e.stats("jobs")).documents).toBe(1);
    await e.clear("jobs");
    expect((await e.stats("jobs")).documents).toBe(0);
    expect((await e.search("jobs", { q: "电工" })).total).toBe(0);
  });
});

describe("facets over large results", () => {
  it("counts the same through value lists (many matches) as through per-document values (few)", async () => {
    const docs = Array.from({ length: 3000 }, (_, i) =>
      jobDoc(`f${i}`, i % 2 === 0 ? "电工" : "焊工", { category: ["制造", "安保", "物流"][i % 3], skills: i % 5 === 0 ? ["电工证", "高压"] : ["电工证"] }),
    );
    const e = await engineWith(docs);
    const big = await e.search("jobs", { facets: ["category", "skills"] });
    expect(big.total).toBe(3000);
    expect(big.facets.category).toEqual({ 制造: 1000, 安保: 1000, 物流: 1000 });
    expect(big.facets.skills).toEqual({ 电工证: 3000, 高压: 600 });
    const small = await e.search("jobs", { facets: ["category", "skills"], filter: [{ op: "in", field: "category", values: ["制造"] }], q: "电工" });
    // every doc has the skill 电工证, so 电工 matches all; 制造 is i % 3 == 0 (1000 docs), 高压 among them i % 15 == 0
    expect(small.total).toBe(1000);
    expect(small.facets).toEqual({ category: { 制造: 1000 }, skills: { 电工证: 1000, 高压: 200 } });
    const titleOnly = await e.search("jobs", { q: "焊工", facets: ["category"] });
    expect(titleOnly.total).toBe(1500);
    expect(titleOnly.facets.category).toEqual({ 制造: 500, 安保: 500, 物流: 500 });
  });
});

describe("postings arena", () => {
  it("merges a second bulk load into the packed arena, dropping replaced and removed documents", async () => {
    const first = Array.from({ length: 700 }, (_, i) => jobDoc(`m${i}`, i % 2 === 0 ? "叉车工" : "厨师", { published_at: i }));
    const e = await engineWith(first);
    await e.remove("jobs", ["m0", "m2"]);
    // ≥ 500 documents: staged, and merged with the existing arena (doc numbers far apart: multi-byte gaps)
    const second = Array.from({ length: 600 }, (_, i) => jobDoc(`m${i + 400}`, "叉车工", { published_at: 10_000 + i }));
    await e.upsert("jobs", second);
    expect((await e.stats("jobs")).documents).toBe(698 + 300);
    const forklift = await e.search("jobs", { q: "叉车", hitsPerPage: 100 });
    // first load: even i < 400 except 0 and 2 (198); second load: 600 (ids m400..m999, replacing m400..m699)
    expect(forklift.total).toBe(198 + 600);
    const cooks = await e.search("jobs", { q: "厨师" });
    expect(cooks.total).toBe(200); // odd i < 400
    expect((await e.search("jobs", { q: "叉车", sort: "newest", hitsPerPage: 1 })).hits[0].id).toBe("m999");
  });
});
