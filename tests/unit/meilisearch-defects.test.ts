// Defects of the Meilisearch adapter found by reading Meilisearch's own source (issue 9), each shown on the stateful
// fake (tests/fakes/meilisearch.ts), which tokenises with a copy of charabia's dictionary pass.
import { beforeAll, describe, expect, it } from "vitest";
import { divisionRowsToCounty } from "../../db/regions";
import { createSearchEngine } from "../../search/create";
import type { SearchDocument } from "../../search/engine";
import { regionAncestors } from "../../search/filter";
import { buildIndexDefinitions, MAX_SYNONYM_KEY_WORDS, meiliSettings, synonymKeyWords } from "../../search/indexes";
import { MeilisearchEngine, MeilisearchVersionError, RETURNED_FIELDS } from "../../search/meilisearch";
import { placeDictionary } from "../../search/sync";
import { synonymGroups } from "../../search/taxonomy";
import { swallowedTerms } from "../fakes/charabia";
import { FakeMeilisearch } from "../fakes/meilisearch";

const places = placeDictionary(divisionRowsToCounty());
const defs = buildIndexDefinitions(synonymGroups(), { dictionary: places });

function job(id: string, p: Partial<SearchDocument> & { region_code?: string }): SearchDocument {
  const region = p.region_code ?? "320582";
  return {
    id, external_id: null, title: "职位", organization: "港城物流", organization_id: "o1", organization_verified: true, description: "",
    category: "driving_logistics", skills: [], region_code: region, region_codes: regionAncestors(region), region_name: "江苏省 苏州市 张家港市",
    salary_min: 5000, salary_max: 8000, job_type: "full_time", veteran_preferred: true, published_at: 1, expires_at: 253_402_300_799_000, ...p,
  };
}

async function engineWith(docs: SearchDocument[], options: ConstructorParameters<typeof FakeMeilisearch>[0] = {}) {
  const fake = new FakeMeilisearch(options);
  const engine = new MeilisearchEngine({ host: "http://meili.fake", fetch: fake.fetch, taskIntervalMs: 1 });
  await engine.configure(defs.jobs);
  await engine.upsert("jobs", docs, { wait: true });
  return { fake, engine };
}
const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id).sort();

describe("Chinese segmentation with the real taxonomy and region names", () => {
  let engine: MeilisearchEngine;
  beforeAll(async () => {
    ({ engine } = await engineWith([
      job("truck", { title: "货车司机", skills: ["驾驶"] }),
      job("center", { title: "仓库管理员", description: "办公地点位于市中心，交通便利。", region_code: "320508", region_name: "江苏省 苏州市 姑苏区" }),
      job("nanjing", { title: "保安员", region_code: "320102", region_name: "江苏省 南京市 玄武区" }),
    ]));
  }, 60_000);

  it("1. a query word inside a compound taxonomy term still matches (司机 finds 货车司机)", async () => {
    expect(ids(await engine.search("jobs", { q: "司机" }))).toContain("truck");
  });

  it("1. no dictionary word sent to Meilisearch swallows a taxonomy term or a place name", () => {
    const dictionary = meiliSettings(defs.jobs).dictionary;
    const queryable = [...Object.keys(defs.jobs.synonyms), ...places];
    expect(swallowedTerms(dictionary, queryable)).toEqual([]);
    expect(dictionary.length).toBeGreaterThan(0);
    expect(dictionary).not.toContain("货车司机");
  });

  it("2. a city name finds postings whose only place mention is the region (苏州 司机 → a Zhangjiagang posting)", async () => {
    const r = await engine.search("jobs", { q: "苏州 司机" });
    expect(r.hits[0].id).toBe("truck");
    expect(ids(r)).not.toContain("nanjing");
    expect(ids(await engine.search("jobs", { q: "张家港" }))).toEqual(["truck"]);
  });

  it("2. short place names do not cut ordinary words apart (位于市中心 still has 中心)", async () => {
    expect(meiliSettings(defs.jobs).dictionary).not.toContain("市中");
    expect(ids(await engine.search("jobs", { q: "中心" }))).toEqual(["center"]);
  });

  it("6. pinyin: no single syllables, no typos (nanning is not nanjing), syllables typed apart still join", async () => {
    expect(ids(await engine.search("jobs", { q: "che" }))).toEqual([]);
    expect(ids(await engine.search("jobs", { q: "nanning" }))).toEqual([]);
    expect(ids(await engine.search("jobs", { q: "nanjing" }))).toEqual(["nanjing"]);
    expect(ids(await engine.search("jobs", { q: "si ji" }))).toEqual(["truck"]);
    expect(ids(await engine.search("jobs", { q: "huoche siji" }))).toEqual(["truck"]);
  });

  it("9. hits carry neither the pinyin nor the region helper fields", async () => {
    const r = await engine.search("jobs", { q: "司机", highlight: true });
    expect(Object.keys(r.hits[0].document).sort()).toEqual(Object.keys(job("x", {})).sort());
  });
});

describe("5. region facets with national data", () => {
  it("count every province, not the first 200 codes in alphabetical order", async () => {
    const counties = divisionRowsToCounty().filter((r) => r.level === 3);
    const provinces = new Set<string>();
    const docs: SearchDocument[] = [];
    for (let i = 0; i < counties.length; i += Math.ceil(counties.length / 400)) {
      docs.push(job(`c${i}`, { region_code: counties[i].code, region_name: counties[i].name }));
      provinces.add(`${counties[i].code.slice(0, 2)}0000`);
    }
    const { engine } = await engineWith(docs);
    const r = await engine.search("jobs", { facets: ["region_codes"], hitsPerPage: 1 });
    const counted = Object.keys(r.facets.region_codes).filter((c) => c.endsWith("0000"));
    expect(counted.sort()).toEqual([...provinces].sort());
    expect(provinces.size).toBeGreaterThan(25);
    expect(r.facets.region_codes[docs[0].region_code as string]).toBe(1);
  }, 60_000);
});

describe("3, 4, 9: rebuilds, server version, limits", () => {
  it("3. two rebuilds of one index at once both finish (unique temporary indexes)", async () => {
    const { engine, fake } = await engineWith([]);
    await Promise.all([engine.replaceAll("jobs", [job("a", {})]), engine.replaceAll("jobs", [job("b", {}), job("c", {})])]);
    expect([1, 2]).toContain((await engine.stats("jobs")).documents);
    expect([...fake.indexes.keys()]).toEqual(["jobs"]);
    // the live index kept its settings: a filter still works
    await expect(engine.search("jobs", { filter: [{ op: "eq", field: "category", value: "x" }] })).resolves.toMatchObject({ total: 0 });
  });

  it("3. a rebuild on a server without the index renames the fresh one into place", async () => {
    const fake = new FakeMeilisearch();
    const engine = new MeilisearchEngine({ host: "http://meili.fake", fetch: fake.fetch, taskIntervalMs: 1, definitions: { jobs: defs.jobs } });
    await engine.replaceAll("jobs", [job("a", {})]);
    expect([...fake.indexes.keys()]).toEqual(["jobs"]);
    expect(fake.requests.find((r) => r.path === "/swap-indexes")?.body).toEqual([{ indexes: [expect.stringMatching(/^jobs_rebuild_/), "jobs"], rename: true }]);
    expect(fake.indexes.get("jobs")?.settings.filterableAttributes).toContain("category");
  });

  it("4. a server older than 1.18 is refused at start with a clear message", async () => {
    const old = new FakeMeilisearch({ version: "1.17.1" });
    const err = await createSearchEngine({ MEILI_HOST: "http://meili.fake", fetch: old.fetch }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MeilisearchVersionError);
    expect(String((err as Error).message)).toMatch(/Meilisearch 1\.17\.1 .* needs Meilisearch 1\.18\.0 or newer/);
    const ok = await createSearchEngine({ MEILI_HOST: "http://meili.fake", fetch: new FakeMeilisearch({ version: "1.18.0" }).fetch });
    expect(ok.kind).toBe("meilisearch");
  });

  it("9. a hung server fails the request after MEILI_TIMEOUT_MS instead of stalling", async () => {
    const fake = new FakeMeilisearch({ hang: (_m, path) => path.endsWith("/search") });
    const engine = await createSearchEngine({ MEILI_HOST: "http://meili.fake", MEILI_TIMEOUT_MS: 150, fetch: fake.fetch });
    await engine.configure(defs.jobs);
    const started = Date.now();
    await expect(engine.search("jobs", { q: "x" })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("9. rebuild batches are sized by bytes under the payload limit", async () => {
    const fake = new FakeMeilisearch({ payloadLimitBytes: 60_000 });
    const small = buildIndexDefinitions([["司机", "驾驶员"]]);
    const engine = new MeilisearchEngine({ host: "http://meili.fake", fetch: fake.fetch, taskIntervalMs: 1, maxBatchBytes: 50_000, definitions: { jobs: small.jobs } });
    const docs = Array.from({ length: 60 }, (_, i) => job(`d${i}`, { description: "很长的描述".repeat(200) }));
    await engine.replaceAll("jobs", docs);
    expect((await engine.stats("jobs")).documents).toBe(60);
    const sizes = fake.requests.filter((r) => r.path.endsWith("/documents")).map((r) => r.bytes);
    expect(sizes.length).toBeGreaterThan(2);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(50_000);
  });

  it("9. a literal <mark> in stored text is escaped in highlights", async () => {
    const { engine } = await engineWith([job("m", { title: "司机<mark>急招</mark>" })]);
    const r = await engine.search("jobs", { q: "司机", highlight: true });
    expect(r.hits[0].highlights?.title).toBe("<mark>司机</mark>&lt;mark&gt;急招&lt;/mark&gt;");
  });

  it("9. _formatted carries an excerpt of long text around the match, not a second copy of it", async () => {
    const fake = new FakeMeilisearch();
    const answers: string[] = [];
    const fetch: typeof fake.fetch = async (...args) => {
      const res = await fake.fetch(...args);
      if (String(args[0]).endsWith("/search")) answers.push(await res.clone().text());
      return res;
    };
    const engine = new MeilisearchEngine({ host: "http://meili.fake", fetch, taskIntervalMs: 1 });
    await engine.configure(defs.jobs);
    const description = `${"公司位于工业园区，提供住宿和班车。".repeat(30)}招聘叉车司机两名。${"五险一金，节日福利，年终奖金。".repeat(30)}`;
    await engine.upsert("jobs", [job("long", { title: "仓库管理员", description })], { wait: true });
    const r = await engine.search("jobs", { q: "叉车", highlight: true });
    const excerpt = r.hits[0].highlights?.description ?? "";
    expect(excerpt).toContain("<mark>叉车</mark>");
    expect(excerpt.startsWith("…") && excerpt.endsWith("…")).toBe(true);
    expect(excerpt.length).toBeLessThan(description.length / 5);
    // the answer holds the description once (the document) plus the excerpt, not twice (60 times)
    const raw = answers.at(-1)!;
    expect(raw.split("五险一金").length - 1).toBeLessThanOrEqual(32);
  });

  it("9. no synonym key longer than Meilisearch's three words is sent", () => {
    const long = buildIndexDefinitions([["heavy goods vehicle driver", "货车司机"]]);
    expect(Object.keys(meiliSettings(long.jobs).synonyms)).toEqual(["货车司机"]);
    expect(Object.keys(defs.jobs.synonyms).some((k) => synonymKeyWords(k) > MAX_SYNONYM_KEY_WORDS)).toBe(true);
    expect(Object.keys(meiliSettings(defs.jobs).synonyms).every((k) => synonymKeyWords(k) <= MAX_SYNONYM_KEY_WORDS)).toBe(true);
  });

  it("9. searches use the search-only key; writes the admin key", async () => {
    const fake = new FakeMeilisearch({ masterKey: "admin-key", keys: { "search-key": ["search"] } });
    const engine = await createSearchEngine({ MEILI_HOST: "http://meili.fake", MEILI_API_KEY: "admin-key", MEILI_SEARCH_KEY: "search-key", fetch: fake.fetch });
    await engine.configure(defs.jobs);
    await engine.upsert("jobs", [job("k", { title: "司机" })], { wait: true });
    expect(ids(await engine.search("jobs", { q: "司机" }))).toEqual(["k"]);
    expect(fake.requests.filter((r) => r.path.endsWith("/search")).map((r) => r.auth)).toEqual(["Bearer search-key"]);
    expect(fake.requests.filter((r) => r.method !== "GET" && !r.path.endsWith("/search")).every((r) => r.auth === "Bearer admin-key")).toBe(true);
    expect(RETURNED_FIELDS.jobs).not.toContain("_pinyin");
  });
});
