import { describe, expect, it } from "vitest";
import { pinyinText, withPinyinField } from "../../search/pinyin-field";

describe("pinyin field for engines without pinyin", () => {
  it("gives full pinyin and initials of Chinese words and places", () => {
    const words = pinyinText(["重型货车司机", "江苏省 苏州市 张家港市"]).split(" ");
    expect(words).toEqual(expect.arrayContaining(["siji", "sj", "zhangjiagangshi", "zhangjiagang", "zjg", "suzhou"]));
  });

  it("uses short fields only, keeps the document otherwise unchanged, and ignores Latin text", () => {
    const doc = { id: "1", title: "保安员", description: "很长的描述不参与拼音", skills: ["安保"], region_name: "" };
    const out = withPinyinField(doc);
    expect(out).toMatchObject(doc);
    expect(String(out._pinyin)).toContain("baoanyuan");
    expect(String(out._pinyin)).not.toContain("miaoshu");
    expect(pinyinText(["driver"])).toBe("");
  });
});
