import { z } from "zod";
import { multilineText, text } from "./text";
import { JOB_TYPES } from "../../db/enums";

/**
 * The job-posting form (create and edit), shared by the server (parseWithZod) and the browser (getZodConstraint).
 * Messages are i18n keys. Category, skills and region are checked against the taxonomy and the regions table in
 * the model (app/models/job-posting.server.ts), which the browser bundle does not load.
 */

/** A posting stays live this long after publication or re-confirmation. */
export const JOB_POSTING_TTL_DAYS = 30;

export const MAX_SALARY_YUAN = 1_000_000;
export const MAX_HEADCOUNT = 10_000;

const optionalInt = (min: number, max: number, tooSmall: string, tooLarge: string) =>
  z.coerce
    .number({ invalid_type_error: "jobs:errors.wholeNumber" })
    .int("jobs:errors.wholeNumber")
    .min(min, tooSmall)
    .max(max, tooLarge)
    .optional();

const optionalCoordinate = (limit: number, message: string) =>
  z.coerce.number({ invalid_type_error: message }).min(-limit, message).max(limit, message).optional();

/** Skill terms as typed: separated by commas (either width), 、, ; or new lines. Each is normalised on the server. */
export function splitSkillTerms(text: string | undefined): string[] {
  if (!text) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[,，、;；\n]+/)) {
    const term = raw.trim();
    if (!term || seen.has(term.toLowerCase())) continue;
    seen.add(term.toLowerCase());
    out.push(term);
  }
  return out;
}

export const jobPostingSchema = z
  .object({
    title: text(80, { min: 2, minMessage: "jobs:errors.titleShort" }),
    description: multilineText(10_000, { min: 10, minMessage: "jobs:errors.descriptionShort" }),
    category: text(60, { min: 1 }),
    skills: multilineText(1000).optional(),
    regionCode: z
      .string({ required_error: "jobs:errors.regionRequired" })
      .trim()
      .regex(/^\d{6}$/, "errors.regionCode"),
    address: text(200).optional(),
    lat: optionalCoordinate(90, "jobs:errors.latRange"),
    lng: optionalCoordinate(180, "jobs:errors.lngRange"),
    salaryMin: optionalInt(1, MAX_SALARY_YUAN, "jobs:errors.salaryPositive", "jobs:errors.salaryTooHigh"),
    salaryMax: optionalInt(1, MAX_SALARY_YUAN, "jobs:errors.salaryPositive", "jobs:errors.salaryTooHigh"),
    jobType: z.enum(JOB_TYPES, { errorMap: () => ({ message: "errors.required" }) }),
    headcount: z.coerce
      .number({ required_error: "errors.required", invalid_type_error: "jobs:errors.wholeNumber" })
      .int("jobs:errors.wholeNumber")
      .min(1, "jobs:errors.headcountMin")
      .max(MAX_HEADCOUNT, "jobs:errors.headcountMax"),
    veteranPreferred: z
      .literal("on")
      .optional()
      .transform((v) => v === "on"),
    /** "draft" saves without review; "submit" (the default) publishes or sends for review. */
    intent: z.enum(["draft", "submit"], { errorMap: () => ({ message: "errors.badForm" }) }).default("submit"),
  })
  .superRefine((v, ctx) => {
    if (v.salaryMin !== undefined && v.salaryMax !== undefined && v.salaryMin > v.salaryMax) {
      ctx.addIssue({ code: "custom", path: ["salaryMax"], message: "jobs:errors.salaryRange" });
    }
    if ((v.lat === undefined) !== (v.lng === undefined)) {
      ctx.addIssue({ code: "custom", path: [v.lat === undefined ? "lat" : "lng"], message: "jobs:errors.coordinatesPair" });
    }
  });

/**
 * The region picker posts `regionPick` (empty until the person chooses); `regionCode` carries the current region
 * while editing. A choice wins over the current value.
 */
export function mergeRegionPick(formData: FormData): FormData {
  const pick = formData.get("regionPick");
  if (typeof pick === "string" && pick.trim()) formData.set("regionCode", pick.trim());
  formData.delete("regionPick");
  return formData;
}

export type JobPostingFormValue = z.output<typeof jobPostingSchema>;

export const rejectPostingSchema = z.object({
  id: z.string().uuid("errors.notFound"),
  reason: z
    .string({ required_error: "jobs:errors.reasonRequired" })
    .trim()
    .min(2, "jobs:errors.reasonRequired")
    .max(500, "errors.tooLong"),
});

export const FEE_REASON_KEY = "jobs:review.applicantFees";

export function feeReviewReason(phrases: string[]): string {
  return `${FEE_REASON_KEY}|${phrases.join("、")}`;
}

/** A stored reason as { key, value } for translation, or { text } for staff's own words. */
export function parseReviewReason(reason: string | null): { key: string; value: string } | { text: string } | null {
  if (!reason) return null;
  const m = /^(jobs:[\w.]+)\|(.*)$/s.exec(reason);
  return m ? { key: m[1]!, value: m[2]! } : { text: reason };
}

// ---------------------------------------------------------------------------------------------- applicant fees
//
// Postings that ask applicants to pay the employer (deposits, training, uniform or medical fees) are a classic
// recruitment scam. A hit does not reject the posting: it holds it for a person to look at, with the phrases shown.

/** Terms that are a hit wherever they appear, unless the words around them say nobody pays. */
const ZH_FEE_TERMS = [
  "押金",
  "保证金",
  "培训费",
  "服装费",
  "工服费",
  "制服费",
  "入职费",
  "上岗费",
  "介绍费",
  "中介费",
  "报名费",
  "建档费",
  "办卡费",
  "资料费",
];
/** Terms that are a hit only when the applicant is said to pay (体检 is normal; 体检费由应聘者承担 is not). */
const ZH_CONDITIONAL_TERMS = ["体检费"];
const ZH_APPLICANT_PAYS =
  /(应聘者|求职者|应聘人员|求职人员|应聘人|个人|本人|员工|学员|自己)(自行)?(承担|支付|缴纳|交纳|负担|付费|出)|自理|自付|自费/;
/** "pay first" and "pay … fee" constructions. */
const ZH_PAY_PATTERNS = [
  /(先交|先缴|先付|预交|预缴|预付)[^，。；！？,;!?\n]{0,12}/g,
  /(缴纳|交纳|缴付|缴交|交付|上交)[^，。；！？,;!?\n]{0,10}?费/g,
];
/** Social insurance and tax are paid by law, not to the employer: never a hit. */
const ZH_LAWFUL = /社保|社会保险|保险费|公积金|医保|个税|税费|党费|水电/;
/** Said before the term: nobody pays, or the employer does. */
const ZH_NEGATION_BEFORE =
  /(无需|无须|不需|不用|不收|免收|免费|免|无|不要|不交|不缴|没有|拒绝|谨防|警惕|严禁|不存在|绝不|零|(公司|单位|企业|我司|厂方)(全额)?(承担|负责|支付|报销|出|提供|包))[^，。；！？,;!?\n]{0,8}$/;
/** Said right after the term: 押金全免, 培训费由公司承担, 体检费公司报销. */
const ZH_NEGATION_AFTER = /^[^，。；！？,;!?\n]{0,6}(全免|免收|免除|免费|全额报销|报销|由公司|由单位|由企业|公司承担|单位承担|企业承担|公司负责|公司支付|公司出)/;

const EN_FEE_PATTERNS = [
  /\b(?:security\s+)?deposits?\b/gi,
  /\b(?:training|uniform|registration|application|placement|processing|recruitment|joining|medical(?:\s+(?:exam(?:ination)?|check(?:-?up)?))?)\s+(?:fees?|costs?|charges?)\b/gi,
  /\bpay(?:ing)?\s+(?:an?\s+|the\s+|us\s+)?(?:[a-z]+\s+)?(?:fees?|deposits?)\b/gi,
  /\b(?:upfront|up-front|advance)\s+(?:payment|fees?)\b/gi,
  /\bpay\s+upfront\b/gi,
];
const EN_NEGATION =
  /\b(no|not|never|without|free|waived|waive|covered|reimburse[sd]?|refund(?:ed)?\s+in\s+full|company\s+pays|employer\s+pays|we\s+pay|at\s+our\s+(?:own\s+)?cost|paid\s+by\s+(?:the\s+)?(?:company|employer|us))\b/i;
const EN_LAWFUL = /\b(social\s+insurance|pension|tax(?:es)?)\b/i;

interface Hit {
  start: number;
  end: number;
  phrase: string;
}

function clauseAround(text: string, start: number, end: number): { before: string; after: string; clause: string } {
  const boundary = /[，。；！？,;!?\n]/;
  let from = start;
  while (from > 0 && !boundary.test(text[from - 1]!)) from--;
  let to = end;
  while (to < text.length && !boundary.test(text[to]!)) to++;
  return { before: text.slice(from, start), after: text.slice(end, to), clause: text.slice(from, to) };
}

/** An English clause: split on , ; ! ? and on a full stop that ends a sentence (not the one in 500.00). */
function sentenceAround(text: string, start: number, end: number): string {
  const isBoundary = (i: number) => {
    const c = text[i]!;
    if (/[,;!?\n，。；！？]/.test(c)) return true;
    return c === "." && (i + 1 >= text.length || /\s/.test(text[i + 1]!));
  };
  let from = start;
  while (from > 0 && !isBoundary(from - 1)) from--;
  let to = end;
  while (to < text.length && !isBoundary(to)) to++;
  return text.slice(from, to);
}

function zhNegated(text: string, start: number, end: number): boolean {
  const { before, after } = clauseAround(text, start, end);
  return ZH_NEGATION_BEFORE.test(before) || ZH_NEGATION_AFTER.test(after);
}

/**
 * The phrases in a posting's text that ask applicants to pay (in order of appearance, each once). Chinese and
 * English; statements that nobody pays ("无需任何费用", "公司承担体检费", "no deposit required") are not hits.
 */
export function detectApplicantFees(text: string): string[] {
  const hits: Hit[] = [];
  const add = (start: number, phrase: string) => hits.push({ start, end: start + phrase.length, phrase });

  for (const term of ZH_FEE_TERMS) {
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) {
      if (!zhNegated(text, at, at + term.length)) add(at, term);
    }
  }
  for (const term of ZH_CONDITIONAL_TERMS) {
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) {
      const { clause } = clauseAround(text, at, at + term.length);
      if (ZH_APPLICANT_PAYS.test(clause) && !zhNegated(text, at, at + term.length)) add(at, term);
    }
  }
  for (const pattern of ZH_PAY_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const phrase = m[0].trim();
      if (!phrase || ZH_LAWFUL.test(phrase)) continue;
      if (zhNegated(text, m.index!, m.index! + m[0].length)) continue;
      add(m.index!, phrase);
    }
  }
  for (const pattern of EN_FEE_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const sentence = sentenceAround(text, m.index!, m.index! + m[0].length);
      if (EN_NEGATION.test(sentence) || EN_LAWFUL.test(m[0])) continue;
      if (/direct\s+$/i.test(text.slice(Math.max(0, m.index! - 8), m.index!))) continue; // salary by direct deposit
      add(m.index!, m[0]);
    }
  }

  // Overlapping hits (缴纳押金 and 押金) name one phrase: keep the longest, then report in text order.
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  for (const hit of hits) {
    const last = kept[kept.length - 1];
    if (last && hit.start < last.end) {
      if (hit.end - hit.start > last.end - last.start) kept[kept.length - 1] = hit;
      continue;
    }
    kept.push(hit);
  }
  const seen = new Set<string>();
  const phrases: string[] = [];
  for (const { phrase } of kept) {
    const key = phrase.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    phrases.push(phrase);
  }
  return phrases;
}
