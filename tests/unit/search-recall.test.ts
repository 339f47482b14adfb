// Search behaviours issue 8 asks for, pinned on the embedded engine with the app's index definitions and the
// taxonomy's synonyms: word order does not matter, a dropped word is reported, pinyin tolerates a typo, a licence
// finds its trade, and English finds Chinese postings through the taxonomy.
import { beforeAll, describe, expect, it } from "vitest";
import { EmbeddedSearchEngine } from "../../search/embedded";
import { buildIndexDefinitions, toJobDocument } from "../../search/indexes";
import { placeDictionary } from "../../search/sync";
import { divisionRowsToCounty } from "../../db/regions";
import { skillsInText, synonymGroups } from "../../search/taxonomy";

const PLACES: Record<string, string> = {
  "320582": "江苏省 苏州市 张家港市",
  "320583": "江苏省 苏州市 昆山市",
};

const job = (id: string, title: string, regionCode: string, skills: string[] = [], description = "") =>
  toJobDocument(
    {
      id, organizationId: "o", externalId: id, title, description, category: "other", skills, regionCode,
      lat: null, lng: null, salaryMin: null, salaryMax: null, jobType: "full_time", veteranPreferred: false, publishedAt: new Date(),
    },
    { organizationName: "某公司", organizationVerified: true, regionName: PLACES[regionCode] ?? "" },
  );

let engine: EmbeddedSearchEngine;
beforeAll(async () => {
  engine = new EmbeddedSearchEngine();
  await engine.configure(buildIndexDefinitions(synonymGroups(), { dictionary: placeDictionary(divisionRowsToCounty()) }).jobs);
  await engine.replaceAll("jobs", [
    job("guard-zjg", "门岗保安", "320582", ["保安员证", "巡逻"]),
    job("driver-zjg", "重型货车司机", "320582", ["A2驾照"]),
    job("guard-ks", "园区保安", "320583", ["巡逻"]),
    job("fire-ks", "消防控制室值班员", "320583", ["消防设施操作员"]),
    job("fire-en", "Fire Systems Operator", "320583", ["fire control room"]),
    job("forklift", "仓库操作员", "320583", ["叉车", "WMS"]),
    job("telecom", "基站维护工程师", "320582", ["光缆熔接"]),
    job("cook", "食堂厨师", "320582", ["健康证"]),
  ]);
});

const ids = async (q: string) => (await engine.search("jobs", { q })).hits.map((h) => h.id);

describe("search recall", () => {
  it("word order does not matter: a place and a trade find the same jobs either way round", async () => {
    const placeFirst = await ids("张家港 保安");
    const tradeFirst = await ids("保安 张家港");
    expect(placeFirst[0]).toBe("guard-zjg");
    expect(tradeFirst[0]).toBe("guard-zjg");
    expect(new Set(placeFirst.slice(0, 1))).toEqual(new Set(tradeFirst.slice(0, 1)));
  });

  it("reports a query word none of the shown jobs matched, and none when every word counted", async () => {
    const partial = await engine.search("jobs", { q: "张家港 挖掘机" });
    expect(partial.hits.length).toBeGreaterThan(0);
    expect(partial.droppedWords).toEqual(["挖掘机"]);
    const whole = await engine.search("jobs", { q: "保安 张家港" });
    expect(whole.droppedWords).toBeUndefined();
  });

  it("gives pinyin the typo tolerance of Latin words: xiaofagn finds 消防, in Chinese and through its synonyms in English", async () => {
    const exact = await ids("xiaofang");
    const typo = await ids("xiaofagn");
    expect(exact).toContain("fire-ks");
    expect(typo).toContain("fire-ks");
    expect(typo).toContain("fire-en");
    // a correctly spelt pinyin word is not "corrected" into another one
    expect(await ids("baoan")).not.toContain("fire-ks");
  });

  it("finds the trade from its licence (叉车证 → 叉车) and telecom field work from its words", async () => {
    expect(await ids("叉车证")).toContain("forklift");
    expect(await ids("基站维护")).toEqual(["telecom"]);
    expect(await ids("forklift")).toContain("forklift");
  });

  it("reads traditional characters as simplified (駕駛 → 司机 through the driving synonyms)", async () => {
    expect(await ids("駕駛")).toContain("driver-zjg");
  });
});

describe("taxonomy spotting in free text", () => {
  it("does not find a two-character term across word boundaries (护工 is not in 维护工程师)", () => {
    expect(skillsInText("基站维护工程师")).not.toContain("elder_care");
    expect(skillsInText("基站维护工程师")).toContain("telecom_field");
    expect(skillsInText("客车司机 安全行车")).not.toContain("crane_operation");
    expect(skillsInText("养老护工")).toContain("elder_care");
  });
});
