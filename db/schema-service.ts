// The service network's own records (issue 12): what a station did for a veteran (visits, calls, assisted
// applications) and the follow-ups after a placement ("still employed? satisfied? needs?" at 1, 3 and 6 months).
// Outcome dashboards count them as station activity and retention.
import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { applications, createdAt, organizations, regions, updatedAt, users, veteranProfiles } from "./schema";
import { ventures } from "./incubator-schema";

export const SERVICE_CHANNELS = ["visit", "phone", "walk_in", "online"] as const;
export type ServiceChannel = (typeof SERVICE_CHANNELS)[number];
export const FOLLOW_UP_SOURCES = ["hire", "fair_signing", "venture_start"] as const;
export type FollowUpSource = (typeof FOLLOW_UP_SOURCES)[number];
/** Months after the placement at which a station asks again. */
export const FOLLOW_UP_MONTHS = [1, 3, 6] as const;

/** A station's contact with a veteran: date, channel, what they needed, what was done, when to follow up. */
export const serviceRecords = pgTable(
  "service_records",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    veteranProfileId: uuid("veteran_profile_id")
      .notNull()
      .references(() => veteranProfiles.id, { onDelete: "cascade" }),
    /** The station (a `service_station` organisation) that kept the record, if any. */
    stationId: uuid("station_id").references(() => organizations.id, { onDelete: "set null" }),
    staffUserId: uuid("staff_user_id").references(() => users.id, { onDelete: "set null" }),
    /** Where the work counts: the station's region, else the veteran's. */
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    channel: text("channel", { enum: SERVICE_CHANNELS }).notNull(),
    need: text("need").notNull().default(""),
    action: text("action").notNull().default(""),
    followUpOn: date("follow_up_on"),
    /** An application the staff member made with the veteran (assisted application). */
    assistedApplicationId: uuid("assisted_application_id").references(() => applications.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("service_records_region_idx").on(t.regionCode, t.occurredAt), index("service_records_profile_idx").on(t.veteranProfileId)],
);

/** One follow-up question after a placement, due `month` months after it. */
export const followUps = pgTable(
  "follow_ups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    veteranProfileId: uuid("veteran_profile_id")
      .notNull()
      .references(() => veteranProfiles.id, { onDelete: "cascade" }),
    source: text("source", { enum: FOLLOW_UP_SOURCES }).notNull(),
    applicationId: uuid("application_id").references(() => applications.id, { onDelete: "cascade" }),
    ventureId: uuid("venture_id").references(() => ventures.id, { onDelete: "cascade" }),
    /** The veteran's region when the task was made: the station of that region does it, and it counts there. */
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    month: integer("month").notNull(),
    placedAt: timestamp("placed_at", { withTimezone: true }).notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    doneAt: timestamp("done_at", { withTimezone: true }),
    doneByUserId: uuid("done_by_user_id").references(() => users.id, { onDelete: "set null" }),
    stillEmployed: boolean("still_employed"),
    satisfied: boolean("satisfied"),
    needs: text("needs").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("follow_ups_month", sql`${t.month} in (1, 3, 6)`),
    uniqueIndex("follow_ups_application_month").on(t.applicationId, t.month),
    index("follow_ups_region_due_idx").on(t.regionCode, t.dueAt),
  ],
);
