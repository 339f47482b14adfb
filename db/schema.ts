import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  APPLICATION_STATUSES,
  CONSENT_KINDS,
  CONTACT_REQUEST_STATUSES,
  EMAIL_STATUSES,
  ENROLLMENT_STATUSES,
  IMPORT_KINDS,
  IMPORT_RUN_STATUSES,
  JOB_STATUSES,
  JOB_TYPES,
  LOCALES,
  ORGANIZATION_KINDS,
  OUTBOX_OPS,
  ROLES,
  STATION_TIERS,
  TOKEN_PURPOSES,
  VERIFICATION_STATUSES,
  VISIBILITIES,
  type JobType,
} from "./enums";

export const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const userRole = pgEnum("user_role", ROLES);
export const locale = pgEnum("locale", LOCALES);
export const organizationKind = pgEnum("organization_kind", ORGANIZATION_KINDS);
export const verificationStatus = pgEnum("verification_status", VERIFICATION_STATUSES);
export const jobStatus = pgEnum("job_status", JOB_STATUSES);
export const jobType = pgEnum("job_type", JOB_TYPES);
export const visibility = pgEnum("profile_visibility", VISIBILITIES);
export const outboxOp = pgEnum("outbox_op", OUTBOX_OPS);
export const emailStatus = pgEnum("email_status", EMAIL_STATUSES);
export const tokenPurpose = pgEnum("token_purpose", TOKEN_PURPOSES);

// ---------------------------------------------------------------- accounts
export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  role: userRole("role").notNull(),
  displayName: text("display_name").notNull(),
  locale: locale("locale").notNull().default("zh-CN"),
  emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
export type User = typeof users.$inferSelect;

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(), // sha256 of the cookie token; the token itself is never stored
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const authTokens = pgTable(
  "auth_tokens",
  {
    id: text("id").primaryKey(), // sha256 of the emailed token
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    purpose: tokenPurpose("purpose").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("auth_tokens_user_idx").on(t.userId, t.purpose)],
);

export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  hits: integer("hits").notNull(),
});

// ---------------------------------------------------------------- places
export const regions = pgTable(
  "regions",
  {
    code: text("code").primaryKey(), // GB/T 2260: 6 digits (province/city/county); towns 9 digits
    name: text("name").notNull(),
    level: integer("level").notNull(), // 1 province, 2 city, 3 county, 4 town
    parentCode: text("parent_code"),
    pinyin: text("pinyin"),
  },
  (t) => [index("regions_parent_idx").on(t.parentCode)],
);

// ---------------------------------------------------------------- organisations
export const organizations = pgTable(
  "organizations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: organizationKind("kind").notNull(),
    name: text("name").notNull(),
    regionCode: text("region_code").references(() => regions.code),
    address: text("address"),
    description: text("description"),
    website: text("website"),
    verificationStatus: verificationStatus("verification_status").notNull().default("pending"),
    rejectionReason: text("rejection_reason"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewedByUserId: uuid("reviewed_by_user_id"),
    badges: text("badges").array().notNull().default(sql`'{}'::text[]`),
    externalId: text("external_id").unique(),
    /** 统一社会信用代码 (GB 32100), upper case; checked by app/utils/credit-code.ts. */
    creditCode: text("credit_code").unique(),
    /** The business licence scan (stored upload name, type by content, original file name, size). */
    licencePath: text("licence_path"),
    licenceMime: text("licence_mime"),
    licenceFilename: text("licence_filename"),
    licenceBytes: integer("licence_bytes"),
    licenceUploadedAt: timestamp("licence_uploaded_at", { withTimezone: true }),
    /** A `service_station`'s tier (county centre, town station, village station); null for other kinds. */
    stationTier: text("station_tier", { enum: STATION_TIERS }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("organizations_kind_idx").on(t.kind, t.verificationStatus)],
);
export type Organization = typeof organizations.$inferSelect;

export const memberships = pgTable(
  "memberships",
  {
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    role: text("role").notNull().default("owner"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.organizationId] })],
);

// ---------------------------------------------------------------- veterans
export const veteranProfiles = pgTable(
  "veteran_profiles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").unique().references(() => users.id, { onDelete: "cascade" }),
    externalId: text("external_id").unique(),
    fullName: text("full_name").notNull(),
    phone: text("phone"),
    contactEmail: text("contact_email"),
    nationalIdEncrypted: text("national_id_encrypted"),
    /** HMAC-SHA256 of the national ID (keyed like the encryption): finds a staff-kept file when its veteran claims it. */
    nationalIdHash: text("national_id_hash"),
    /** 优待证 number, encrypted like the national ID and shown masked to everyone but the owner. */
    preferentialCardEncrypted: text("preferential_card_encrypted"),
    /** Staff checked the veteran's status against the 优待证 (who and when); cleared when the number changes. */
    veteranStatusVerifiedAt: timestamp("veteran_status_verified_at", { withTimezone: true }),
    veteranStatusVerifiedByUserId: uuid("veteran_status_verified_by_user_id"),
    regionCode: text("region_code").references(() => regions.code),
    branch: text("branch"),
    specialty: text("specialty"),
    rank: text("rank"),
    yearsServed: integer("years_served"),
    dischargeYear: integer("discharge_year"),
    honours: text("honours").array().notNull().default(sql`'{}'::text[]`),
    education: text("education"),
    certificates: text("certificates").array().notNull().default(sql`'{}'::text[]`),
    skills: text("skills").array().notNull().default(sql`'{}'::text[]`),
    desiredRoles: text("desired_roles").array().notNull().default(sql`'{}'::text[]`),
    desiredRegionCodes: text("desired_region_codes").array().notNull().default(sql`'{}'::text[]`),
    salaryMin: integer("salary_min"), // yuan per month
    jobTypes: text("job_types").array().$type<JobType[]>().notNull().default(sql`'{}'::text[]`),
    visibility: visibility("visibility").notNull().default("hidden"),
    consentAt: timestamp("consent_at", { withTimezone: true }),
    consentVersion: text("consent_version"),
    /** Staff member who created the file on the veteran's behalf (assisted mode), if any. */
    createdByStaffUserId: uuid("created_by_staff_user_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("veteran_profiles_region_idx").on(t.regionCode), index("veteran_profiles_national_id_hash_idx").on(t.nationalIdHash)],
);
export type VeteranProfile = typeof veteranProfiles.$inferSelect;

/**
 * A one-time code a station gives a veteran (met in person) so they can claim the staff-kept file as theirs from
 * their own account; only its hash is stored. Used once, or void after `expiresAt`.
 */
export const profileClaimCodes = pgTable(
  "profile_claim_codes",
  {
    id: serial("id").primaryKey(),
    veteranProfileId: uuid("veteran_profile_id").notNull().references(() => veteranProfiles.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull().unique(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("profile_claim_codes_profile_idx").on(t.veteranProfileId)],
);


// ---------------------------------------------------------------- jobs and training
export const jobPostings = pgTable(
  "job_postings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    externalId: text("external_id").unique(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    category: text("category").notNull(),
    skills: text("skills").array().notNull().default(sql`'{}'::text[]`),
    regionCode: text("region_code").notNull().references(() => regions.code),
    address: text("address"),
    lat: text("lat"),
    lng: text("lng"),
    salaryMin: integer("salary_min"), // yuan per month
    salaryMax: integer("salary_max"),
    jobType: jobType("job_type").notNull().default("full_time"),
    headcount: integer("headcount").notNull().default(1),
    veteranPreferred: boolean("veteran_preferred").notNull().default(true),
    status: jobStatus("status").notNull().default("draft"),
    reviewReason: text("review_reason"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewedByUserId: uuid("reviewed_by_user_id"),
    createdByUserId: uuid("created_by_user_id"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("job_postings_status_idx").on(t.status, t.publishedAt),
    index("job_postings_org_idx").on(t.organizationId),
    check("job_salary_range", sql`${t.salaryMin} IS NULL OR ${t.salaryMax} IS NULL OR ${t.salaryMin} <= ${t.salaryMax}`),
  ],
);
export type JobPosting = typeof jobPostings.$inferSelect;

export const trainingSlots = pgTable("training_slots", {
  id: uuid("id").primaryKey().defaultRandom(),
  organizationId: uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
  externalId: text("external_id").unique(),
  title: text("title").notNull(),
  description: text("description").notNull().default(""),
  skills: text("skills").array().notNull().default(sql`'{}'::text[]`),
  regionCode: text("region_code").notNull().references(() => regions.code),
  place: text("place"),
  startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
  endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
  capacity: integer("capacity").notNull(),
  seatsTaken: integer("seats_taken").notNull().default(0),
  feeFen: bigint("fee_fen", { mode: "number" }).notNull().default(0),
  subsidyFen: bigint("subsidy_fen", { mode: "number" }).notNull().default(0),
  currency: text("currency").notNull().default("CNY"),
  status: jobStatus("status").notNull().default("published"),
  reviewReason: text("review_reason"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [check("training_seats_within_capacity", sql`${t.seatsTaken} >= 0 AND ${t.seatsTaken} <= ${t.capacity}`)]);
export type TrainingSlot = typeof trainingSlots.$inferSelect;

export const trainingEnrollments = pgTable(
  "training_enrollments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    trainingSlotId: uuid("training_slot_id").notNull().references(() => trainingSlots.id, { onDelete: "cascade" }),
    veteranProfileId: uuid("veteran_profile_id").notNull().references(() => veteranProfiles.id, { onDelete: "cascade" }),
    status: text("status", { enum: ENROLLMENT_STATUSES }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("training_enrollments_unique").on(t.trainingSlotId, t.veteranProfileId)],
);

export const applications = pgTable(
  "applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    jobPostingId: uuid("job_posting_id").notNull().references(() => jobPostings.id, { onDelete: "cascade" }),
    veteranProfileId: uuid("veteran_profile_id").notNull().references(() => veteranProfiles.id, { onDelete: "cascade" }),
    status: text("status", { enum: APPLICATION_STATUSES }).notNull().default("applied"),
    coverNote: text("cover_note"),
    cvPath: text("cv_path"),
    cvMime: text("cv_mime"),
    cvFilename: text("cv_filename"),
    cvBytes: integer("cv_bytes"),
    /** First time the employer acted on it (viewed or moved it): response-rate and response-time figures. */
    firstResponseAt: timestamp("first_response_at", { withTimezone: true }),
    /** Set when it waited 14 days without an answer and the employer was told. */
    flaggedUnansweredAt: timestamp("flagged_unanswered_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("applications_one_active")
      .on(t.jobPostingId, t.veteranProfileId)
      .where(sql`status NOT IN ('withdrawn', 'rejected', 'hired')`),
    index("applications_profile_idx").on(t.veteranProfileId, t.createdAt),
  ],
);

export const applicationEvents = pgTable(
  "application_events",
  {
    id: serial("id").primaryKey(),
    applicationId: uuid("application_id").notNull().references(() => applications.id, { onDelete: "cascade" }),
    status: text("status", { enum: APPLICATION_STATUSES }).notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    note: text("note"),
    createdAt: createdAt(),
  },
  // outcome figures read one status over a period (hires, interviews, offers)
  (t) => [index("application_events_status_idx").on(t.status, t.createdAt), index("application_events_application_idx").on(t.applicationId)],
);

// ---------------------------------------------------------------- consent, contact, taxonomy, imports, saved searches
/** Every consent a veteran gave (or a staff member recorded on their behalf): what text, when, by whom. */
export const consentRecords = pgTable(
  "consent_records",
  {
    id: serial("id").primaryKey(),
    veteranProfileId: uuid("veteran_profile_id").notNull().references(() => veteranProfiles.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: CONSENT_KINDS }).notNull(),
    value: text("value"), // e.g. the visibility chosen
    textVersion: text("text_version").notNull(),
    recordedByUserId: uuid("recorded_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("consent_records_profile_idx").on(t.veteranProfileId)],
);

/** An employer asks to see a veteran's phone and email; the veteran accepts or declines. */
export const contactRequests = pgTable(
  "contact_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    veteranProfileId: uuid("veteran_profile_id").notNull().references(() => veteranProfiles.id, { onDelete: "cascade" }),
    requestedByUserId: uuid("requested_by_user_id").references(() => users.id, { onDelete: "set null" }),
    message: text("message"),
    status: text("status", { enum: CONTACT_REQUEST_STATUSES }).notNull().default("pending"),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("contact_requests_unique").on(t.organizationId, t.veteranProfileId)],
);

/** Staff-edited versions of the skills taxonomy; the newest active one wins over the file in the repository. */
export const taxonomyVersions = pgTable("taxonomy_versions", {
  id: serial("id").primaryKey(),
  version: text("version").notNull().unique(),
  data: jsonb("data").notNull(),
  active: boolean("active").notNull().default(false),
  createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
});

/** A bulk CSV import (UI or CLI): progress and the row-level error report. */
export const importRuns = pgTable("import_runs", {
  id: uuid("id").primaryKey().defaultRandom(),
  kind: text("kind", { enum: IMPORT_KINDS }).notNull(),
  filename: text("filename"),
  dryRun: boolean("dry_run").notNull().default(false),
  status: text("status", { enum: IMPORT_RUN_STATUSES }).notNull().default("running"),
  totalRows: integer("total_rows").notNull().default(0),
  processedRows: integer("processed_rows").notNull().default(0),
  createdCount: integer("created_count").notNull().default(0),
  updatedCount: integer("updated_count").notNull().default(0),
  errors: jsonb("errors").notNull().default(sql`'[]'::jsonb`).$type<{ line: number; column: string; message: string }[]>(),
  /** What rows were stored differently from how they were written (a guessed category, an unknown skill kept). */
  warnings: jsonb("warnings").notNull().default(sql`'[]'::jsonb`).$type<{ line: number; column: string; message: string }[]>(),
  /** Staff vouched for the file's organisations: they were verified and the postings published at once. */
  publish: boolean("publish").notNull().default(false),
  createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});

/** A veteran's saved job search; a daily digest mails new matches. */
export const savedSearches = pgTable(
  "saved_searches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    query: jsonb("query").notNull().$type<Record<string, unknown>>(),
    alertsEnabled: boolean("alerts_enabled").notNull().default(true),
    unsubscribeToken: text("unsubscribe_token").notNull().unique(),
    lastNotifiedAt: timestamp("last_notified_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("saved_searches_user_idx").on(t.userId)],
);

// ---------------------------------------------------------------- outboxes, mail, audit
export const searchOutbox = pgTable(
  "search_outbox",
  {
    id: serial("id").primaryKey(),
    indexName: text("index_name").notNull(),
    documentId: text("document_id").notNull(),
    op: outboxOp("op").notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (t) => [index("search_outbox_created_idx").on(t.createdAt)],
);

/**
 * Every change to a searchable record, kept (unlike search_outbox rows, which the drain deletes) so that each process
 * with an in-process index can follow it by cursor, and a rebuild can re-apply what changed while it ran. Pruned
 * after a day by the worker's upkeep.
 */
export const searchChanges = pgTable(
  "search_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    indexName: text("index_name").notNull(),
    documentId: text("document_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("search_changes_created_idx").on(t.createdAt)],
);

/** Addresses no mail goes to any more: hard bounces and complaints reported by Resend, and one-click unsubscribes. */
export const emailSuppressions = pgTable("email_suppressions", {
  /** Lower-cased address. */
  address: text("address").primaryKey(),
  /** `bounce`, `complaint` or `unsubscribe`. */
  reason: text("reason").notNull(),
  /** The provider's event id or detail, for support. */
  detail: text("detail"),
  createdAt: createdAt(),
});

export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: serial("id").primaryKey(),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    toAddress: text("to_address").notNull(),
    template: text("template").notNull(),
    locale: locale("locale").notNull().default("zh-CN"),
    props: jsonb("props").notNull().$type<Record<string, unknown>>(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    status: emailStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    providerId: text("provider_id"),
    /** The idempotency key of the Resend batch request this mail went out in; a retry re-sends the same batch. */
    batchKey: text("batch_key"),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("email_outbox_due_idx").on(t.status, t.nextAttemptAt)],
);

/** The development mailbox: what would have been sent when no RESEND_API_KEY is configured. */
export const devMailbox = pgTable("dev_mailbox", {
  id: serial("id").primaryKey(),
  idempotencyKey: text("idempotency_key").notNull().unique(),
  toAddress: text("to_address").notNull(),
  fromAddress: text("from_address").notNull(),
  subject: text("subject").notNull(),
  html: text("html").notNull(),
  text: text("text").notNull(),
  createdAt: createdAt(),
});

export const auditLog = pgTable(
  "audit_log",
  {
    id: serial("id").primaryKey(),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id"),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_subject_idx").on(t.subjectType, t.subjectId)],
);
