import { describe, expect, it } from "vitest";
import { formatFen } from "../../app/i18n/format";
import { localeFromAcceptLanguage, resources } from "../../app/i18n";

function keys(value: unknown, prefix = ""): string[] {
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

describe("i18n", () => {
  it("English has every key Chinese has, in every namespace, and no empty strings", () => {
    for (const ns of Object.keys(resources["zh-CN"]) as (keyof (typeof resources)["zh-CN"])[]) {
      const zh = keys(resources["zh-CN"][ns]).sort();
      // English adds the singular (`_one`) beside each counted `_other` message; Chinese has no singular.
      const en = keys(resources.en[ns])
        .filter((k) => !(k.endsWith("_one") && keys(resources.en[ns]).includes(k.replace(/_one$/, "_other"))))
        .sort();
      expect(en, `namespace ${ns}`).toEqual(zh);
      for (const k of zh) {
        const value = k.split(".").reduce<unknown>((o, part) => (o as Record<string, unknown>)?.[part], resources.en[ns]);
        if (typeof value === "string") expect(value.trim(), `${ns}:${k}`).not.toBe("");
      }
    }
  });

  it("honours Accept-Language with q-values and falls back to null", () => {
    expect(localeFromAcceptLanguage("en-GB,en;q=0.9,zh-CN;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("zh-TW,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("fr-FR,en;q=0.5,zh;q=0.7")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("fr-FR")).toBeNull();
    expect(localeFromAcceptLanguage(undefined)).toBeNull();
  });

  it("formats money held in fen per locale", () => {
    expect(formatFen(123456, "zh-CN")).toBe("¥1,234.56");
    expect(formatFen(123456, "en")).toBe("CN¥1,234.56");
  });
});
