// The behaviour both SearchEngine implementations promise. Run on the embedded engine and on the Meilisearch adapter
// over the stateful fake (tests/fakes/meilisearch.ts) in the unit project, and on
// a real Meilisearch when MEILI_HOST is set (tests/unit/search-contract-meili.test.ts).
import { beforeAll, describe, expect, it } from "vitest";
import type { SearchEngine, SearchResult } from "../../search/engine";
import { buildIndexDefinitions, type JobDocument, type VeteranProfileDocument } from "../../search/indexes";
import { regionAncestors } from "../../search/filter";

export interface ContractCapabilities {
  /** Pinyin queries ("siji" → 司机). The embedded engine has them; a stock Meilisearch does not. */
  pinyin: boolean;
}

export const CONTRACT_SYNONYMS: string[][] = [
  ["驾驶员", "司机", "驾驶", "driver", "driving"],
  ["保安", "安保", "安全员", "security guard", "security"],
  ["叉车", "叉车工", "forklift"],
];
export const CONTRACT_PLACES = ["张家港", "苏州", "姑苏区", "南京", "玄武区", "秦淮区", "工业园区"];

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const ZJG = { lat: 31.875, lng: 120.555 };
const SUZHOU = { lat: 31.311, lng: 120.618 };
const NANJING = { lat: 32.06, lng: 118.79 };

function job(p: Partial<JobDocument> & Pick<JobDocument, "id" | "title" | "region_code" | "region_name">): JobDocument {
  return {
    external_id: null,
    organization: "示范用人单位",
    organization_id: "org-1",
    organization_verified: true,
    description: "",
    category: "其他",
    skills: [],
    region_codes: regionAncestors(p.region_code),
    salary_min: 5000,
    salary_max: 7000,
    job_type: "full_time",
    veteran_preferred: true,
    published_at: T0,
    ...p,
  };
}

export const CONTRACT_JOBS: JobDocument[] = [
  job({
    id: "j1", title: "货车司机", organization: "张家港港务物流有限公司", category: "交通运输", skills: ["驾驶", "A2驾照"],
    description: "负责港区货物运输，持A2驾照，退役军人优先。", region_code: "320582", region_name: "江苏省 苏州市 张家港市",
    salary_min: 6000, salary_max: 9000, published_at: T0 + 5 * DAY, _geo: ZJG,
  }),
  job({
    id: "j2", title: "保安员", organization: "张家港保安服务有限公司", category: "安保", skills: ["安全巡逻", "消防"],
    description: "园区门岗值守与夜间巡逻。", region_code: "320582", region_name: "江苏省 苏州市 张家港市",
    salary_min: 4000, salary_max: 5500, published_at: T0 + 3 * DAY, _geo: { lat: 31.88, lng: 120.56 },
  }),
  job({
    id: "j3", title: "保安队长", organization: "姑苏物业管理公司", organization_verified: false, veteran_preferred: false,
    category: "安保", skills: ["队伍管理"], description: "带领保安队伍，负责小区安全。", region_code: "320508",
    region_name: "江苏省 苏州市 姑苏区", salary_min: 6000, salary_max: 8000, published_at: T0 + 4 * DAY, _geo: SUZHOU,
  }),
  job({
    id: "j4", title: "叉车工 Forklift operator", organization: "Nanjing Warehouse Co.", category: "仓储物流", skills: ["叉车"],
    description: "Warehouse forklift work, certificate required.", region_code: "320102", region_name: "江苏省 南京市 玄武区",
    job_type: "part_time", salary_min: 5000, salary_max: 7000, published_at: T0 + 2 * DAY, _geo: NANJING,
  }),
  job({
    id: "j5", title: "网约车司机", organization: "南京出行科技", category: "交通运输", skills: ["驾驶"],
    description: "弹性工作时间。", region_code: "320104", region_name: "江苏省 南京市 秦淮区", job_type: "part_time",
    salary_min: 7000, salary_max: 12000, published_at: T0 + 6 * DAY, _geo: { lat: 32.03, lng: 118.8 },
  }),
  job({
    id: "j6", title: "数控车床操作工", organization: "苏州精密制造", category: "制造", skills: ["数控", "机械加工"],
    description: "三班倒，包食宿。", region_code: "320571", region_name: "江苏省 苏州市 工业园区",
    salary_min: 6500, salary_max: 9500, published_at: T0 + 1 * DAY, _geo: { lat: 31.32, lng: 120.72 },
  }),
  job({
    id: "j7", title: "夜班司机 <急招>", organization: "苏州城市配送", category: "交通运输", skills: ["驾驶"],
    description: "夜间城市配送。", region_code: "320508", region_name: "江苏省 苏州市 姑苏区",
    salary_min: null, salary_max: null, published_at: T0, veteran_preferred: false,
  }),
];

export const CONTRACT_PROFILES: VeteranProfileDocument[] = [
  {
    id: "p1", surname_initial: "王", region_code: "320582", region_codes: regionAncestors("320582"), region_name: "江苏省 苏州市 张家港市",
    branch: "陆军", specialty: "汽车驾驶", rank: "中士", years_served: 8, discharge_year: 2024, education: "高中",
    certificates: ["A2驾照"], skills: ["驾驶", "车辆维修"], desired_roles: ["货车司机"], desired_region_codes: regionAncestors("320500"),
    salary_min: 6000, job_types: ["full_time"], visibility: "public", updated_at: T0 + DAY,
  },
  {
    id: "p2", surname_initial: "李", region_code: "320102", region_codes: regionAncestors("320102"), region_name: "江苏省 南京市 玄武区",
    branch: "武警部队", specialty: "警卫", rank: "上士", years_served: 12, discharge_year: 2023, education: "大专",
    certificates: ["保安员证"], skills: ["安全巡逻", "应急处置"], desired_roles: ["保安队长"], desired_region_codes: regionAncestors("320100"),
    salary_min: 7000, job_types: ["full_time"], visibility: "verified_employers", updated_at: T0 + 2 * DAY,
  },
];

const ids = (r: SearchResult) => r.hits.map((h) => h.id);

export function runSearchContract(
  name: string,
  makeEngine: () => Promise<SearchEngine>,
  capabilities: ContractCapabilities,
): void {
  describe(`SearchEngine contract: ${name}`, () => {
    let engine: SearchEngine;
    const defs = buildIndexDefinitions(CONTRACT_SYNONYMS, { dictionary: CONTRACT_PLACES });

    beforeAll(async () => {
      engine = await makeEngine();
      await engine.configure(defs.jobs);
      await engine.configure(defs.veteran_profiles);
      await engine.clear("jobs", { wait: true });
      await engine.clear("veteran_profiles", { wait: true });
      await engine.upsert("jobs", CONTRACT_JOBS, { wait: true });
      await engine.upsert("veteran_profiles", CONTRACT_PROFILES, { wait: true });
    }, 60_000);

    it("counts documents and is healthy", async () => {
      expect(await engine.health()).toBe(true);
      expect(await engine.stats("jobs")).toEqual({ documents: CONTRACT_JOBS.length });
    });

    it("finds Chinese words in titles and skills", async () => {
      const r = await engine.search("jobs", { q: "数控" });
      expect(ids(r)).toEqual(["j6"]);
      expect(r.hits[0].document.title).toBe("数控车床操作工");
    });

    it("expands a query word to its synonym group (驾驶员 finds 司机)", async () => {
      const r = await engine.search("jobs", { q: "驾驶员" });
      expect(ids(r)).toEqual(expect.arrayContaining(["j1", "j5", "j7"]));
      expect(ids(r)).not.toContain("j2");
    });

    it("finds Chinese postings from an English trade word through synonyms", async () => {
      const r = await engine.search("jobs", { q: "driver" });
      expect(ids(r)).toEqual(expect.arrayContaining(["j1", "j5", "j7"]));
      expect(ids(r)).not.toContain("j6");
    });

    it.skipIf(!capabilities.pinyin)("finds 司机 from pinyin: siji, si ji, sj", async () => {
      for (const q of ["siji", "si ji", "sj"]) {
        const r = await engine.search("jobs", { q });
        expect(ids(r), q).toEqual(expect.arrayContaining(["j1", "j5", "j7"]));
        expect(ids(r), q).not.toContain("j6");
      }
      const place = await engine.search("jobs", { q: "zhangjiagang" });
      expect(ids(place)).toEqual(expect.arrayContaining(["j1", "j2"]));
      expect(ids(place)).not.toContain("j5");
    });

    it("ranks place + trade: 保安 张家港 puts the Zhangjiagang security job first", async () => {
      const r = await engine.search("jobs", { q: "保安 张家港" });
      expect(r.hits[0].id).toBe("j2");
      expect(ids(r)).not.toContain("j5");
      expect(ids(r)).not.toContain("j6");
    });

    it("says which typed words the results leave out, and none when a job has them all", async () => {
      const partial = await engine.search("jobs", { q: "张家港 数控" });
      expect(ids(partial).length).toBeGreaterThan(0);
      expect(partial.droppedWords).toEqual(["数控"]);
      const whole = await engine.search("jobs", { q: "保安 张家港" });
      expect(whole.droppedWords).toBeUndefined();
    });

    it("tolerates a typo in a Latin word", async () => {
      const r = await engine.search("jobs", { q: "forklfit" });
      expect(ids(r)).toContain("j4");
      const none = await engine.search("jobs", { q: "fxrk" });
      expect(ids(none)).not.toContain("j4");
    });

    it("filters by region prefix (province, city, county)", async () => {
      const suzhou = await engine.search("jobs", { filter: [{ op: "prefix", field: "region_codes", value: "3205" }], hitsPerPage: 50 });
      expect(ids(suzhou).sort()).toEqual(["j1", "j2", "j3", "j6", "j7"]);
      const zjg = await engine.search("jobs", { q: "司机", filter: [{ op: "prefix", field: "region_codes", value: "320582" }] });
      expect(ids(zjg)).toEqual(["j1"]);
      const jiangsu = await engine.search("jobs", { filter: [{ op: "prefix", field: "region_codes", value: "32" }], hitsPerPage: 50 });
      expect(jiangsu.total).toBe(CONTRACT_JOBS.length);
    });

    it("filters by category, job type, veteran preference and verified employer", async () => {
      const r1 = await engine.search("jobs", { filter: [{ op: "eq", field: "category", value: "安保" }] });
      expect(ids(r1).sort()).toEqual(["j2", "j3"]);
      const r2 = await engine.search("jobs", { filter: [{ op: "in", field: "job_type", values: ["part_time", "internship"] }] });
      expect(ids(r2).sort()).toEqual(["j4", "j5"]);
      const r3 = await engine.search("jobs", { q: "保安", filter: [{ op: "bool", field: "veteran_preferred", value: true }] });
      expect(ids(r3)).toEqual(["j2"]);
      const r4 = await engine.search("jobs", {
        filter: [{ op: "eq", field: "organization_verified", value: false }],
      });
      expect(ids(r4)).toEqual(["j3"]);
    });

    it("filters salary by overlap with the wanted range and by range", async () => {
      const r = await engine.search("jobs", { filter: [{ op: "overlap", minField: "salary_min", maxField: "salary_max", gte: 10000 }] });
      expect(ids(r)).toEqual(["j5"]);
      const r2 = await engine.search("jobs", { filter: [{ op: "range", field: "salary_min", gte: 6000, lte: 6500 }], hitsPerPage: 50 });
      expect(ids(r2).sort()).toEqual(["j1", "j3", "j6"]);
    });

    it("keeps a quoted value one literal (no filter injection)", async () => {
      const r = await engine.search("jobs", { filter: [{ op: "eq", field: "category", value: '安保" OR category = "制造' }] });
      expect(r.total).toBe(0);
      await expect(engine.search("jobs", { filter: [{ op: "eq", field: "category = 1 OR x", value: "a" }] })).rejects.toThrow();
      await expect(engine.search("jobs", { filter: [{ op: "eq", field: "description", value: "a" }] })).rejects.toThrow();
    });

    it("counts facets over the matching documents", async () => {
      const r = await engine.search("jobs", { facets: ["category", "job_type"], filter: [{ op: "prefix", field: "region_codes", value: "3205" }] });
      expect(r.facets.category).toEqual({ 交通运输: 2, 安保: 2, 制造: 1 });
      expect(r.facets.job_type).toEqual({ full_time: 5 });
      const q = await engine.search("jobs", { q: "司机", facets: ["region_codes"] });
      expect(q.facets.region_codes["320000"]).toBe(3);
      expect(q.facets.region_codes["320100"]).toBe(1);
    });

    it("sorts by newest, salary and distance", async () => {
      const newest = await engine.search("jobs", { sort: "newest", hitsPerPage: 50 });
      expect(ids(newest)).toEqual(["j5", "j1", "j3", "j2", "j4", "j6", "j7"]);
      const rich = await engine.search("jobs", { sort: "salary_desc", hitsPerPage: 3 });
      expect(ids(rich)).toEqual(["j5", "j6", "j1"]);
      const cheap = await engine.search("jobs", { q: "司机", sort: "salary_asc" });
      expect(ids(cheap)).toEqual(["j1", "j5", "j7"]); // no salary goes last
      const near = await engine.search("jobs", { sort: "distance", geo: ZJG, hitsPerPage: 50 });
      expect(near.hits.slice(0, 2).map((h) => h.id).sort()).toEqual(["j1", "j2"]);
      const d = near.hits.map((h) => h.distanceMeters).filter((x): x is number => x !== undefined);
      expect(d.length).toBe(6);
      expect([...d].sort((a, b) => a - b)).toEqual(d);
      const radius = await engine.search("jobs", { geo: { ...ZJG, radiusKm: 10 } });
      expect(ids(radius).sort()).toEqual(["j1", "j2"]);
    });

    it("pages through results", async () => {
      const all = await engine.search("jobs", { sort: "newest", hitsPerPage: 50 });
      const p1 = await engine.search("jobs", { sort: "newest", hitsPerPage: 3, page: 1 });
      const p3 = await engine.search("jobs", { sort: "newest", hitsPerPage: 3, page: 3 });
      expect(p1.total).toBe(7);
      expect(p1.page).toBe(1);
      expect(p1.hitsPerPage).toBe(3);
      expect(ids(p1)).toEqual(ids(all).slice(0, 3));
      expect(ids(p3)).toEqual(ids(all).slice(6, 9));
      const beyond = await engine.search("jobs", { sort: "newest", hitsPerPage: 3, page: 9 });
      expect(beyond.hits).toEqual([]);
      expect(beyond.total).toBe(7);
    });

    it("highlights matches with <mark> and escapes the rest", async () => {
      const r = await engine.search("jobs", { q: "司机", highlight: true, filter: [{ op: "eq", field: "category", value: "交通运输" }] });
      const j7 = r.hits.find((h) => h.id === "j7");
      expect(j7?.highlights?.title).toBe("夜班<mark>司机</mark> &lt;急招&gt;");
      const j1 = r.hits.find((h) => h.id === "j1");
      expect(j1?.highlights?.title).toBe("货车<mark>司机</mark>");
      const plain = await engine.search("jobs", { q: "司机" });
      expect(plain.hits[0].highlights).toBeUndefined();
    });

    it("searches opted-in profiles without contact fields", async () => {
      const r = await engine.search("veteran_profiles", { q: "驾驶", filter: [{ op: "prefix", field: "desired_region_codes", value: "3205" }] });
      expect(ids(r)).toEqual(["p1"]);
      expect(r.hits[0].document).not.toHaveProperty("phone");
      const guard = await engine.search("veteran_profiles", { q: "保安" });
      expect(ids(guard)).toEqual(["p2"]);
    });

    it("upserts (replacing), removes and rebuilds with replaceAll", async () => {
      await engine.upsert("jobs", [{ ...CONTRACT_JOBS[5], title: "加工中心操作工" }], { wait: true });
      expect(ids(await engine.search("jobs", { q: "加工中心" }))).toEqual(["j6"]);
      expect(ids(await engine.search("jobs", { q: "车床" }))).toEqual([]);
      expect((await engine.stats("jobs")).documents).toBe(7);
      await engine.remove("jobs", ["j6", "missing-id"], { wait: true });
      expect((await engine.stats("jobs")).documents).toBe(6);
      expect((await engine.search("jobs", { q: "加工中心" })).total).toBe(0);
      await engine.replaceAll("jobs", CONTRACT_JOBS.slice(0, 2));
      expect((await engine.stats("jobs")).documents).toBe(2);
      expect(ids(await engine.search("jobs", { q: "网约车" }))).toEqual([]);
      expect(ids(await engine.search("jobs", { q: "保安" }))).toEqual(["j2"]);
      await engine.replaceAll("jobs", CONTRACT_JOBS);
      expect((await engine.stats("jobs")).documents).toBe(7);
    }, 60_000);
  });
}
