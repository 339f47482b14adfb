// Rendering import error keys outside React (the command line): the same "imports" namespace strings as the UI.
import imports from "../../i18n/features/imports";
import type { ImportRowError } from "./rows";
import type { Locale } from "../../../db/enums";


/** zh-CN when LANG / LC_ALL / LC_MESSAGES names Chinese, English otherwise. */
export function localeFromEnv(env: Record<string, string | undefined>): Locale {
  const tag = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return /^zh/i.test(tag) ? "zh-CN" : "en";
}

function lookup(locale: Locale, key: string): string | undefined {
  let node: unknown = imports[locale];
  for (const part of key.split(".")) {
    if (node && typeof node === "object" && part in node) node = (node as Record<string, unknown>)[part];
    else return undefined;
  }
  return typeof node === "string" ? node : undefined;
}

/** A string of the imports namespace with {{params}} filled in; the key itself when it is unknown. */
export function importText(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  // Counted messages are stored as key_one / key_other (English plurals); Chinese has only _other.
  const plural = typeof params.count === "number" ? (locale === "en" && params.count === 1 ? "_one" : "_other") : null;
  const template = (plural ? (lookup(locale, key + plural) ?? lookup(locale, `${key}_other`)) : null) ?? lookup(locale, key) ?? key;
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function renderImportError(error: ImportRowError, locale: Locale): string {
  return importText(locale, error.message, error.params);
}
