import { describe, expect, it } from "vitest";
import { DocStore } from "../../search/embedded/docstore";

describe("DocStore", () => {
  it("returns documents as stored, with shared values copied out and unicode intact", () => {
    const store = new DocStore();
    const docs = Array.from({ length: 3000 }, (_, i) => ({
      id: `d${i}`,
      title: `货车司机 ${i} "引号" \\ 反斜杠 😀`,
      region_codes: ["320000", "320500", "320582"],
      region_name: "江苏省 苏州市 张家港市",
      salary_min: i % 7 === 0 ? null : 5000 + i,
      veteran_preferred: i % 2 === 0,
      _geo: { lat: 31.8, lng: 120.5 },
      description: "长文本".repeat(i % 50),
    }));
    docs.forEach((d, i) => store.put(i, d));
    for (const i of [0, 1, 7, 1234, 2999]) expect(store.get(i)).toEqual(docs[i]);
    const a = store.get(5);
    (a.region_codes as string[]).push("mutated");
    expect(store.get(6).region_codes).toEqual(["320000", "320500", "320582"]);
    // a slot written again holds the new document
    store.put(1, { id: "d1", title: "新标题" });
    expect(store.get(1)).toEqual({ id: "d1", title: "新标题" });
    const big = { id: "big", description: "很长".repeat(400_000) };
    store.put(3000, big);
    expect(store.get(3000)).toEqual(big);
    expect(store.get(2999)).toEqual(docs[2999]);
  });
});
