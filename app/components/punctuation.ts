import type { Locale } from "../../db/enums";
/**
 * Punctuation that differs between Chinese and English. Chinese text uses full-width marks (：、), English the
 * ASCII ones with a space after; never mix them (an English page showing "Region：…" reads as a bug).
 */

export function colon(locale: Locale | string): string {
  return locale === "en" ? ": " : "：";
}

/** Joins a list the way each language writes one: 驾驶、物流 / driving, logistics. */
export function joinList(items: readonly string[], locale: Locale | string): string {
  return items.join(locale === "en" ? ", " : "、");
}

/** "Label：value" / "Label: value". */
export function labelled(label: string, value: string, locale: Locale | string): string {
  return `${label}${colon(locale)}${value}`;
}
