// The adapter's HTTP requests, checked against a fake fetch that answers like Meilisearch (task objects included).
import { describe, expect, it } from "vitest";
import { MeilisearchEngine, MeilisearchHttpError, MeilisearchTaskError, POST_TAG, PRE_TAG, RETURNED_FIELDS, safeHighlight } from "../../search/meilisearch";
import { buildIndexDefinitions, meiliSettings } from "../../search/indexes";

interface Recorded {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  auth: string | null;
}

function fakeMeili(options: { failTask?: (path: string) => string | undefined; searchResponse?: unknown; errorOn?: string } = {}) {
  const requests: Recorded[] = [];
  const tasks = new Map<number, { path: string; failure?: string }>();
  let nextTask = 1;
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = (init?.method ?? "GET").toUpperCase();
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    const headers = new Headers(init?.headers);
    requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), body, auth: headers.get("authorization") });
    if (options.errorOn && url.pathname === options.errorOn) {
      return json(400, { message: "Attribute `x` is not filterable.", code: "invalid_search_filter", type: "invalid_request" });
    }
    const task = url.pathname.match(/^\/tasks\/(\d+)$/);
    if (task) {
      const t = tasks.get(Number(task[1]))!;
      return json(200, {
        uid: Number(task[1]),
        status: t.failure ? "failed" : "succeeded",
        error: t.failure ? { message: `failed: ${t.failure}`, code: t.failure, type: "invalid_request" } : null,
      });
    }
    if (url.pathname === "/health") return json(200, { status: "available" });
    if (url.pathname.endsWith("/stats")) return json(200, { numberOfDocuments: 42, isIndexing: false, fieldDistribution: {} });
    if (url.pathname.endsWith("/search")) return json(200, options.searchResponse);
    const uid = nextTask++;
    tasks.set(uid, { path: url.pathname, failure: options.failTask?.(`${method} ${url.pathname}`) });
    return json(202, { taskUid: uid, indexUid: null, status: "enqueued", type: "x", enqueuedAt: "2026-01-01T00:00:00Z" });
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

const defs = buildIndexDefinitions([["驾驶员", "司机", "driver"]], { dictionary: ["张家港"] });
const make = (fake: ReturnType<typeof fakeMeili>) =>
  new MeilisearchEngine({ host: "http://meili.test", apiKey: "k3y", fetch: fake.fetch, taskIntervalMs: 0, definitions: defs });
const calls = (f: ReturnType<typeof fakeMeili>) => f.requests.map((r) => `${r.method} ${r.path}`);

describe("MeilisearchEngine over HTTP", () => {
  it("configure creates the index, applies the settings from indexes.ts and waits for both tasks", async () => {
    const fake = fakeMeili({ failTask: (p) => (p === "POST /indexes" ? "index_already_exists" : undefined) });
    await make(fake).configure(defs.jobs);
    expect(calls(fake)).toEqual(["POST /indexes", "GET /tasks/1", "PATCH /indexes/jobs/settings", "GET /tasks/2"]);
    expect(fake.requests[0].body).toEqual({ uid: "jobs", primaryKey: "id" });
    expect(fake.requests[0].auth).toBe("Bearer k3y");
    const settings = fake.requests[2].body as ReturnType<typeof meiliSettings>;
    expect(settings).toEqual(meiliSettings(defs.jobs));
    expect(settings.searchableAttributes[0]).toBe("title");
    expect(settings.searchableAttributes.at(-1)).toBe("_pinyin");
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(["region_codes", "salary_max", "_geo"]));
    expect(settings.synonyms["驾驶员"]).toEqual(expect.arrayContaining(["司机", "driver"]));
    expect(settings.rankingRules.slice(0, 2)).toEqual(["words", "sort"]);
  });

  it("upserts with primaryKey id, waiting only when asked", async () => {
    const fake = fakeMeili();
    const engine = make(fake);
    const doc = { id: "j1", title: "货车司机" };
    await engine.upsert("jobs", [doc]);
    expect(calls(fake)).toEqual(["POST /indexes/jobs/documents"]);
    expect(fake.requests[0].query).toEqual({ primaryKey: "id" });
    // Documents carry pinyin of their short Chinese fields: a stock Meilisearch has no pinyin of its own.
    expect(fake.requests[0].body).toEqual([{ ...doc, _pinyin: expect.stringContaining("siji"), _regions: "" }]);
    const pinyinField = (fake.requests[0].body as { _pinyin: string }[])[0]._pinyin.split(" ");
    expect(pinyinField).toEqual(expect.arrayContaining(["huochesiji", "siji", "sj"]));
    // never single syllables: "si" or "ji" alone would match nearly every posting
    expect(pinyinField).not.toContain("si");
    expect(pinyinField).not.toContain("ji");
    await engine.upsert("jobs", [doc], { wait: true });
    await engine.remove("jobs", ["j1"], { wait: true });
    expect(calls(fake).slice(1)).toEqual([
      "POST /indexes/jobs/documents",
      "GET /tasks/2",
      "POST /indexes/jobs/documents/delete-batch",
      "GET /tasks/3",
    ]);
    expect(fake.requests[3].body).toEqual(["j1"]);
  });

  it("raises a failed task as MeilisearchTaskError", async () => {
    const fake = fakeMeili({ failTask: (p) => (p.endsWith("/documents") ? "invalid_document_id" : undefined) });
    await expect(make(fake).upsert("jobs", [{ id: "bad id" }], { wait: true })).rejects.toMatchObject({
      name: "MeilisearchTaskError",
      code: "invalid_document_id",
    });
    await expect(make(fake).upsert("jobs", [{ id: "x" }], { wait: true })).rejects.toBeInstanceOf(MeilisearchTaskError);
  });

  it("translates a query: escaped filter, sort, facets, paging, highlight tags", async () => {
    const fake = fakeMeili({
      searchResponse: {
        hits: [
          {
            id: "j1",
            title: "货车司机 <b>",
            skills: ["驾驶", "A2驾照"],
            _geoDistance: 1234,
            _rankingScore: 0.87,
            _pinyin: "huochesiji",
            _formatted: { id: "j1", title: `货车${PRE_TAG}司机${POST_TAG} <b>`, skills: [`${PRE_TAG}驾驶${POST_TAG}`, "A2驾照"], description: "无" },
          },
        ],
        query: "司机",
        processingTimeMs: 1,
        hitsPerPage: 5,
        page: 2,
        totalPages: 3,
        totalHits: 11,
        facetDistribution: { category: { 交通运输: 7, 安保: 4 } },
      },
    });
    const r = await make(fake).search("jobs", {
      q: "司机",
      filter: [
        { op: "eq", field: "category", value: '交通" OR category = "安保' },
        { op: "prefix", field: "region_codes", value: "3205" },
        { op: "overlap", minField: "salary_min", maxField: "salary_max", gte: 6000 },
      ],
      geo: { lat: 31.9, lng: 120.5, radiusKm: 20 },
      sort: "distance",
      facets: ["category"],
      page: 2,
      hitsPerPage: 5,
      highlight: true,
    });
    const req = fake.requests[0];
    expect(`${req.method} ${req.path}`).toBe("POST /indexes/jobs/search");
    expect(req.body).toMatchObject({
      q: "司机",
      filter: ['category = "交通\\" OR category = \\"安保"', 'region_codes = "320500"', "salary_max >= 6000", "_geoRadius(31.9, 120.5, 20000)"],
      sort: ["_geoPoint(31.9, 120.5):asc"],
      facets: ["category"],
      page: 2,
      hitsPerPage: 5,
      attributesToHighlight: defs.jobs.highlightAttributes,
      highlightPreTag: PRE_TAG,
      highlightPostTag: POST_TAG,
      attributesToRetrieve: RETURNED_FIELDS.jobs,
    });
    expect(r.total).toBe(11);
    expect(r.page).toBe(2);
    expect(r.facets).toEqual({ category: { 交通运输: 7, 安保: 4 } });
    expect(r.hits[0].document).toEqual({ id: "j1", title: "货车司机 <b>", skills: ["驾驶", "A2驾照"] });
    expect(r.hits[0].distanceMeters).toBe(1234);
    expect(r.hits[0].score).toBe(0.87);
    expect(r.hits[0].highlights).toEqual({ title: "货车<mark>司机</mark> &lt;b&gt;", skills: "<mark>驾驶</mark>、A2驾照" });
  });

  it("surfaces HTTP errors with Meilisearch's code", async () => {
    const fake = fakeMeili({ errorOn: "/indexes/jobs/search" });
    const err = await make(fake).search("jobs", { q: "x" }).catch((e) => e);
    expect(err).toBeInstanceOf(MeilisearchHttpError);
    expect(err).toMatchObject({ status: 400, code: "invalid_search_filter" });
  });

  it("replaceAll fills a fresh uniquely named index, swaps it in and deletes the old one, in byte-sized batches", async () => {
    const fake = fakeMeili();
    const engine = new MeilisearchEngine({ host: "http://meili.test", fetch: fake.fetch, taskIntervalMs: 0, definitions: defs, batchSize: 2 });
    await engine.replaceAll("jobs", [{ id: "a" }, { id: "b" }, { id: "c" }]);
    const seen = calls(fake).filter((c) => !c.startsWith("GET /tasks"));
    const tmp = (fake.requests[0].body as { uid: string }).uid;
    expect(tmp).toMatch(/^jobs_rebuild_[a-z0-9_]+$/);
    expect(seen).toEqual([
      "POST /indexes",
      `PATCH /indexes/${tmp}/settings`,
      `POST /indexes/${tmp}/documents`,
      `POST /indexes/${tmp}/documents`,
      "GET /indexes/jobs",
      "POST /swap-indexes",
      `DELETE /indexes/${tmp}`,
    ]);
    const bodies = fake.requests.filter((r) => r.method === "POST" && r.path.endsWith("/documents")).map((r) => r.body);
    expect(bodies).toEqual([
      [{ id: "a", _pinyin: "", _regions: "" }, { id: "b", _pinyin: "", _regions: "" }],
      [{ id: "c", _pinyin: "", _regions: "" }],
    ]);
    expect(fake.requests.find((r) => r.path === "/swap-indexes")?.body).toEqual([{ indexes: ["jobs", tmp], rename: false }]);
  });

  it("reports stats and health", async () => {
    const fake = fakeMeili();
    expect(await make(fake).stats("jobs")).toEqual({ documents: 42 });
    expect(await make(fake).health()).toBe(true);
    expect(calls(fake)).toEqual(["GET /indexes/jobs/stats", "GET /health"]);
  });
});

describe("safeHighlight", () => {
  it("escapes everything but the mark tags", () => {
    expect(safeHighlight(`${PRE_TAG}司机${POST_TAG}<script>alert("x")</script><mark>`)).toBe(
      "<mark>司机</mark>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;mark&gt;",
    );
  });
});
