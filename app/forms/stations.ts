import { z } from "zod";
import { STATION_TIERS } from "../../db/enums";
import { isValidNationalId } from "./profile";
import { text } from "./text";

/** What the admin's station form may create: a station of one tier, or a bureau. */
export const STATION_CHOICES = [...STATION_TIERS, "bureau"] as const;

/** A new service station (county centre, town or village station) or bureau; a bureau without a region is national. */
export const stationSchema = z.object({
  intent: z.literal("create"),
  name: text(120, { min: 2 }),
  tier: z.enum(STATION_CHOICES, { required_error: "errors.required", invalid_type_error: "errors.required" }),
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{6}(\d{3}){0,2}$/, "stations:errors.regionCode")
    .optional(),
});
export type StationFormValue = Omit<z.infer<typeof stationSchema>, "intent">;

/** Put a staff account in a station (an empty station takes it out of every station). */
export const assignStationSchema = z.object({
  intent: z.literal("assign"),
  userId: z.string({ required_error: "errors.required" }).uuid("errors.required"),
  stationId: z.string().uuid("stations:errors.unknownStation").optional(),
});

/** A veteran claims a staff-kept file: by national ID and the name on the file, or by the station's claim code. */
export const claimSchema = z.discriminatedUnion("method", [
  z.object({
    intent: z.enum(["find", "link", "refuse"]),
    method: z.literal("national_id"),
    nationalId: z
      .string({ required_error: "errors.required" })
      .trim()
      .toUpperCase()
      .refine((v) => /^\d{17}[\dX]$/.test(v), "profile:errors.nationalIdFormat")
      .refine((v) => isValidNationalId(v), "profile:errors.nationalIdChecksum"),
    fullName: text(40, { min: 1 }),
  }),
  z.object({
    intent: z.enum(["find", "link", "refuse"]),
    method: z.literal("code"),
    code: z
      .string({ required_error: "errors.required" })
      .trim()
      .toUpperCase()
      .refine((v) => /^[2-9A-Z]{4}-?[2-9A-Z]{4}$/.test(v), "stations:link.errors.codeFormat"),
  }),
]);
export type ClaimFormValue = z.infer<typeof claimSchema>;

/** The follow-up list's tabs: due now, coming up, done (pages render them, so they live here, not in a .server module). */
export const FOLLOW_UP_VIEWS = ["due", "upcoming", "done"] as const;
export type FollowUpView = (typeof FOLLOW_UP_VIEWS)[number];

/** A follow-up's answer: still employed (required), satisfied (yes, no or not asked) and what they need. */
export const followUpSchema = z.object({
  followUpId: z.string({ required_error: "errors.required" }).uuid("errors.required"),
  stillEmployed: z.enum(["yes", "no"], { required_error: "stations:followUps.errors.stillEmployed", invalid_type_error: "stations:followUps.errors.stillEmployed" }),
  satisfied: z.enum(["yes", "no", "unknown"]).default("unknown"),
  needs: text(500).optional(),
});
