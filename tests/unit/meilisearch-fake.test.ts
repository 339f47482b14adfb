// The stateful Meilisearch fake behaves like the server where our adapter depends on it (see the sources cited in
// tests/fakes/meilisearch.ts), and its filter parser unescapes values as crates/filter-parser does.
import { describe, expect, it } from "vitest";
import { Charabia, swallowedTerms } from "../fakes/charabia";
import { FakeMeilisearch } from "../fakes/meilisearch";
import { evaluate, parseFilterString, readQuoted } from "../fakes/meili-filter";
import { meiliString } from "../../search/filter";

async function call(fake: FakeMeilisearch, method: string, path: string, body?: unknown) {
  const res = await fake.fetch(`http://fake${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { taskUid?: number } };
}

async function task(fake: FakeMeilisearch, uid: number) {
  await fake.idle();
  return (await call(fake, "GET", `/tasks/${uid}`)).body as { status: string; error: { code: string; message: string; type: string; link: string } | null; type: string };
}

describe("filter parser (vectors from crates/filter-parser/src/value.rs)", () => {
  it("unescapes quoted values like quoted_by + unescape + unescaper", () => {
    const cases: [string, string][] = [
      [String.raw`"\\"`, "\\"],
      [String.raw`"\\\\\\"`, "\\\\\\"],
      [String.raw`"aa\\aa"`, String.raw`aa\aa`],
      [String.raw`"Hello \"world\""`, `Hello "world"`],
      [String.raw`"Hello \\\"world\\\""`, String.raw`Hello \"world\"`],
      [String.raw`"I'm \"super\" tamo"`, `I'm "super" tamo`],
      [String.raw`"\"\""`, `""`],
      [String.raw`'Hello \'world\''`, `Hello 'world'`],
      [String.raw`'Hello \\\'world\\\''`, String.raw`Hello \'world\'`],
      [String.raw`'I\'m "super" tamo'`, `I'm "super" tamo`],
      [`" some spaces "`, " some spaces "],
    ];
    for (const [input, expected] of cases) {
      const { value, rest } = readQuoted(input.slice(1), input[0] as '"' | "'");
      expect(value, input).toBe(expected);
      expect(rest, input).toBe(input[0]);
    }
  });

  it("round-trips every value our adapter quotes (meiliString) back to itself", () => {
    for (const v of ['安保" OR category = "制造', "a\\", "\\\"", 'x\\"y', "back\\slash\\n", "'single'"]) {
      const node = parseFilterString(`category = ${meiliString(v)}`);
      expect(node).toEqual({ kind: "cmp", field: "category", op: "=", value: v });
      expect(evaluate(node, { category: v })).toBe(true);
    }
  });

  it("parses AND/OR/NOT, IN, TO, EXISTS, IS NULL and _geoRadius", () => {
    const doc = { a: 5, b: ["x", "y"], c: null, _geo: { lat: 31.3, lng: 120.6 } };
    expect(evaluate(parseFilterString("a >= 5 AND (b = x OR b = z) AND NOT a = 6"), doc)).toBe(true);
    expect(evaluate(parseFilterString("a 1 TO 4"), doc)).toBe(false);
    expect(evaluate(parseFilterString('b IN ["z", y]'), doc)).toBe(true);
    expect(evaluate(parseFilterString("b NOT IN [x]"), doc)).toBe(false);
    expect(evaluate(parseFilterString("c IS NULL AND d NOT EXISTS"), doc)).toBe(true);
    expect(evaluate(parseFilterString("_geoRadius(31.3, 120.6, 100)"), doc)).toBe(true);
    expect(() => parseFilterString("a = ")).toThrow();
    expect(() => parseFilterString('a = "open')).toThrow(/closing delimiter/);
  });
});

describe("charabia's dictionary pass", () => {
  it("keeps dictionary words whole, leftmost-longest", () => {
    const t = new Charabia(["货车司机", "市中"]);
    expect(t.tokenize("货车司机招聘").map((x) => x.word)).toContain("货车司机");
    expect(t.tokenize("货车司机招聘").map((x) => x.word)).not.toContain("司机");
    expect(t.tokenize("位于市中心").map((x) => x.word)).toContain("市中");
    expect(swallowedTerms(["货车司机", "运维"], ["司机", "运维"])).toEqual([{ word: "货车司机", term: "司机" }]);
  });
});

describe("FakeMeilisearch", () => {
  it("answers task, error and version shapes, processing tasks after the request returned", async () => {
    const fake = new FakeMeilisearch();
    const created = await call(fake, "POST", "/indexes", { uid: "jobs", primaryKey: "id" });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ taskUid: 0, indexUid: "jobs", status: "enqueued", type: "indexCreation" });
    expect((await call(fake, "GET", "/tasks/0")).body.status).toBe("enqueued");
    expect(await task(fake, 0)).toMatchObject({ status: "succeeded", error: null });
    const again = await call(fake, "POST", "/indexes", { uid: "jobs" });
    expect(await task(fake, again.body.taskUid!)).toMatchObject({
      status: "failed",
      error: { code: "index_already_exists", type: "invalid_request", link: "https://docs.meilisearch.com/errors#index_already_exists", message: "Index `jobs` already exists." },
    });
    expect((await call(fake, "GET", "/version")).body.pkgVersion).toBe("1.19.0");
    expect((await call(fake, "GET", "/indexes/nope")).body).toMatchObject({ code: "index_not_found", message: "Index `nope` not found." });
  });

  it("refuses unknown fields in settings and searches (bad_request)", async () => {
    const fake = new FakeMeilisearch();
    const r = await call(fake, "PATCH", "/indexes/jobs/settings", { searchable: ["x"] });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: "bad_request" });
    expect(String(r.body.message)).toMatch(/^Unknown field `searchable`: expected one of/);
    await call(fake, "POST", "/indexes/jobs/documents?primaryKey=id", [{ id: "a" }]);
    await fake.idle();
    const s = await call(fake, "POST", "/indexes/jobs/search", { q: "", hitsPerPage: 1, wat: true });
    expect(s.body.code).toBe("bad_request");
  });

  it("creates an index on a document write, without settings: filters then answer invalid_search_filter", async () => {
    const fake = new FakeMeilisearch();
    const add = await call(fake, "POST", "/indexes/jobs/documents?primaryKey=id", [{ id: "a", category: "安保" }]);
    expect((await task(fake, add.body.taskUid!)).status).toBe("succeeded");
    const r = await call(fake, "POST", "/indexes/jobs/search", { filter: 'category = "安保"' });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("invalid_search_filter");
    expect(String(r.body.message)).toContain("Attribute `category` is not filterable");
  });

  it("truncates facet values alphabetically at maxValuesPerFacet unless sorted by count", async () => {
    const fake = new FakeMeilisearch();
    await call(fake, "PATCH", "/indexes/t/settings", { filterableAttributes: ["r"], faceting: { maxValuesPerFacet: 2 } });
    await call(fake, "POST", "/indexes/t/documents?primaryKey=id", [{ id: "1", r: "c" }, { id: "2", r: "c" }, { id: "3", r: "a" }, { id: "4", r: "b" }]);
    await fake.idle();
    const alpha = await call(fake, "POST", "/indexes/t/search", { facets: ["r"], hitsPerPage: 0 });
    expect(alpha.body.facetDistribution).toEqual({ r: { a: 1, b: 1 } });
    await call(fake, "PATCH", "/indexes/t/settings", { faceting: { sortFacetValuesBy: { r: "count" } } });
    await fake.idle();
    const count = await call(fake, "POST", "/indexes/t/search", { facets: ["r"], hitsPerPage: 0 });
    expect(count.body.facetDistribution).toEqual({ r: { c: 2, a: 1 } });
  });

  it("swaps indexes; `rename` is an unknown field before v1.18", async () => {
    const old = new FakeMeilisearch({ version: "1.17.1" });
    const r = await call(old, "POST", "/swap-indexes", [{ indexes: ["a", "b"], rename: false }]);
    expect(r.status).toBe(400);
    expect(r.body.message).toBe("Unknown field `rename`: expected one of `indexes`");
    const fake = new FakeMeilisearch();
    await call(fake, "POST", "/indexes/a/documents?primaryKey=id", [{ id: "1" }]);
    await call(fake, "POST", "/indexes/b/documents?primaryKey=id", [{ id: "2" }, { id: "3" }]);
    const s = await call(fake, "POST", "/swap-indexes", [{ indexes: ["a", "b"], rename: false }]);
    expect((await task(fake, s.body.taskUid!)).status).toBe("succeeded");
    expect((await call(fake, "GET", "/indexes/a/stats")).body.numberOfDocuments).toBe(2);
    const missing = await call(fake, "POST", "/swap-indexes", [{ indexes: ["a", "zz"], rename: false }]);
    expect((await task(fake, missing.body.taskUid!)).error?.code).toBe("index_not_found");
  });

  it("refuses payloads over the limit with 413 payload_too_large", async () => {
    const fake = new FakeMeilisearch({ payloadLimitBytes: 1000 });
    const r = await call(fake, "POST", "/indexes/a/documents?primaryKey=id", [{ id: "1", text: "x".repeat(2000) }]);
    expect(r.status).toBe(413);
    expect(r.body.code).toBe("payload_too_large");
  });

  it("pages, prefixes only the last word, counts a first-letter typo as two", async () => {
    const fake = new FakeMeilisearch();
    await call(fake, "POST", "/indexes/a/documents?primaryKey=id", [{ id: "1", t: "forklift driver" }, { id: "2", t: "warehouse" }]);
    await fake.idle();
    const search = async (q: string) => ((await call(fake, "POST", "/indexes/a/search", { q, page: 1, hitsPerPage: 10 })).body as { hits: { id: string }[]; totalHits: number; totalPages: number });
    expect((await search("fork")).hits.map((h) => h.id)).toEqual(["1"]);
    // "fork" is not the last word, so it is no prefix; "last" drops words from the end only, and nothing matches "fork"
    expect((await search("fork driver")).hits).toEqual([]);
    expect((await search("forklfit")).hits.map((h) => h.id)).toEqual(["1"]);
    expect((await search("dorklift")).hits).toEqual([]);
    const page = await search("");
    expect(page).toMatchObject({ totalHits: 2, totalPages: 1 });
  });
});
