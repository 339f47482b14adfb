import { z } from "zod";
import { yuanToFen } from "./training";

/**
 * Incubator parks: form schemas shared by server and browser, the /parks search parameters, and the money rules
 * (integer fen everywhere; subsidies as an amount in fen or a percentage in basis points).
 */

export const PACKAGE_KINDS = ["workspace", "mentoring", "training", "bundle"] as const;
export type PackageKind = (typeof PACKAGE_KINDS)[number];
export const SUBSIDY_KINDS = ["none", "amount", "percent"] as const;
export type SubsidyKind = (typeof SUBSIDY_KINDS)[number];
export const PACKAGE_STATUSES = ["draft", "published", "closed"] as const;

// ---------------------------------------------------------------- money

/** The subsidy for a price: an amount (never more than the price) or basis points of it, rounded down to a fen. */
export function packageSubsidyFen(priceFen: number, kind: SubsidyKind, value: number): number {
  if (!Number.isSafeInteger(priceFen) || priceFen < 0) throw new RangeError("price must be whole fen, 0 or more");
  if (kind === "amount") return Math.min(priceFen, Math.max(0, Math.trunc(value)));
  if (kind === "percent") return Math.floor((priceFen * Math.min(10_000, Math.max(0, Math.trunc(value)))) / 10_000);
  return 0;
}

export interface PackagePrice {
  priceFen: number;
  subsidyFen: number;
  /** What the founder pays for the term. */
  netFen: number;
}

export function packagePrice(pkg: { priceFen: number; subsidyKind: SubsidyKind; subsidyValue: number }): PackagePrice {
  const subsidyFen = packageSubsidyFen(pkg.priceFen, pkg.subsidyKind, pkg.subsidyValue);
  return { priceFen: pkg.priceFen, subsidyFen, netFen: pkg.priceFen - subsidyFen };
}

const PERCENT_PATTERN = /^\d{1,3}(\.\d{1,2})?$/;

/** "12.5" (percent) → 1250 basis points, exactly; throws outside 0–100 or with more than two decimals. */
export function percentToBasisPoints(value: string): number {
  const text = value.trim();
  if (!PERCENT_PATTERN.test(text)) throw new Error(`not a percentage: "${value}"`);
  const [whole, fraction = ""] = text.split(".");
  const bp = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  if (bp > 10_000) throw new Error(`more than 100%: "${value}"`);
  return bp;
}

export function basisPointsToPercent(bp: number): string {
  const whole = Math.floor(bp / 100);
  const rest = bp % 100;
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, "0").replace(/0$/, "")}`;
}

/** How much of a payment may still be refunded (refunds still pending count as taken). */
export function refundableFen(amountFen: number, refunds: { amountFen: number; status: string }[]): number {
  const taken = refunds
    .filter((r) => r.status !== "failed" && r.status !== "canceled")
    .reduce((sum, r) => sum + r.amountFen, 0);
  return Math.max(0, amountFen - taken);
}

// ---------------------------------------------------------------- the package form

const YUAN = /^\d{1,7}(\.\d{1,2})?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const intField = (min: number, max: number, message = "incubator:errors.number") =>
  z.coerce
    .number({ required_error: "errors.required", invalid_type_error: message })
    .int(message)
    .min(min, message)
    .max(max, message);

export const packageSchema = z
  .object({
    kind: z.enum(PACKAGE_KINDS, { errorMap: () => ({ message: "incubator:errors.kind" }) }),
    title: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(120, "errors.tooLong"),
    description: z.string().trim().max(4000, "errors.tooLong").optional().default(""),
    capacity: intField(1, 1000),
    desks: intField(0, 10_000).optional(),
    mentoringHours: intField(0, 1000).optional().default(0),
    termMonths: intField(1, 60),
    price: z
      .string({ required_error: "errors.required" })
      .trim()
      .regex(YUAN, "incubator:errors.money")
      .transform((v) => yuanToFen(v)),
    subsidyKind: z.enum(SUBSIDY_KINDS).default("none"),
    subsidy: z.string().trim().optional().default(""),
    subsidyPayer: z.string().trim().max(80, "errors.tooLong").optional().default(""),
    requirements: z.string().trim().max(2000, "errors.tooLong").optional().default(""),
    intakeDates: z
      .string()
      .trim()
      .optional()
      .default("")
      .transform((v) => v.split(/[\s,，;；]+/).filter(Boolean))
      .refine((list) => list.length <= 12 && list.every((d) => ISO_DATE.test(d) && !Number.isNaN(Date.parse(d))), "incubator:errors.intakeDates"),
    status: z.enum(PACKAGE_STATUSES).default("published"),
  })
  .transform((value, ctx) => {
    let subsidyValue = 0;
    if (value.subsidyKind === "amount") {
      if (!YUAN.test(value.subsidy)) {
        ctx.addIssue({ code: "custom", path: ["subsidy"], message: "incubator:errors.money" });
        return z.NEVER;
      }
      subsidyValue = yuanToFen(value.subsidy);
      if (subsidyValue > value.price) {
        ctx.addIssue({ code: "custom", path: ["subsidy"], message: "incubator:errors.subsidyAbovePrice" });
        return z.NEVER;
      }
    } else if (value.subsidyKind === "percent") {
      try {
        subsidyValue = percentToBasisPoints(value.subsidy);
      } catch {
        ctx.addIssue({ code: "custom", path: ["subsidy"], message: "incubator:errors.percent" });
        return z.NEVER;
      }
    }
    return { ...value, priceFen: value.price, subsidyValue, desks: value.kind === "workspace" || value.kind === "bundle" ? (value.desks ?? null) : null };
  });
export type PackageFormValue = z.output<typeof packageSchema>;

// ---------------------------------------------------------------- /parks search parameters

export const PARK_PAGE_SIZE = 20;

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const parkSearchSchema = z.object({
  q: z.preprocess(emptyToUndefined, z.string().trim().max(100).optional()),
  region: z.preprocess(emptyToUndefined, z.string().regex(/^\d{2,9}$/).optional()),
  kind: z.preprocess(emptyToUndefined, z.enum(PACKAGE_KINDS).optional()),
  /** Most a founder wants to pay for the term, after subsidy, in whole yuan. */
  max_price: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(10_000_000).optional()),
  subsidy: z.preprocess(emptyToUndefined, z.literal("1").optional()),
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(500).optional().default(1)),
});
export type ParkSearch = z.output<typeof parkSearchSchema>;

/** Parse /parks parameters, dropping (and naming) any that are malformed instead of failing the page. */
export function parseParkSearch(params: URLSearchParams): { value: ParkSearch; dropped: string[] } {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(parkSearchSchema.shape)) {
    const v = params.get(key);
    if (v !== null) raw[key] = v;
  }
  const dropped: string[] = [];
  for (;;) {
    const parsed = parkSearchSchema.safeParse(raw);
    if (parsed.success) return { value: parsed.data, dropped };
    const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
    for (const key of bad) {
      delete raw[key];
      dropped.push(key);
    }
  }
}

export function parkSearchHref(base: ParkSearch, change: Partial<Record<keyof ParkSearch, unknown>> = {}): string {
  const next: Record<string, unknown> = { ...base, page: 1, ...change };
  const params = new URLSearchParams();
  for (const key of ["q", "region", "kind", "max_price", "subsidy", "page"] as const) {
    const v = next[key];
    if (v === undefined || v === null || v === "" || (key === "page" && v === 1)) continue;
    params.set(key, String(v));
  }
  const qs = params.toString();
  return qs ? `/parks?${qs}` : "/parks";
}
