import { z } from "zod";

/**
 * The query of /staff/outcomes and its export: `region` (a GB/T 2260 code, absent = the country), `from` and `to`
 * as calendar days in China time (Asia/Shanghai, UTC+8, no daylight saving), `to` inclusive. Defaults: this year so far.
 */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "outcomes:errors.date")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "outcomes:errors.date");

export const outcomeQuerySchema = z
  .object({
    region: z
      .string()
      .regex(/^\d{6}(\d{3})?$/, "errors.regionCode")
      .optional(),
    from: day.optional(),
    to: day.optional(),
    format: z.enum(["csv", "xlsx"]).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "outcomes:errors.period", path: ["from"] });

/** The figures of an outcome report, in the order pages and exports show them (shared with the browser). */
export const OUTCOME_FIGURES = [
  "veteransRegistered",
  "veteransNew",
  "profilesComplete",
  "jobSeekers",
  "applications",
  "interviews",
  "offers",
  "hires",
  "veteransHired",
  "jobsPublished",
  "trainingSeats",
  "trainingEnrolments",
  "trainingWaitlisted",
  "fairs",
  "fairPositions",
  "fairAttendees",
  "fairChats",
  "fairInterviews",
  "fairSigned",
  "incubationApplications",
  "incubationAccepted",
  "venturesActive",
  "ventureJobsCreated",
  "ventureVeteransHired",
  "followUps3Checked",
  "followUps3Retained",
  "followUps6Checked",
  "followUps6Retained",
  "serviceRecords",
  "serviceVisits",
  "assistedApplications",
  "followUpsDue",
  "followUpsOnTime",
] as const;
export type OutcomeFigure = (typeof OUTCOME_FIGURES)[number];

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** Midnight China time of a YYYY-MM-DD day, as an instant. */
export function chinaDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS);
}

/** The YYYY-MM-DD day in China time of an instant. */
export function chinaDay(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The period a query names: [from's midnight, the day after `to`'s midnight), both China time. */
export function outcomePeriod(query: { from?: string; to?: string }, now = new Date()): { from: Date; to: Date; fromDay: string; toDay: string } {
  const toDay = query.to ?? chinaDay(now);
  const fromDay = query.from ?? `${toDay.slice(0, 4)}-01-01`;
  const to = new Date(chinaDayStart(toDay).getTime() + 24 * 3600 * 1000);
  return { from: chinaDayStart(fromDay), to, fromDay, toDay };
}

export function parseOutcomeQuery(url: URL) {
  const raw = Object.fromEntries(["region", "from", "to", "format"].map((k) => [k, url.searchParams.get(k) || undefined]));
  return outcomeQuerySchema.safeParse(raw);
}
