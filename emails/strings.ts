/** Locales mail is written in (the same values as the `locale` enum in db/schema.ts). zh-CN first. */
import { LOCALES, type Locale } from "../db/enums";

export const EMAIL_LOCALES = LOCALES;
export type EmailLocale = Locale;

/** A string in every mail locale; templates keep their own copy next to the markup that uses it. */
export type Localized<T = string> = Record<EmailLocale, T>;

export const BRAND = { "zh-CN": "戎业", en: "Rongye" } satisfies Localized;

/** Strings of the shared layout (header and footer). */
export const layoutStrings = {
  "zh-CN": {
    brand: "戎业 Rongye",
    tagline: "退役军人就业创业服务平台",
    automated: "这是一封系统自动发送的邮件，请勿直接回复。",
    notYou: "如果这不是您本人的操作，请忽略本邮件。",
  },
  en: {
    brand: "戎业 Rongye",
    tagline: "Employment and entrepreneurship for veterans",
    automated: "This message was sent automatically; please do not reply to it.",
    notYou: "If you did not ask for this, you can ignore this email.",
  },
} satisfies Localized<Record<string, string>>;

/** Replace `{name}` placeholders; values are plain text (React escapes them when rendered). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
