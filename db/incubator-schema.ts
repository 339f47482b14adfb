// Incubator parks (退役军人创业园): packages, founders' ventures and applications, review, onboarding, mentoring,
// payments (Stripe or offline), refunds, fapiao requests and monthly founder metrics. Kept apart from db/schema.ts
// so the park domain can grow without touching the shared file; drizzle.config.ts lists both.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations, regions, users } from "./schema";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
const fen = (name: string) => bigint(name, { mode: "number" });

export const packageKind = pgEnum("incubator_package_kind", ["workspace", "mentoring", "training", "bundle"]);
export const packageStatus = pgEnum("incubator_package_status", ["draft", "published", "closed"]);
export const subsidyKind = pgEnum("incubator_subsidy_kind", ["none", "amount", "percent"]);
export const ventureStage = pgEnum("venture_stage", ["idea", "registered", "trading"]);
export const startupApplicationStatus = pgEnum("startup_application_status", [
  "submitted",
  "in_review",
  "accepted",
  "waitlisted",
  "declined",
  "withdrawn",
]);
export const taskOwner = pgEnum("onboarding_task_owner", ["founder", "park"]);
export const paymentProvider = pgEnum("payment_provider", ["stripe", "offline"]);
export const paymentStatus = pgEnum("payment_status", [
  "pending",
  "proof_uploaded",
  "awaiting_approval",
  "paid",
  "failed",
  "expired",
  "cancelled",
  "refunded",
  "partially_refunded",
]);
export const refundStatus = pgEnum("refund_status", ["pending", "requires_action", "succeeded", "failed", "canceled"]);
export const holdStatus = pgEnum("capacity_hold_status", ["held", "converted", "released"]);

// ---------------------------------------------------------------- a park's settings and packages

/** Per park: how founders pay offline, and the amount above which a second manager must approve. */
export const parkSettings = pgTable("park_settings", {
  organizationId: uuid("organization_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  bankAccountName: text("bank_account_name"),
  bankName: text("bank_name"),
  bankAccountNumber: text("bank_account_number"),
  /** Offline payments above this need a second manager's approval. */
  approvalThresholdFen: fen("approval_threshold_fen").notNull().default(1_000_000),
  /** The park prefers offline payment even when Stripe is configured. */
  offlineOnly: boolean("offline_only").notNull().default(false),
  updatedAt: updatedAt(),
});

export const incubatorPackages = pgTable(
  "incubator_packages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    externalId: text("external_id").unique(),
    kind: packageKind("kind").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    /** Places (ventures) the package takes per intake. */
    capacity: integer("capacity").notNull(),
    /** Places held by accepted founders (live capacity holds) or paid for. */
    placesTaken: integer("places_taken").notNull().default(0),
    /** Workspace: desks or offices included. */
    desks: integer("desks"),
    /** Mentoring hours included over the term. */
    mentoringHours: integer("mentoring_hours").notNull().default(0),
    termMonths: integer("term_months").notNull(),
    /** List price for the whole term. */
    priceFen: fen("price_fen").notNull(),
    subsidyKind: subsidyKind("subsidy_kind").notNull().default("none"),
    /** Fen when `amount`, basis points (0–10000) when `percent`. */
    subsidyValue: integer("subsidy_value").notNull().default(0),
    /** Who pays the subsidy, e.g. 园区 / 区退役军人事务局. */
    subsidyPayer: text("subsidy_payer"),
    requirements: text("requirements").notNull().default(""),
    /** ISO dates (YYYY-MM-DD) of the next intakes. */
    intakeDates: text("intake_dates").array().notNull().default(sql`'{}'::text[]`),
    currency: text("currency").notNull().default("CNY"),
    status: packageStatus("status").notNull().default("published"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("incubator_packages_org_idx").on(t.organizationId),
    check("incubator_places_within_capacity", sql`${t.placesTaken} >= 0 AND ${t.placesTaken} <= ${t.capacity}`),
    check("incubator_price_non_negative", sql`${t.priceFen} >= 0`),
    check("incubator_subsidy_value", sql`${t.subsidyValue} >= 0 AND (${t.subsidyKind} <> 'percent' OR ${t.subsidyValue} <= 10000)`),
  ],
);
export type IncubatorPackage = typeof incubatorPackages.$inferSelect;

// ---------------------------------------------------------------- ventures and applications

export const ventures = pgTable(
  "ventures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    founderUserId: uuid("founder_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    stage: ventureStage("stage").notNull(),
    sector: text("sector").notNull(),
    teamSize: integer("team_size").notNull().default(1),
    veteransInTeam: integer("veterans_in_team").notNull().default(1),
    fundingNeedFen: fen("funding_need_fen").notNull().default(0),
    jobsPlanned: integer("jobs_planned").notNull().default(0),
    summary: text("summary").notNull().default(""),
    /** The founder agreed to be listed as an alumni venture on the park's public page. */
    alumniConsentAt: timestamp("alumni_consent_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("ventures_founder_idx").on(t.founderUserId)],
);

export const startupApplications = pgTable(
  "startup_applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    packageId: uuid("package_id")
      .notNull()
      .references(() => incubatorPackages.id, { onDelete: "cascade" }),
    ventureId: uuid("venture_id")
      .notNull()
      .references(() => ventures.id, { onDelete: "cascade" }),
    status: startupApplicationStatus("status").notNull().default("submitted"),
    supportWanted: text("support_wanted").notNull().default(""),
    planPath: text("plan_path"),
    planName: text("plan_name"),
    planBytes: integer("plan_bytes"),
    pitchAt: timestamp("pitch_at", { withTimezone: true }),
    startDate: date("start_date"),
    decisionReason: text("decision_reason"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedByUserId: uuid("decided_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("startup_applications_unique").on(t.packageId, t.ventureId),
    index("startup_applications_status_idx").on(t.packageId, t.status),
  ],
);
export type StartupApplication = typeof startupApplications.$inferSelect;

export const startupApplicationEvents = pgTable(
  "startup_application_events",
  {
    id: serial("id").primaryKey(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => startupApplications.id, { onDelete: "cascade" }),
    status: text("status").notNull(),
    note: text("note"),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("startup_application_events_app_idx").on(t.applicationId)],
);

// ---------------------------------------------------------------- review

export const rubricCriteria = pgTable(
  "rubric_criteria",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    weight: integer("weight").notNull().default(1),
    maxScore: integer("max_score").notNull().default(10),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index("rubric_criteria_org_idx").on(t.organizationId),
    check("rubric_weight_positive", sql`${t.weight} > 0 AND ${t.maxScore} > 0`),
  ],
);

export const applicationReviewers = pgTable(
  "application_reviewers",
  {
    applicationId: uuid("application_id")
      .notNull()
      .references(() => startupApplications.id, { onDelete: "cascade" }),
    reviewerUserId: uuid("reviewer_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.reviewerUserId] }), index("application_reviewers_user_idx").on(t.reviewerUserId)],
);

export const applicationScores = pgTable(
  "application_scores",
  {
    applicationId: uuid("application_id")
      .notNull()
      .references(() => startupApplications.id, { onDelete: "cascade" }),
    reviewerUserId: uuid("reviewer_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    criterionId: uuid("criterion_id")
      .notNull()
      .references(() => rubricCriteria.id, { onDelete: "cascade" }),
    score: integer("score").notNull(),
    comment: text("comment"),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.reviewerUserId, t.criterionId] }), check("score_non_negative", sql`${t.score} >= 0`)],
);

// ---------------------------------------------------------------- onboarding

/** The checklist a park defines; acceptance copies it into onboarding_tasks for the founder. */
export const onboardingTemplateItems = pgTable("onboarding_template_items", {
  id: uuid("id").primaryKey().defaultRandom(),
  organizationId: uuid("organization_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" }),
  title: text("title").notNull(),
  owner: taskOwner("owner").notNull(),
  /** Due this many days after the start date. */
  dueDays: integer("due_days").notNull().default(7),
  evidenceRequired: boolean("evidence_required").notNull().default(false),
  position: integer("position").notNull().default(0),
  createdAt: createdAt(),
});

export const onboardingTasks = pgTable(
  "onboarding_tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => startupApplications.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    owner: taskOwner("owner").notNull(),
    dueDate: date("due_date").notNull(),
    evidenceRequired: boolean("evidence_required").notNull().default(false),
    evidencePath: text("evidence_path"),
    evidenceName: text("evidence_name"),
    doneAt: timestamp("done_at", { withTimezone: true }),
    doneByUserId: uuid("done_by_user_id").references(() => users.id, { onDelete: "set null" }),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("onboarding_tasks_app_idx").on(t.applicationId)],
);

// ---------------------------------------------------------------- mentoring

export const mentors = pgTable(
  "mentors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** A park member or an invited person with an account; null for a mentor without one yet. */
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    title: text("title").notNull().default(""),
    expertise: text("expertise").array().notNull().default(sql`'{}'::text[]`),
    bio: text("bio").notNull().default(""),
    email: text("email"),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index("mentors_org_idx").on(t.organizationId)],
);

export const mentorSlots = pgTable(
  "mentor_slots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mentorId: uuid("mentor_id")
      .notNull()
      .references(() => mentors.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    minutes: integer("minutes").notNull().default(60),
    place: text("place"),
    cancelled: boolean("cancelled").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("mentor_slots_unique").on(t.mentorId, t.startsAt),
    check("mentor_slot_minutes", sql`${t.minutes} > 0 AND ${t.minutes} <= 480`),
  ],
);

export const mentorBookings = pgTable(
  "mentor_bookings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slotId: uuid("slot_id")
      .notNull()
      .references(() => mentorSlots.id, { onDelete: "cascade" }),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => startupApplications.id, { onDelete: "cascade" }),
    minutes: integer("minutes").notNull(),
    topic: text("topic").notNull().default(""),
    /** The note written afterwards (by the mentor or the park). */
    note: text("note"),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  // One live booking per slot: a cancelled booking frees the slot.
  (t) => [
    uniqueIndex("mentor_bookings_live_slot").on(t.slotId).where(sql`${t.cancelledAt} is null`),
    index("mentor_bookings_app_idx").on(t.applicationId),
  ],
);

// ---------------------------------------------------------------- places and money

/** A place held for an accepted founder until they pay (converted) or the hold lapses (released). */
export const capacityHolds = pgTable(
  "capacity_holds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    packageId: uuid("package_id")
      .notNull()
      .references(() => incubatorPackages.id, { onDelete: "cascade" }),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => startupApplications.id, { onDelete: "cascade" }),
    status: holdStatus("status").notNull().default("held"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("capacity_holds_live_app").on(t.applicationId).where(sql`${t.status} <> 'released'`),
    index("capacity_holds_due_idx").on(t.status, t.expiresAt),
  ],
);

export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => startupApplications.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    provider: paymentProvider("provider").notNull(),
    status: paymentStatus("status").notNull().default("pending"),
    amountFen: fen("amount_fen").notNull(),
    refundedFen: fen("refunded_fen").notNull().default(0),
    currency: text("currency").notNull().default("CNY"),
    /** What the founder writes on the bank transfer; unique per payment. */
    reference: text("reference").notNull().unique(),
    stripeSessionId: text("stripe_session_id").unique(),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    checkoutUrl: text("checkout_url"),
    proofPath: text("proof_path"),
    proofName: text("proof_name"),
    confirmedByUserId: uuid("confirmed_by_user_id").references(() => users.id, { onDelete: "set null" }),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    approvedByUserId: uuid("approved_by_user_id").references(() => users.id, { onDelete: "set null" }),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    receiptNumber: text("receipt_number").unique(),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    /** Fulfilment ran (the place was converted and the founder mailed) — once. */
    fulfilledAt: timestamp("fulfilled_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("payments_app_idx").on(t.applicationId),
    index("payments_org_idx").on(t.organizationId, t.status),
    check("payments_amounts", sql`${t.amountFen} >= 0 AND ${t.refundedFen} >= 0 AND ${t.refundedFen} <= ${t.amountFen}`),
  ],
);
export type Payment = typeof payments.$inferSelect;

export const refunds = pgTable(
  "refunds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    paymentId: uuid("payment_id")
      .notNull()
      .references(() => payments.id, { onDelete: "cascade" }),
    amountFen: fen("amount_fen").notNull(),
    status: refundStatus("status").notNull().default("pending"),
    reason: text("reason").notNull().default(""),
    stripeRefundId: text("stripe_refund_id").unique(),
    requestedByUserId: uuid("requested_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("refunds_payment_idx").on(t.paymentId), check("refund_amount_positive", sql`${t.amountFen} > 0`)],
);

export const fapiaoRequests = pgTable("fapiao_requests", {
  id: uuid("id").primaryKey().defaultRandom(),
  paymentId: uuid("payment_id")
    .notNull()
    .unique()
    .references(() => payments.id, { onDelete: "cascade" }),
  buyerName: text("buyer_name").notNull(),
  /** 纳税人识别号 (unified social credit code). */
  taxId: text("tax_id").notNull(),
  addressPhone: text("address_phone"),
  bankAccount: text("bank_account"),
  email: text("email").notNull(),
  status: text("status").notNull().default("requested"), // requested | issued
  invoiceNumber: text("invoice_number"),
  issuedAt: timestamp("issued_at", { withTimezone: true }),
  issuedByUserId: uuid("issued_by_user_id").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
});

/** Each Stripe event applied once: inserted in the same transaction as its effect. */
export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

// ---------------------------------------------------------------- founder metrics

export const ventureMetrics = pgTable(
  "venture_metrics",
  {
    ventureId: uuid("venture_id")
      .notNull()
      .references(() => ventures.id, { onDelete: "cascade" }),
    /** YYYY-MM. */
    month: text("month").notNull(),
    revenueFen: fen("revenue_fen").notNull().default(0),
    jobsCreated: integer("jobs_created").notNull().default(0),
    veteransHired: integer("veterans_hired").notNull().default(0),
    fundingRaisedFen: fen("funding_raised_fen").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.ventureId, t.month] }),
    check("venture_metrics_non_negative", sql`${t.revenueFen} >= 0 AND ${t.jobsCreated} >= 0 AND ${t.veteransHired} >= 0 AND ${t.veteransHired} <= ${t.jobsCreated} AND ${t.fundingRaisedFen} >= 0`),
  ],
);
