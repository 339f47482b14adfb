import { z } from "zod";
import { multilineText, text } from "./text";

/**
 * Training slots: the form schema shared by server and browser, and the money rules both sides show.
 * Amounts are typed in yuan (up to 2 decimals) and kept as integer fen; times are typed as Beijing local time.
 */

export const TRAINING_CAPACITY_MAX = 10_000;
/** 9,999,999.99 yuan: well above any course fee, and far inside a safe integer once in fen. */
const YUAN_PATTERN = /^\d{1,7}(\.\d{1,2})?$/;
const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** "1800.5" → 180050. Exact (string arithmetic, no floating point); throws on anything but a plain yuan amount. */
export function yuanToFen(value: string): number {
  const text = value.trim();
  if (!YUAN_PATTERN.test(text)) throw new Error(`not a yuan amount: "${value}"`);
  const [whole, fraction = ""] = text.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

/** 180050 → "1800.50", 180000 → "1800": the value an edit form starts with. */
export function fenToYuan(fen: number): string {
  const whole = Math.floor(fen / 100);
  const rest = fen % 100;
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, "0")}`;
}

export type FeeKind = "free" | "freeForVeterans" | "subsidised" | "paid";

export interface TrainingFee {
  feeFen: number;
  subsidyFen: number;
  /** What a veteran pays after the subsidy: max(0, fee − subsidy). */
  netFen: number;
  kind: FeeKind;
}

/** The fee a veteran sees: free when there is no fee, free for veterans when the subsidy covers it. */
export function trainingFee(feeFen: number, subsidyFen: number): TrainingFee {
  const netFen = Math.max(0, feeFen - subsidyFen);
  const kind: FeeKind =
    feeFen <= 0 ? "free" : subsidyFen >= feeFen ? "freeForVeterans" : subsidyFen > 0 ? "subsidised" : "paid";
  return { feeFen, subsidyFen, netFen, kind };
}

/** "2026-05-01T09:00" typed in Beijing time → the instant. */
export function beijingLocalToDate(value: string): Date {
  return new Date(`${value}:00+08:00`);
}

/** An instant → "2026-05-01T09:00" in Beijing time, for a datetime-local input. */
export function dateToBeijingLocal(value: Date | string): string {
  const shifted = new Date(new Date(value).getTime() + 8 * 3_600_000);
  return shifted.toISOString().slice(0, 16);
}

const money = z
  .string()
  .trim()
  .regex(YUAN_PATTERN, "training:errors.money")
  .optional()
  .transform((v) => (v ? yuanToFen(v) : 0));

const localDateTime = z
  .string({ required_error: "errors.required" })
  .trim()
  .regex(LOCAL_DATETIME, "training:errors.dateTime")
  .transform(beijingLocalToDate)
  .refine((d) => !Number.isNaN(d.getTime()), "training:errors.dateTime");

export const TRAINING_SLOT_STATUSES = ["published", "closed"] as const;

const trainingSlotFields = z.object({
  title: text(120, { min: 1 }),
  description: multilineText(4000).optional().default(""),
  regionCode: z
    .string({ required_error: "training:errors.region" })
    .trim()
    .regex(/^\d{6}$/, "training:errors.region"),
  place: text(200, { min: 1 }),
  capacity: z
    .number({
      required_error: "errors.required",
      invalid_type_error: "training:errors.capacity",
    })
    .int("training:errors.capacity")
    .min(1, "training:errors.capacity")
    .max(TRAINING_CAPACITY_MAX, "training:errors.capacity"),
  fee: money,
  subsidy: money,
  skills: z.array(text(60, { min: 1 })).max(20, "training:errors.tooManySkills").optional().default([]),
  status: z.enum(TRAINING_SLOT_STATUSES).optional().default("published"),
});

/**
 * The schedule is checked on its own side of an intersection, so "end before start" shows up together with the
 * other fields' errors rather than only once everything else is valid.
 */
const schedule = z.object({ startsAt: localDateTime, endsAt: localDateTime }).superRefine((v, ctx) => {
  if (v.endsAt.getTime() <= v.startsAt.getTime()) {
    ctx.addIssue({ code: "custom", path: ["endsAt"], message: "training:errors.endBeforeStart" });
  }
});

export const trainingSlotSchema = z.intersection(trainingSlotFields, schedule);

/**
 * The edit form. Its region picker starts empty (it only posts what is chosen), so an untouched picker keeps the
 * slot's region, posted as `currentRegionCode`.
 */
export const trainingSlotEditSchema = z.preprocess((input) => {
  if (!input || typeof input !== "object") return input;
  const values = input as Record<string, unknown>;
  return values.regionCode ? values : { ...values, regionCode: values.currentRegionCode };
}, trainingSlotSchema);

export type TrainingSlotFormInput = z.input<typeof trainingSlotSchema>;
export type TrainingSlotFormValue = z.output<typeof trainingSlotSchema>;

/** The two buttons of a slot page. */
export const enrolmentActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("enrol") }),
  z.object({
    intent: z.literal("cancel"),
    enrollmentId: z.string().uuid("errors.notFound"),
  }),
]);
