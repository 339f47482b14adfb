import { describe, expect, it } from "vitest";
import { EmbeddedSearchEngine } from "../../search/embedded";
import { buildIndexDefinitions, toJobDocument } from "../../search/indexes";
import { synonymGroups } from "../../search/taxonomy";
import { toSimplified } from "../../search/traditional";
import { ndcgAt, recallAt } from "../../scripts/bench-quality";

const job = (id: string, title: string) =>
  toJobDocument(
    {
      id, organizationId: "o", externalId: id, title, description: "", category: "driving_logistics", skills: [], regionCode: "320582",
      lat: null, lng: null, salaryMin: null, salaryMax: null, jobType: "full_time", veteranPreferred: true, publishedAt: new Date(),
    },
    { organizationName: "某公司", organizationVerified: true, regionName: "江苏省 苏州市 张家港市" },
  );

describe("traditional characters", () => {
  it("reads traditional as simplified, character for character", () => {
    expect(toSimplified("駕駛員 電工證")).toBe("驾驶员 电工证");
    expect(toSimplified("保安 driver")).toBe("保安 driver");
  });

  it("finds simplified postings from a traditional query (駕駛 → 驾驶)", async () => {
    const engine = new EmbeddedSearchEngine();
    await engine.configure(buildIndexDefinitions(synonymGroups()).jobs);
    await engine.replaceAll("jobs", [job("a", "重型货车驾驶员"), job("b", "保安员")]);
    const result = await engine.search("jobs", { q: "駕駛" });
    expect(result.hits[0]?.id).toBe("a");
  });
});

describe("quality measures of the bench", () => {
  it("NDCG@10 is 1 for the ideal order and lower otherwise; recall@10 counts at most ten relevant", () => {
    expect(ndcgAt(10, ["a", "b"], { a: 3, b: 1 })).toBe(1);
    expect(ndcgAt(10, ["b", "a"], { a: 3, b: 1 })).toBeLessThan(1);
    expect(ndcgAt(10, ["x"], { a: 3 })).toBe(0);
    expect(recallAt(10, ["a", "x"], ["a", "b"])).toBe(0.5);
    expect(recallAt(10, Array.from({ length: 10 }, (_, i) => `r${i}`), Array.from({ length: 14 }, (_, i) => `r${i}`))).toBe(1);
  });
});
