import { describe, expect, it } from "vitest";
import { divisionRowsToCounty } from "../../db/regions";
import { regionNameEn, regionPathEn } from "../../db/region-names";

describe("English region names", () => {
  it("turns division names into pinyin with translated suffixes", () => {
    expect(regionNameEn("江苏省")).toBe("Jiangsu");
    expect(regionNameEn("苏州市")).toBe("Suzhou");
    expect(regionNameEn("张家港市")).toBe("Zhangjiagang");
    expect(regionNameEn("姑苏区")).toBe("Gusu District");
    expect(regionNameEn("乐余镇")).toBe("Leyu Town");
    expect(regionNameEn("西安市")).toBe("Xi'an");
    expect(regionNameEn("重庆市")).toBe("Chongqing");
    expect(regionNameEn("广西壮族自治区")).toBe("Guangxi");
    expect(regionNameEn("陕西省")).toBe("Shaanxi");
    expect(regionNameEn("新疆维吾尔自治区")).toBe("Xinjiang");
    expect(regionNameEn("西藏自治区")).toBe("Xizang");
    expect(regionNameEn("黔东南苗族侗族自治州")).toBe("Qiandongnan Autonomous Prefecture");
    expect(regionNameEn("恩施土家族苗族自治州")).toBe("Enshi Autonomous Prefecture");
  });

  it("writes a stored path smallest first", () => {
    expect(regionPathEn("江苏省 苏州市 张家港市")).toBe("Zhangjiagang, Suzhou, Jiangsu");
  });

  it("gives every province, city and county an English name without Chinese characters", () => {
    const rows = divisionRowsToCounty();
    expect(rows.length).toBeGreaterThan(3000);
    for (const row of rows) expect(regionNameEn(row.name), row.name).toMatch(/^[A-Z][A-Za-z' -]+$/);
  });
});
