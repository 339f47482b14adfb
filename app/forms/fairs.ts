import { z } from "zod";
import { beijingLocalToDate } from "./training";

/** Fair forms shared by server and browser. Times are typed as Beijing local time. */

const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const localTime = z
  .string({ required_error: "fairs:errors.dateTime" })
  .regex(LOCAL_DATETIME, "fairs:errors.dateTime")
  .transform(beijingLocalToDate);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "fairs:errors.tooLong")
    .optional()
    .transform((v) => (v ? v : null));
const optionalUrl = z
  .string()
  .trim()
  .max(500, "fairs:errors.tooLong")
  .optional()
  .refine((v) => !v || /^https:\/\/[^\s<>"]+$/.test(v), "fairs:errors.url")
  .transform((v) => (v ? v : null));
const regionCodes = z
  .string()
  .optional()
  .transform((v) => (v ?? "").split(/[\s,，]+/).filter(Boolean))
  .refine((codes) => codes.every((c) => /^\d{6}(\d{3})?$/.test(c)), "fairs:errors.regionCodes");

export const FAIR_MODES = ["online", "on_site", "hybrid"] as const;
export type FairMode = (typeof FAIR_MODES)[number];

export const fairFormSchema = z
  .object({
    title: z.string({ required_error: "fairs:errors.title" }).trim().min(4, "fairs:errors.title").max(120, "fairs:errors.tooLong"),
    description: z.string().trim().max(4000, "fairs:errors.tooLong").optional().default(""),
    mode: z.enum(FAIR_MODES, { errorMap: () => ({ message: "fairs:errors.mode" }) }),
    venue: optionalText(200),
    regionCode: z
      .string()
      .optional()
      .refine((v) => !v || /^\d{6}(\d{3})?$/.test(v), "fairs:errors.regionCodes")
      .transform((v) => v || null),
    startsAt: localTime,
    endsAt: localTime,
    eligibleRegionCodes: regionCodes,
    allowFamily: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "true"),
    boothLimit: z.coerce.number({ invalid_type_error: "fairs:errors.boothLimit" }).int("fairs:errors.boothLimit").min(1, "fairs:errors.boothLimit").max(1000, "fairs:errors.boothLimit"),
    slotMinutes: z.coerce.number({ invalid_type_error: "fairs:errors.slotMinutes" }).int("fairs:errors.slotMinutes").min(5, "fairs:errors.slotMinutes").max(120, "fairs:errors.slotMinutes"),
  })
  .superRefine((v, ctx) => {
    if (v.endsAt <= v.startsAt) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "fairs:errors.endBeforeStart" });
    if (v.endsAt.getTime() - v.startsAt.getTime() > 14 * 24 * 3600 * 1000) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "fairs:errors.tooLongFair" });
    }
    if (v.mode !== "online" && !v.venue) ctx.addIssue({ code: "custom", path: ["venue"], message: "fairs:errors.venue" });
  });
export type FairFormValue = z.output<typeof fairFormSchema>;

export const boothSetupSchema = z.object({
  intro: z.string().trim().max(2000, "fairs:errors.tooLong").optional().default(""),
  logoUrl: optionalUrl,
  positions: z.coerce.number({ invalid_type_error: "fairs:errors.positions" }).int("fairs:errors.positions").min(0, "fairs:errors.positions").max(100_000, "fairs:errors.positions"),
  livestreamUrl: optionalUrl,
  meetingUrl: optionalUrl,
  postingIds: z.array(z.string().uuid()).max(50).optional().default([]),
});
export type BoothSetupValue = z.output<typeof boothSetupSchema>;

export const MESSAGE_MAX = 1000;
export const CANNED_REPLIES = ["welcome", "applyPrompt", "slotPrompt", "thanks"] as const;

/** Outcomes a representative records per conversation. */
export const OUTCOMES = ["follow_up", "interview_booked", "offer", "signed", "not_a_fit"] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** Interview slots published in one go at most. */
export const SLOT_BATCH_MAX = 40;
/** The report's columns (page, CSV and XLSX). */
export const REPORT_TOTALS = ["employers", "booths", "positions", "registrations", "attendees", "attendeesOnline", "attendeesOnSite", "chats", "interviews", "offers", "signed"] as const;
export const REPORT_BOOTH_COLUMNS = ["positions", "queued", "onSite", "chats", "interviews", "offers", "signed"] as const;
export const REPORT_TRADE_COLUMNS = ["positions", "chats", "offers", "signed"] as const;
