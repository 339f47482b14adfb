import { z } from "zod";
import { STATION_TIERS } from "../../db/enums";
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
