import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resources } from "../../app/i18n";
import { fixedT, titleFor } from "../../app/i18n/meta";
import { colon, joinList } from "../../app/components/punctuation";

function strings(value: unknown, prefix = ""): [string, string][] {
  if (typeof value === "string") return [[prefix, value]];
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
  return [];
}

const en = strings(resources.en);
const zh = strings(resources["zh-CN"]);

describe("copy people read", () => {
  it("English counts have a singular and a plural form", () => {
    const counted = en.filter(([, v]) => v.includes("{{count}}"));
    expect(counted.length).toBeGreaterThan(10);
    for (const [key] of counted) {
      expect(key, key).toMatch(/_(one|other)$/);
      const stem = key.replace(/_(one|other)$/, "");
      expect(en.some(([k]) => k === `${stem}_one`), `${stem}_one`).toBe(true);
      expect(en.some(([k]) => k === `${stem}_other`), `${stem}_other`).toBe(true);
    }
    const t = fixedT("en");
    expect(t("search:jobs.total", { count: 1 })).toBe("1 job found");
    expect(t("search:jobs.total", { count: 2 })).toBe("2 jobs found");
    expect(t("home.positions", { count: 1 })).toBe("1 position");
    expect(fixedT("zh-CN")("search:jobs.total", { count: 1 })).toBe("共找到 1 个岗位");
  });

  it("English uses no full-width punctuation and Chinese addresses people as 您", () => {
    for (const [key, value] of en) expect(value, key).not.toMatch(/[：，。！？（）]/);
    for (const [key, value] of zh) expect(value, key).not.toContain("你");
  });

  it("joins lists and labels with each language's punctuation", () => {
    expect(colon("en")).toBe(": ");
    expect(colon("zh-CN")).toBe("：");
    expect(joinList(["驾驶", "物流"], "zh-CN")).toBe("驾驶、物流");
    expect(joinList(["Driving", "Logistics"], "en")).toBe("Driving, Logistics");
  });

  it("page titles come from i18n in the page's language", () => {
    const matches = (locale: string) => ({ matches: [{ id: "root", data: { locale } }] });
    expect(titleFor(matches("en"), [{ key: "signin" }])).toBe("Sign in · Rongye");
    expect(titleFor(matches("zh-CN"), [{ key: "signin" }])).toBe("登录 · 戎业");
    expect(fixedT("en")("titles:home")).not.toMatch(/[\u4e00-\u9fff]/);
    // No page hard-codes a title: every meta function reads titles from i18n.
    const dir = join(__dirname, "../../app/routes");
    for (const file of readdirSync(dir)) {
      const source = readFileSync(join(dir, file), "utf8");
      expect(source, file).not.toMatch(/title: ["`][^"`]*[\u4e00-\u9fff]/);
      expect(source, file).not.toContain("戎业 Rongye");
      expect(source, file).not.toMatch(/[\u4e00-\u9fff]+：/);
    }
  });
});
