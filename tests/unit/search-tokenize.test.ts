import { describe, expect, it } from "vitest";
import { allowedTypos, bigrams, highlight, PINYIN_FULL, PINYIN_INITIALS, Tokenizer, typoDistance } from "../../search/tokenize";

function terms(t: Tokenizer, text: string): string[] {
  const out: string[] = [];
  t.indexTerms(text, (x) => out.push(x));
  return out;
}

describe("Tokenizer", () => {
  it("keeps dictionary words whole where Intl.Segmenter splits them, and adds bigrams", () => {
    const plain = new Tokenizer();
    expect(plain.segment("运维工程师")).toContain("运");
    const t = new Tokenizer({ dictionary: ["运维", "张家港", "数控"] });
    expect(t.segment("运维工程师")[0]).toBe("运维");
    expect(t.segment("张家港市数控")).toEqual(expect.arrayContaining(["张家港", "数控"]));
    const ts = terms(t, "张家港数控");
    expect(ts).toEqual(expect.arrayContaining(["张家港", "数控", "张家", "家港", "港数"]));
    expect(bigrams("叉车司机")).toEqual(["叉车", "车司", "司机"]);
  });

  it("lowercases Latin words and folds full-width characters", () => {
    const t = new Tokenizer();
    expect(terms(t, "Forklift ＯＰＥＲＡＴＯＲ A2驾照").filter((x) => /^[a-z0-9]+$/.test(x))).toEqual(["forklift", "operator", "a2"]);
  });

  it("emits full pinyin and initials of Chinese words", () => {
    const t = new Tokenizer({ dictionary: ["张家港"] });
    const ts = terms(t, "司机 张家港");
    expect(ts).toEqual(expect.arrayContaining([PINYIN_FULL + "siji", PINYIN_INITIALS + "sj", PINYIN_FULL + "zhangjiagang", PINYIN_INITIALS + "zjg"]));
    expect(t.pinyinOf("绿化")).toEqual({ full: "lvhua", initials: "lh" });
    expect(t.pinyinOf("A2")).toBeNull();
  });

  it("splits queries into words and marks the last one as a prefix unless followed by a space", () => {
    const t = new Tokenizer({ dictionary: ["保安", "张家港"] });
    expect(t.queryWords("张家港保安")).toEqual([
      { text: "张家港", kind: "cjk", prefix: false },
      { text: "保安", kind: "cjk", prefix: true },
    ]);
    expect(t.queryWords("Fork ").map((w) => w.prefix)).toEqual([false]);
  });
});

describe("typo distance", () => {
  it("follows Meilisearch's word-length thresholds and counts a transposition once", () => {
    expect([allowedTypos("abcd"), allowedTypos("abcde"), allowedTypos("abcdefgh"), allowedTypos("abcdefghi")]).toEqual([0, 1, 1, 2]);
    expect(typoDistance("forklift", "forklfit", 2)).toBe(1);
    expect(typoDistance("driver", "drivr", 2)).toBe(1);
    expect(typoDistance("driver", "xyz", 1)).toBe(2);
  });
});

describe("highlight", () => {
  it("wraps Chinese substrings and Latin words in <mark> and escapes HTML", () => {
    expect(highlight("夜班司机 <急招>", { cjk: ["司机"], latin: [], latinPrefixes: [] })).toBe("夜班<mark>司机</mark> &lt;急招&gt;");
    expect(highlight("Forklift operator", { cjk: [], latin: ["operator"], latinPrefixes: ["fork"] })).toBe(
      "<mark>Fork</mark>lift <mark>operator</mark>",
    );
    expect(highlight("张家港", { cjk: ["张家", "家港"], latin: [], latinPrefixes: [] })).toBe("<mark>张家港</mark>");
    expect(highlight("无关", { cjk: ["司机"], latin: [], latinPrefixes: [] })).toBeNull();
    // full-width text keeps its original characters around the mark
    expect(highlight("ＤＲＩＶＥＲ招聘", { cjk: [], latin: ["driver"], latinPrefixes: [] })).toBe("<mark>ＤＲＩＶＥＲ</mark>招聘");
  });
});
