import type { Locale } from "../../db/enums";
/**
 * Every date and time a person reads is shown in China Standard Time (Asia/Shanghai), whatever the server's or the
 * browser's zone: a consent given at 00:30 in Beijing is that day's consent everywhere it is shown.
 */
export const TIME_ZONE = "Asia/Shanghai";


/** Format money held in integer fen. */
export function formatFen(fen: number, locale: Locale, currency = "CNY"): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(fen / 100);
}

/** A date (by default "2026年3月2日" / "March 2, 2026"); the zone is always Asia/Shanghai. */
export function formatDate(value: Date | string | number, locale: Locale, opts?: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(locale, { ...(opts ?? { year: "numeric", month: "long", day: "numeric" }), timeZone: TIME_ZONE }).format(
    new Date(value),
  );
}

export function formatDateTime(value: Date | string | number, locale: Locale): string {
  return formatDate(value, locale, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** The calendar day in Asia/Shanghai as YYYY-MM-DD (file names, `<time dateTime>` of a day). */
export function formatDay(value: Date | string | number): string {
  return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: TIME_ZONE }).format(new Date(value));
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(value);
}
