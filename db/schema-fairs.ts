import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { applications, createdAt, organizations, regions, updatedAt, users, veteranProfiles } from "./schema";

/**
 * Job fairs: hosts create and publish them, employers' booths (approved by the host) with representatives, postings
 * and interview slots, veterans' registrations, the one queue per booth (online and on site), chats with outcomes,
 * and `fair_events`, the durable event log the SSE streams resume from (NOTIFY only wakes listeners up).
 */


export const fairMode = pgEnum("fair_mode", ["online", "on_site", "hybrid"]);
export const fairStatus = pgEnum("fair_status", ["draft", "published", "closed"]);
export const boothStatus = pgEnum("fair_booth_status", ["requested", "approved", "declined", "withdrawn"]);
export const repStatus = pgEnum("fair_rep_status", ["available", "busy", "away"]);
export const queueStatus = pgEnum("fair_queue_status", ["waiting", "called", "in_chat", "done", "left", "missed"]);
export const chatOutcome = pgEnum("fair_chat_outcome", ["follow_up", "interview_booked", "offer", "signed", "not_a_fit"]);

export const jobFairs = pgTable(
  "job_fairs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The hosting organisation (a bureau, a service station, or an organisation granted host rights). */
    organizerId: uuid("organizer_id").references(() => organizations.id, { onDelete: "set null" }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    regionCode: text("region_code").references(() => regions.code),
    mode: fairMode("mode").notNull().default("online"),
    venue: text("venue"),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    status: fairStatus("status").notNull().default("draft"),
    /** Veterans from these regions (or their subregions) may register; empty = anyone. */
    eligibleRegionCodes: text("eligible_region_codes").array().notNull().default(sql`'{}'::text[]`),
    /** Family members of veterans may register too. */
    allowFamily: boolean("allow_family").notNull().default(false),
    boothLimit: integer("booth_limit").notNull().default(50),
    slotMinutes: integer("slot_minutes").notNull().default(15),
    positionsOffered: integer("positions_offered").notNull().default(0),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("job_fairs_status_idx").on(t.status, t.startsAt)],
);
export type JobFairRow = typeof jobFairs.$inferSelect;

/** Organisations an admin allowed to host fairs (staff host without a grant). */
export const fairHostGrants = pgTable("fair_host_grants", {
  organizationId: uuid("organization_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  grantedByUserId: uuid("granted_by_user_id").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
});

export const fairBooths = pgTable(
  "fair_booths",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fairId: uuid("fair_id").notNull().references(() => jobFairs.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    status: boothStatus("status").notNull().default("requested"),
    requestNote: text("request_note"),
    decisionReason: text("decision_reason"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedByUserId: uuid("decided_by_user_id").references(() => users.id, { onDelete: "set null" }),
    intro: text("intro").notNull().default(""),
    logoUrl: text("logo_url"),
    positions: integer("positions").notNull().default(0),
    livestreamUrl: text("livestream_url"),
    meetingUrl: text("meeting_url"),
    /** Postings of the organisation shown at the booth. */
    postingIds: uuid("posting_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /** Next queue ticket; joins take it under the booth's row lock, so tickets are 1, 2, 3… without gaps. */
    nextTicket: integer("next_ticket").notNull().default(1),
    /** Secret in the printable QR code: a phone scan at the venue joins this booth's queue. */
    checkInToken: text("check_in_token").notNull().unique(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("fair_booths_one_per_org").on(t.fairId, t.organizationId), index("fair_booths_fair_idx").on(t.fairId, t.status)],
);

export const fairRepresentatives = pgTable(
  "fair_representatives",
  {
    boothId: uuid("booth_id").notNull().references(() => fairBooths.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    status: repStatus("status").notNull().default("away"),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.boothId, t.userId] }), index("fair_representatives_user_idx").on(t.userId)],
);

export const fairRegistrations = pgTable(
  "fair_registrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fairId: uuid("fair_id").notNull().references(() => jobFairs.id, { onDelete: "cascade" }),
    veteranProfileId: uuid("veteran_profile_id").notNull().references(() => veteranProfiles.id, { onDelete: "cascade" }),
    /** Registered as a family member of a veteran (allowed when the fair says so). */
    familyMember: boolean("family_member").notNull().default(false),
    /** First time they joined a queue or checked in: online or on_site. */
    attendedMode: text("attended_mode"),
    attendedAt: timestamp("attended_at", { withTimezone: true }),
    /** Registered at the venue by staff (walk-in without an account): consent recorded by whom and when. */
    walkInConsentAt: timestamp("walk_in_consent_at", { withTimezone: true }),
    recordedByUserId: uuid("recorded_by_user_id").references(() => users.id, { onDelete: "set null" }),
    barredAt: timestamp("barred_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("fair_registrations_unique").on(t.fairId, t.veteranProfileId)],
);

export const fairQueueEntries = pgTable(
  "fair_queue_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fairId: uuid("fair_id").notNull().references(() => jobFairs.id, { onDelete: "cascade" }),
    boothId: uuid("booth_id").notNull().references(() => fairBooths.id, { onDelete: "cascade" }),
    veteranProfileId: uuid("veteran_profile_id").notNull().references(() => veteranProfiles.id, { onDelete: "cascade" }),
    ticket: integer("ticket").notNull(),
    status: queueStatus("status").notNull().default("waiting"),
    source: text("source").notNull().default("online"), // online | on_site
    /** Times the veteran missed a "your turn" call; the first miss sends them back once, the second removes them. */
    missedCalls: integer("missed_calls").notNull().default(0),
    calledByUserId: uuid("called_by_user_id").references(() => users.id, { onDelete: "set null" }),
    calledAt: timestamp("called_at", { withTimezone: true }),
    callExpiresAt: timestamp("call_expires_at", { withTimezone: true }),
    /** Sort key: the ticket, or (after a missed call) a later place in the line. */
    sortKey: integer("sort_key").notNull(),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("fair_queue_ticket_unique").on(t.boothId, t.ticket),
    uniqueIndex("fair_queue_one_active")
      .on(t.boothId, t.veteranProfileId)
      .where(sql`status IN ('waiting', 'called', 'in_chat')`),
    index("fair_queue_booth_idx").on(t.boothId, t.status, t.sortKey),
    index("fair_queue_profile_idx").on(t.veteranProfileId, t.status),
  ],
);

export const fairChats = pgTable(
  "fair_chats",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fairId: uuid("fair_id").notNull().references(() => jobFairs.id, { onDelete: "cascade" }),
    boothId: uuid("booth_id").notNull().references(() => fairBooths.id, { onDelete: "cascade" }),
    queueEntryId: uuid("queue_entry_id").references(() => fairQueueEntries.id, { onDelete: "set null" }),
    veteranProfileId: uuid("veteran_profile_id").notNull().references(() => veteranProfiles.id, { onDelete: "cascade" }),
    repUserId: uuid("rep_user_id").references(() => users.id, { onDelete: "set null" }),
    status: text("status").notNull().default("open"), // open | closed
    outcome: chatOutcome("outcome"),
    notes: text("notes").notNull().default(""),
    /** The veteran agreed to share their contact details with this booth (or applied). */
    contactSharedAt: timestamp("contact_shared_at", { withTimezone: true }),
    /** A service-station staff member sitting in at the veteran's request (visible to both, audited). */
    sitInUserId: uuid("sit_in_user_id").references(() => users.id, { onDelete: "set null" }),
    applicationId: uuid("application_id").references(() => applications.id, { onDelete: "set null" }),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [index("fair_chats_booth_idx").on(t.boothId, t.status), index("fair_chats_profile_idx").on(t.veteranProfileId)],
);

export const fairMessages = pgTable(
  "fair_messages",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    chatId: uuid("chat_id").notNull().references(() => fairChats.id, { onDelete: "cascade" }),
    senderUserId: uuid("sender_user_id").references(() => users.id, { onDelete: "set null" }),
    senderRole: text("sender_role").notNull(), // veteran | rep | staff | system
    body: text("body").notNull(),
    reportedAt: timestamp("reported_at", { withTimezone: true }),
    removedAt: timestamp("removed_at", { withTimezone: true }),
    removedByUserId: uuid("removed_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("fair_messages_chat_idx").on(t.chatId, t.id)],
);

export const fairSlots = pgTable(
  "fair_slots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    boothId: uuid("booth_id").notNull().references(() => fairBooths.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    bookedByProfileId: uuid("booked_by_profile_id").references(() => veteranProfiles.id, { onDelete: "set null" }),
    bookedAt: timestamp("booked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("fair_slots_booth_start").on(t.boothId, t.startsAt), index("fair_slots_profile_idx").on(t.bookedByProfileId)],
);

/**
 * The durable event log behind the SSE streams: `audience` is `lobby` (everyone watching the fair) or `user:<id>`.
 * A stream resumes after `Last-Event-ID` by reading rows with a larger id.
 */
export const fairEvents = pgTable(
  "fair_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    fairId: uuid("fair_id").notNull().references(() => jobFairs.id, { onDelete: "cascade" }),
    audience: text("audience").notNull(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").notNull().$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index("fair_events_fair_idx").on(t.fairId, t.audience, t.id)],
);

/** Service-station follow-ups: "still employed?" 30 days after a signing at a fair. */
export const fairFollowUps = pgTable("fair_follow_ups", {
  id: uuid("id").primaryKey().defaultRandom(),
  fairId: uuid("fair_id").notNull().references(() => jobFairs.id, { onDelete: "cascade" }),
  chatId: uuid("chat_id").references(() => fairChats.id, { onDelete: "set null" }),
  veteranProfileId: uuid("veteran_profile_id").notNull().references(() => veteranProfiles.id, { onDelete: "cascade" }),
  organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "set null" }),
  dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
  doneAt: timestamp("done_at", { withTimezone: true }),
  result: text("result"),
  createdAt: createdAt(),
});
