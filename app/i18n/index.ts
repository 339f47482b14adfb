import en from "./en";
import zhCN from "./zh-CN";
import applications from "./features/applications";
import fairs from "./features/fairs";
import imports from "./features/imports";
import incubator from "./features/incubator";
import jobs from "./features/jobs";
import matching from "./features/matching";
import profile from "./features/profile";
import search from "./features/search";
import staff from "./features/staff";
import stations from "./features/stations";
import outcomes from "./features/outcomes";
import titles from "./features/titles";
import training from "./features/training";
import { isOneOf, LOCALES, type Locale } from "../../db/enums";
import ux from "./features/ux";

const features = { profile, jobs, applications, training, staff, stations, imports, search, matching, fairs, incubator, outcomes, titles, ux };
type Feature = keyof typeof features;
function featureResources(locale: Locale) {
  return Object.fromEntries(Object.entries(features).map(([ns, m]) => [ns, m[locale]])) as {
    [K in Feature]: (typeof features)[K]["zh-CN"];
  };
}

export const DEFAULT_LOCALE: Locale = "zh-CN";
export const resources = {
  "zh-CN": { common: zhCN, ...featureResources("zh-CN") },
  en: { common: en, ...featureResources("en") },
};
export const NAMESPACES = ["common", ...Object.keys(features)];

export const i18nOptions = {
  supportedLngs: [...LOCALES],
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: "common",
  ns: NAMESPACES,
  interpolation: { escapeValue: false },
  resources,
};

export function isLocale(value: unknown): value is Locale {
  return isOneOf(LOCALES, value);
}

/** Pick the best supported locale from an Accept-Language header (q-values honoured). */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith("zh")) return "zh-CN";
    if (tag.startsWith("en")) return "en";
  }
  return null;
}

