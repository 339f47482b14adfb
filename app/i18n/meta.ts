import type { MetaDescriptor } from "@remix-run/node";
import { createInstance, type TFunction } from "i18next";
import { i18nOptions, isLocale, DEFAULT_LOCALE } from "./index";
import { type Locale } from "../../db/enums";

/**
 * Page titles come from i18n (namespace `titles`) in the request's language, which the root loader decides; the
 * meta function reads it from the root match so titles follow the language switch like the rest of the page.
 */
const translators = new Map<Locale, TFunction>();

export function fixedT(locale: Locale): TFunction {
  let t = translators.get(locale);
  if (!t) {
    const instance = createInstance();
    void instance.init({ ...i18nOptions, lng: locale, initImmediate: false });
    t = instance.t;
    translators.set(locale, t);
  }
  return t;
}

interface MetaArgsLike {
  matches: readonly ({ id: string; data?: unknown } | undefined)[];
}

export function metaLocale(args: MetaArgsLike): Locale {
  const root = args.matches.find((m) => m?.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
}

/** "申请详情 · 戎业" / "Application · Rongye": `subject` is a key in `titles` or, with `raw`, text from the page's data. */
export function titleFor(args: MetaArgsLike, parts: ({ key: string } | { raw: string })[]): string {
  const t = fixedT(metaLocale(args));
  return [...parts.map((p) => ("key" in p ? t(`titles:${p.key}`) : p.raw)), t("titles:site")].join(" · ");
}

/** The meta function of a page whose title is one fixed message. */
export function pageMeta(key: string) {
  return (args: MetaArgsLike): MetaDescriptor[] => [{ title: titleFor(args, [{ key }]) }];
}
