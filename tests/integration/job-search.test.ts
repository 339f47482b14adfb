import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { AppLoadContext } from "@remix-run/node";
import type { Db } from "../../db/client";
import { createJobPosting, createOrganization, createTrainingSlot, uniqueSuffix } from "../../db/factories";
import { jobPostings } from "../../db/schema";
import { loadConfig } from "../../app/env.server";
import { buildRegionTree, type RegionFacetNode } from "../../app/models/region-facets.server";
import { highlightSegments } from "../../app/models/search-highlight";
import { searchJobsPage, searchTrainingPage } from "../../app/models/job-search.server";
import { loader as jobsLoader } from "../../app/routes/jobs._index";
import { loader as trainingLoader } from "../../app/routes/training._index";
import { EmbeddedSearchEngine } from "../../search/embedded";
import { parseJobSearchLenient } from "../../search/query-params";
import { ensureIndexes } from "../../search/sync";
import { withRollback } from "../helpers/db";

const DAY = 86_400_000;

/** A fresh embedded engine filled from the database as the app does at start (settings, then reindex). */
async function indexedEngine(tx: Db) {
  const engine = new EmbeddedSearchEngine();
  await ensureIndexes(tx, engine);
  return engine;
}

function context(tx: Db, search: EmbeddedSearchEngine): AppLoadContext {
  return { db: tx, search: Object.assign(search, { kind: "embedded" as const }), config: loadConfig({}), dbKind: "pglite", mailer: undefined as never, cspNonce: "" } as AppLoadContext;
}

const names = (nodes: RegionFacetNode[]): unknown =>
  nodes.map((n) => (n.expanded ? { [`${n.name} ${n.count}`]: names(n.children) } : `${n.name} ${n.count}`));

/** Rows for one test: a category of their own keeps other tests' committed rows out of every assertion. */
async function driverFixture(tx: Db) {
  const category = `t_${uniqueSuffix()}`;
  const org = await createOrganization(tx, { name: "港城智运物流", verificationStatus: "verified" });
  const now = Date.now();
  const a2 = await createJobPosting(tx, {
    organizationId: org.id,
    title: "集装箱牵引车司机（A2）",
    description: "负责港区集装箱短驳运输，持A2驾驶证。",
    category,
    skills: ["驾驶", "物流"],
    regionCode: "320582", // 张家港市
    salaryMin: 8000,
    salaryMax: 12000,
    publishedAt: new Date(now - 2 * DAY),
  });
  const city = await createJobPosting(tx, {
    organizationId: org.id,
    title: "城市配送司机",
    category,
    skills: ["驾驶"],
    regionCode: "320508", // 姑苏区
    salaryMin: 3000,
    salaryMax: 4500,
    jobType: "part_time",
    veteranPreferred: false,
    publishedAt: new Date(now - DAY),
  });
  const nanjing = await createJobPosting(tx, {
    organizationId: org.id,
    title: "班车司机",
    category,
    regionCode: "320102", // 南京市玄武区
    salaryMin: 5000,
    salaryMax: 6000,
    publishedAt: new Date(now - 3 * DAY),
  });
  const guard = await createJobPosting(tx, { organizationId: org.id, title: "园区保安", category, regionCode: "320582", publishedAt: new Date(now - 4 * DAY) });
  const closed = await createJobPosting(tx, { organizationId: org.id, title: "已关闭的司机岗位", category, status: "closed" });
  const draft = await createJobPosting(tx, { organizationId: org.id, title: "草稿司机岗位", category, status: "draft" });
  const expired = await createJobPosting(tx, {
    organizationId: org.id,
    title: "过期的司机岗位",
    category,
    publishedAt: new Date(now - 90 * DAY),
    expiresAt: new Date(now - DAY),
  });
  return { category, org, a2, city, nanjing, guard, closed, draft, expired };
}

describe("job search page model", () => {
  it("finds published, live jobs only, highlights the query and counts facets", async () => {
    await withRollback(async (tx) => {
      const f = await driverFixture(tx);
      const engine = await indexedEngine(tx);
      const page = await searchJobsPage(tx, engine, { q: "司机", category: f.category, page: 1 });
      expect(page.total).toBe(3);
      const ids = page.hits.map((h) => h.id);
      expect(ids.sort()).toEqual([f.a2.id, f.city.id, f.nanjing.id].sort());
      for (const hidden of [f.closed, f.draft, f.expired, f.guard]) expect(ids).not.toContain(hidden.id);
      const a2 = page.hits.find((h) => h.id === f.a2.id)!;
      expect(a2.title).toContainEqual({ text: "司机", mark: true });
      expect(a2.title.map((s) => s.text).join("")).toBe("集装箱牵引车司机（A2）");
      expect(a2.regionName).toBe("江苏省 苏州市 张家港市");
      expect(a2.publishedAt).toBe(f.a2.publishedAt!.toISOString());
      expect(page.categories).toEqual([expect.objectContaining({ id: f.category, count: 3 })]);
      expect(page.jobTypes).toEqual([
        { id: "full_time", count: 2 },
        { id: "part_time", count: 1 },
      ]);
      expect(page.veteranPreferredCount).toBe(2);
      // province → city → county, busiest first (a small result unfolds completely)
      expect(names(page.regions)).toEqual([{ "江苏省 3": [{ "苏州市 2": ["姑苏区 1", "张家港市 1"] }, { "南京市 1": ["玄武区 1"] }] }]);
    });
  });

  it("narrows by region code prefix and shows the chosen region's chain", async () => {
    await withRollback(async (tx) => {
      const f = await driverFixture(tx);
      const engine = await indexedEngine(tx);
      const suzhou = await searchJobsPage(tx, engine, { q: "司机", category: f.category, region: "320500", page: 1 });
      expect(suzhou.hits.map((h) => h.id).sort()).toEqual([f.a2.id, f.city.id].sort());
      expect(suzhou.regionChain.map((r) => r.name)).toEqual(["江苏省", "苏州市"]);
      expect(names(suzhou.regions)).toEqual([{ "江苏省 2": [{ "苏州市 2": ["姑苏区 1", "张家港市 1"] }] }]);
      const county = await searchJobsPage(tx, engine, { category: f.category, region: "320582", page: 1 });
      expect(county.hits.map((h) => h.title.map((s) => s.text).join("")).sort()).toEqual(["园区保安", "集装箱牵引车司机（A2）"].sort());
    });
  });

  it("filters by salary band (range overlap), job type and veteran preference, and sorts", async () => {
    await withRollback(async (tx) => {
      const f = await driverFixture(tx);
      const engine = await indexedEngine(tx);
      const band = await searchJobsPage(tx, engine, { category: f.category, salaryMin: 5000, page: 1 });
      // guard: factory salary 5000–8000; nanjing 5000–6000; a2 8000–12000; city 3000–4500 is out
      expect(band.hits.map((h) => h.id).sort()).toEqual([f.a2.id, f.nanjing.id, f.guard.id].sort());
      const high = await searchJobsPage(tx, engine, { category: f.category, salaryMin: 12000, page: 1 });
      expect(high.hits.map((h) => h.id)).toEqual([f.a2.id]);
      const partTime = await searchJobsPage(tx, engine, { category: f.category, jobType: "part_time", page: 1 });
      expect(partTime.hits.map((h) => h.id)).toEqual([f.city.id]);
      const veteran = await searchJobsPage(tx, engine, { q: "司机", category: f.category, veteran: true, page: 1 });
      expect(veteran.hits.map((h) => h.id)).not.toContain(f.city.id);
      const newest = await searchJobsPage(tx, engine, { category: f.category, page: 1 });
      expect(newest.hits.map((h) => h.id)).toEqual([f.city.id, f.a2.id, f.nanjing.id, f.guard.id]);
      const salary = await searchJobsPage(tx, engine, { category: f.category, sort: "salary", page: 1 });
      expect(salary.hits[0].id).toBe(f.a2.id);
    });
  });

  it("pages 20 at a time", async () => {
    await withRollback(async (tx) => {
      const category = `t_${uniqueSuffix()}`;
      const org = await createOrganization(tx, { verificationStatus: "verified" });
      for (let i = 0; i < 25; i++) {
        await createJobPosting(tx, { organizationId: org.id, category, title: `仓库管理员 ${i}`, publishedAt: new Date(Date.now() - i * 60_000) });
      }
      const engine = await indexedEngine(tx);
      const first = await searchJobsPage(tx, engine, { category, page: 1 });
      const second = await searchJobsPage(tx, engine, { category, page: 2 });
      expect([first.total, first.pageCount, first.hits.length, second.hits.length]).toEqual([25, 2, 20, 5]);
      expect(new Set([...first.hits, ...second.hits].map((h) => h.id)).size).toBe(25);
      expect(first.hits[0].title.map((s) => s.text).join("")).toBe("仓库管理员 0");
      const beyond = await searchJobsPage(tx, engine, { category, page: 3 });
      expect([beyond.total, beyond.hits.length]).toEqual([25, 0]);
    });
  });

  it("an empty result suggests which filter to drop (with counts) and related words", async () => {
    await withRollback(async (tx) => {
      const f = await driverFixture(tx);
      const engine = await indexedEngine(tx);
      const empty = await searchJobsPage(tx, engine, { q: "司机", category: f.category, jobType: "internship", region: "320500", page: 1 });
      expect(empty.total).toBe(0);
      expect(empty.relaxations).toEqual(
        expect.arrayContaining([
          { drop: "jobType", total: 2 },
          { drop: "category", total: expect.any(Number) },
        ]),
      );
      expect(empty.relaxations.find((r) => r.drop === "region")?.total).toBe(0);
      expect(empty.relatedTerms).toEqual(expect.arrayContaining(["驾驶员"]));
      expect(empty.relatedTerms).not.toContain("司机");
      const chosen = await searchJobsPage(tx, engine, { category: "driving_logistics", jobType: "internship", region: "320102", q: "不存在的岗位词", page: 1 });
      expect(chosen.categories).toContainEqual({ id: "driving_logistics", name: "驾驶与物流", nameEn: "Driving and logistics", count: 0 });
    });
  });

  it("drops a hit whose job closed after it was indexed (outbox not drained yet)", async () => {
    await withRollback(async (tx) => {
      const f = await driverFixture(tx);
      const engine = await indexedEngine(tx);
      await tx.update(jobPostings).set({ status: "closed" }).where(eq(jobPostings.id, f.a2.id));
      const page = await searchJobsPage(tx, engine, { q: "司机", category: f.category, page: 1 });
      expect(page.hits.map((h) => h.id)).not.toContain(f.a2.id);
      expect(page.hits).toHaveLength(2);
    });
  });
});

describe("region names", () => {
  it("names a posting placed in a town even when the index has no path for it", async () => {
    await withRollback(async (tx) => {
      const category = `t_${uniqueSuffix()}`;
      const job = await createJobPosting(tx, { category, title: "镇上的岗位", regionCode: "320582100" });
      const engine = await indexedEngine(tx);
      const page = await searchJobsPage(tx, engine, { category, region: "320582", page: 1 });
      expect(page.hits.map((h) => h.id)).toEqual([job.id]);
      expect(page.hits[0].regionName).toMatch(/^江苏省 苏州市 张家港市/);
    });
  });
});

describe("job search route", () => {
  it("reads the state from the URL, ignores bad values and reports them", async () => {
    await withRollback(async (tx) => {
      const f = await driverFixture(tx);
      const engine = await indexedEngine(tx);
      const request = new Request(`http://x.test/jobs?q=%E5%8F%B8%E6%9C%BA&category=${f.category}&region=3205&page=0&job_type=bogus`);
      const response = (await jobsLoader({ request, context: context(tx, engine), params: {} })) as Response;
      const data = await response.json();
      expect(data.search).toEqual({ q: "司机", category: f.category, region: "320500", page: 1 });
      expect(data.dropped.sort()).toEqual(["job_type", "page"]);
      expect(data.result.total).toBe(2);
      expect(data.viewer).toBeNull();
    });
  });

  it("the training page searches live, published courses with region and seats filters", async () => {
    await withRollback(async (tx) => {
      const word = `zq${uniqueSuffix()}`;
      const org = await createOrganization(tx, { kind: "training_provider", verificationStatus: "verified" });
      const open = await createTrainingSlot(tx, { organizationId: org.id, title: `叉车司机培训 ${word}`, regionCode: "320582", capacity: 20, seatsTaken: 5 });
      const full = await createTrainingSlot(tx, { organizationId: org.id, title: `电工培训 ${word}`, regionCode: "320508", capacity: 10, seatsTaken: 10 });
      const past = await createTrainingSlot(tx, {
        organizationId: org.id,
        title: `往期培训 ${word}`,
        startsAt: new Date(Date.now() - 40 * DAY),
        endsAt: new Date(Date.now() - 20 * DAY),
      });
      const engine = await indexedEngine(tx);
      const all = await searchTrainingPage(tx, engine, { q: word, page: 1 });
      expect(all.hits.map((h) => h.id).sort()).toEqual([open.id, full.id].sort());
      expect(all.hits.map((h) => h.id)).not.toContain(past.id);
      const seats = await searchTrainingPage(tx, engine, { q: word, seats: true, page: 1 });
      expect(seats.hits.map((h) => h.id)).toEqual([open.id]);
      expect(seats.hits[0].seatsLeft).toBe(15);
      const county = await searchTrainingPage(tx, engine, { q: word, region: "320508", page: 1 });
      expect(county.hits.map((h) => h.id)).toEqual([full.id]);
      expect(names(all.regions)).toEqual([{ "江苏省 2": [{ "苏州市 2": ["姑苏区 1", "张家港市 1"] }] }]);

      const request = new Request(`http://x.test/training?q=${word}&seats=1`);
      const data = await ((await trainingLoader({ request, context: context(tx, engine), params: {} })) as Response).json();
      expect(data.result.hits.map((h: { id: string }) => h.id)).toEqual([open.id]);
    });
  });
});

describe("highlights and the region tree", () => {
  it("turns the engine's escaped <mark> HTML into plain segments and never into markup", () => {
    expect(highlightSegments("A &lt;b&gt; <mark>司机</mark> &amp; <mark>驾驶</mark>")).toEqual([
      { text: "A <b> ", mark: false },
      { text: "司机", mark: true },
      { text: " & ", mark: false },
      { text: "驾驶", mark: true },
    ]);
    // anything but <mark> stays literal text
    expect(highlightSegments("<img src=x onerror=alert(1)>")).toEqual([{ text: "<img src=x onerror=alert(1)>", mark: false }]);
  });

  it("hangs municipality districts from the province, skipping 市辖区", () => {
    const tree = buildRegionTree(
      { "110000": 3, "110100": 3, "110101": 2, "110105": 1 },
      [
        { code: "110000", name: "北京市", level: 1, parentCode: null },
        { code: "110100", name: "市辖区", level: 2, parentCode: "110000" },
        { code: "110101", name: "东城区", level: 3, parentCode: "110100" },
        { code: "110105", name: "朝阳区", level: 3, parentCode: "110100" },
      ],
    );
    expect(names(tree)).toEqual([{ "北京市 3": ["东城区 2", "朝阳区 1"] }]);
  });

  it("stops unfolding when the tree would grow long, but always unfolds the selected path", () => {
    const counts: Record<string, number> = { "320000": 60, "320500": 30, "320100": 30 };
    const rows = [
      { code: "320000", name: "江苏省", level: 1, parentCode: null },
      { code: "320500", name: "苏州市", level: 2, parentCode: "320000" },
      { code: "320100", name: "南京市", level: 2, parentCode: "320000" },
    ];
    for (let i = 1; i <= 30; i++) {
      for (const city of ["3205", "3201"]) {
        const code = `${city}${String(i).padStart(2, "0")}`;
        counts[code] = 1;
        rows.push({ code, name: `区${code}`, level: 3, parentCode: `${city}00` });
      }
    }
    const open = buildRegionTree(counts, rows);
    expect(open[0].expanded).toBe(true);
    // 1 + 2 + 30 fits the budget of 40, the second city's 30 more do not
    expect(open[0].children.map((c) => c.expanded)).toEqual([true, false]);
    const chosen = buildRegionTree(counts, rows, "320100");
    expect(chosen[0].children.find((c) => c.code === "320100")).toMatchObject({ selected: true, expanded: true });
  });

  it("the lenient parser feeds the page", () => {
    expect(parseJobSearchLenient(new URLSearchParams("q=司机&salary_min=abc")).value).toEqual({ q: "司机", page: 1 });
  });
});
