CREATE TYPE "public"."capacity_hold_status" AS ENUM('held', 'converted', 'released');--> statement-breakpoint
CREATE TYPE "public"."incubator_package_kind" AS ENUM('workspace', 'mentoring', 'training', 'bundle');--> statement-breakpoint
CREATE TYPE "public"."incubator_package_status" AS ENUM('draft', 'published', 'closed');--> statement-breakpoint
CREATE TYPE "public"."payment_provider" AS ENUM('stripe', 'offline');--> statement-breakpoint
CREATE TYPE "public"."payment_status" AS ENUM('pending', 'proof_uploaded', 'awaiting_approval', 'paid', 'failed', 'expired', 'cancelled', 'refunded', 'partially_refunded');--> statement-breakpoint
CREATE TYPE "public"."refund_status" AS ENUM('pending', 'requires_action', 'succeeded', 'failed', 'canceled');--> statement-breakpoint
CREATE TYPE "public"."startup_application_status" AS ENUM('submitted', 'in_review', 'accepted', 'waitlisted', 'declined', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."incubator_subsidy_kind" AS ENUM('none', 'amount', 'percent');--> statement-breakpoint
CREATE TYPE "public"."onboarding_task_owner" AS ENUM('founder', 'park');--> statement-breakpoint
CREATE TYPE "public"."venture_stage" AS ENUM('idea', 'registered', 'trading');--> statement-breakpoint
CREATE TABLE "application_reviewers" (
	"application_id" uuid NOT NULL,
	"reviewer_user_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_reviewers_application_id_reviewer_user_id_pk" PRIMARY KEY("application_id","reviewer_user_id")
);
--> statement-breakpoint
CREATE TABLE "application_scores" (
	"application_id" uuid NOT NULL,
	"reviewer_user_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"comment" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_scores_application_id_reviewer_user_id_criterion_id_pk" PRIMARY KEY("application_id","reviewer_user_id","criterion_id"),
	CONSTRAINT "score_non_negative" CHECK ("application_scores"."score" >= 0)
);
--> statement-breakpoint
CREATE TABLE "capacity_holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"package_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"status" "capacity_hold_status" DEFAULT 'held' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fapiao_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"buyer_name" text NOT NULL,
	"tax_id" text NOT NULL,
	"address_phone" text,
	"bank_account" text,
	"email" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"invoice_number" text,
	"issued_at" timestamp with time zone,
	"issued_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fapiao_requests_payment_id_unique" UNIQUE("payment_id")
);
--> statement-breakpoint
CREATE TABLE "incubator_packages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"external_id" text,
	"kind" "incubator_package_kind" NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"region_code" text NOT NULL,
	"capacity" integer NOT NULL,
	"places_taken" integer DEFAULT 0 NOT NULL,
	"desks" integer,
	"mentoring_hours" integer DEFAULT 0 NOT NULL,
	"term_months" integer NOT NULL,
	"price_fen" bigint NOT NULL,
	"subsidy_kind" "incubator_subsidy_kind" DEFAULT 'none' NOT NULL,
	"subsidy_value" integer DEFAULT 0 NOT NULL,
	"subsidy_payer" text,
	"requirements" text DEFAULT '' NOT NULL,
	"intake_dates" text[] DEFAULT '{}'::text[] NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"status" "incubator_package_status" DEFAULT 'published' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incubator_packages_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "incubator_places_within_capacity" CHECK ("incubator_packages"."places_taken" >= 0 AND "incubator_packages"."places_taken" <= "incubator_packages"."capacity"),
	CONSTRAINT "incubator_price_non_negative" CHECK ("incubator_packages"."price_fen" >= 0),
	CONSTRAINT "incubator_subsidy_value" CHECK ("incubator_packages"."subsidy_value" >= 0 AND ("incubator_packages"."subsidy_kind" <> 'percent' OR "incubator_packages"."subsidy_value" <= 10000))
);
--> statement-breakpoint
CREATE TABLE "mentor_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slot_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"minutes" integer NOT NULL,
	"topic" text DEFAULT '' NOT NULL,
	"note" text,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentor_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentor_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"minutes" integer DEFAULT 60 NOT NULL,
	"place" text,
	"cancelled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentor_slot_minutes" CHECK ("mentor_slots"."minutes" > 0 AND "mentor_slots"."minutes" <= 480)
);
--> statement-breakpoint
CREATE TABLE "mentors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"expertise" text[] DEFAULT '{}'::text[] NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"email" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "onboarding_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"title" text NOT NULL,
	"owner" "onboarding_task_owner" NOT NULL,
	"due_date" date NOT NULL,
	"evidence_required" boolean DEFAULT false NOT NULL,
	"evidence_path" text,
	"evidence_name" text,
	"done_at" timestamp with time zone,
	"done_by_user_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "onboarding_template_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"title" text NOT NULL,
	"owner" "onboarding_task_owner" NOT NULL,
	"due_days" integer DEFAULT 7 NOT NULL,
	"evidence_required" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "park_settings" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"bank_account_name" text,
	"bank_name" text,
	"bank_account_number" text,
	"approval_threshold_fen" bigint DEFAULT 1000000 NOT NULL,
	"offline_only" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"provider" "payment_provider" NOT NULL,
	"status" "payment_status" DEFAULT 'pending' NOT NULL,
	"amount_fen" bigint NOT NULL,
	"refunded_fen" bigint DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"reference" text NOT NULL,
	"stripe_session_id" text,
	"stripe_payment_intent_id" text,
	"checkout_url" text,
	"proof_path" text,
	"proof_name" text,
	"confirmed_by_user_id" uuid,
	"confirmed_at" timestamp with time zone,
	"approved_by_user_id" uuid,
	"approved_at" timestamp with time zone,
	"receipt_number" text,
	"paid_at" timestamp with time zone,
	"fulfilled_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_reference_unique" UNIQUE("reference"),
	CONSTRAINT "payments_stripe_session_id_unique" UNIQUE("stripe_session_id"),
	CONSTRAINT "payments_receipt_number_unique" UNIQUE("receipt_number"),
	CONSTRAINT "payments_amounts" CHECK ("payments"."amount_fen" >= 0 AND "payments"."refunded_fen" >= 0 AND "payments"."refunded_fen" <= "payments"."amount_fen")
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"status" "refund_status" DEFAULT 'pending' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"stripe_refund_id" text,
	"requested_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refunds_stripe_refund_id_unique" UNIQUE("stripe_refund_id"),
	CONSTRAINT "refund_amount_positive" CHECK ("refunds"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "rubric_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL,
	"max_score" integer DEFAULT 10 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rubric_weight_positive" CHECK ("rubric_criteria"."weight" > 0 AND "rubric_criteria"."max_score" > 0)
);
--> statement-breakpoint
CREATE TABLE "startup_application_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"actor_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "startup_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"package_id" uuid NOT NULL,
	"venture_id" uuid NOT NULL,
	"status" "startup_application_status" DEFAULT 'submitted' NOT NULL,
	"support_wanted" text DEFAULT '' NOT NULL,
	"plan_path" text,
	"plan_name" text,
	"plan_bytes" integer,
	"pitch_at" timestamp with time zone,
	"start_date" date,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"decided_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "venture_metrics" (
	"venture_id" uuid NOT NULL,
	"month" text NOT NULL,
	"revenue_fen" bigint DEFAULT 0 NOT NULL,
	"jobs_created" integer DEFAULT 0 NOT NULL,
	"veterans_hired" integer DEFAULT 0 NOT NULL,
	"funding_raised_fen" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "venture_metrics_venture_id_month_pk" PRIMARY KEY("venture_id","month"),
	CONSTRAINT "venture_metrics_non_negative" CHECK ("venture_metrics"."revenue_fen" >= 0 AND "venture_metrics"."jobs_created" >= 0 AND "venture_metrics"."veterans_hired" >= 0 AND "venture_metrics"."veterans_hired" <= "venture_metrics"."jobs_created" AND "venture_metrics"."funding_raised_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ventures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"founder_user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"stage" "venture_stage" NOT NULL,
	"sector" text NOT NULL,
	"team_size" integer DEFAULT 1 NOT NULL,
	"veterans_in_team" integer DEFAULT 1 NOT NULL,
	"funding_need_fen" bigint DEFAULT 0 NOT NULL,
	"jobs_planned" integer DEFAULT 0 NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"alumni_consent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "application_reviewers" ADD CONSTRAINT "application_reviewers_application_id_startup_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."startup_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_reviewers" ADD CONSTRAINT "application_reviewers_reviewer_user_id_users_id_fk" FOREIGN KEY ("reviewer_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_scores" ADD CONSTRAINT "application_scores_application_id_startup_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."startup_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_scores" ADD CONSTRAINT "application_scores_reviewer_user_id_users_id_fk" FOREIGN KEY ("reviewer_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_scores" ADD CONSTRAINT "application_scores_criterion_id_rubric_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."rubric_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capacity_holds" ADD CONSTRAINT "capacity_holds_package_id_incubator_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."incubator_packages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capacity_holds" ADD CONSTRAINT "capacity_holds_application_id_startup_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."startup_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fapiao_requests" ADD CONSTRAINT "fapiao_requests_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fapiao_requests" ADD CONSTRAINT "fapiao_requests_issued_by_user_id_users_id_fk" FOREIGN KEY ("issued_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incubator_packages" ADD CONSTRAINT "incubator_packages_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incubator_packages" ADD CONSTRAINT "incubator_packages_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_bookings" ADD CONSTRAINT "mentor_bookings_slot_id_mentor_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."mentor_slots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_bookings" ADD CONSTRAINT "mentor_bookings_application_id_startup_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."startup_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_slots" ADD CONSTRAINT "mentor_slots_mentor_id_mentors_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."mentors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentors" ADD CONSTRAINT "mentors_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentors" ADD CONSTRAINT "mentors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_tasks" ADD CONSTRAINT "onboarding_tasks_application_id_startup_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."startup_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_tasks" ADD CONSTRAINT "onboarding_tasks_done_by_user_id_users_id_fk" FOREIGN KEY ("done_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_template_items" ADD CONSTRAINT "onboarding_template_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "park_settings" ADD CONSTRAINT "park_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_application_id_startup_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."startup_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_confirmed_by_user_id_users_id_fk" FOREIGN KEY ("confirmed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_approved_by_user_id_users_id_fk" FOREIGN KEY ("approved_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rubric_criteria" ADD CONSTRAINT "rubric_criteria_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startup_application_events" ADD CONSTRAINT "startup_application_events_application_id_startup_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."startup_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startup_application_events" ADD CONSTRAINT "startup_application_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startup_applications" ADD CONSTRAINT "startup_applications_package_id_incubator_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."incubator_packages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startup_applications" ADD CONSTRAINT "startup_applications_venture_id_ventures_id_fk" FOREIGN KEY ("venture_id") REFERENCES "public"."ventures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startup_applications" ADD CONSTRAINT "startup_applications_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venture_metrics" ADD CONSTRAINT "venture_metrics_venture_id_ventures_id_fk" FOREIGN KEY ("venture_id") REFERENCES "public"."ventures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ventures" ADD CONSTRAINT "ventures_founder_user_id_users_id_fk" FOREIGN KEY ("founder_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_reviewers_user_idx" ON "application_reviewers" USING btree ("reviewer_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "capacity_holds_live_app" ON "capacity_holds" USING btree ("application_id") WHERE "capacity_holds"."status" <> 'released';--> statement-breakpoint
CREATE INDEX "capacity_holds_due_idx" ON "capacity_holds" USING btree ("status","expires_at");--> statement-breakpoint
CREATE INDEX "incubator_packages_org_idx" ON "incubator_packages" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mentor_bookings_live_slot" ON "mentor_bookings" USING btree ("slot_id") WHERE "mentor_bookings"."cancelled_at" is null;--> statement-breakpoint
CREATE INDEX "mentor_bookings_app_idx" ON "mentor_bookings" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mentor_slots_unique" ON "mentor_slots" USING btree ("mentor_id","starts_at");--> statement-breakpoint
CREATE INDEX "mentors_org_idx" ON "mentors" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "onboarding_tasks_app_idx" ON "onboarding_tasks" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "payments_app_idx" ON "payments" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "payments_org_idx" ON "payments" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "refunds_payment_idx" ON "refunds" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "rubric_criteria_org_idx" ON "rubric_criteria" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "startup_application_events_app_idx" ON "startup_application_events" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "startup_applications_unique" ON "startup_applications" USING btree ("package_id","venture_id");--> statement-breakpoint
CREATE INDEX "startup_applications_status_idx" ON "startup_applications" USING btree ("package_id","status");--> statement-breakpoint
CREATE INDEX "ventures_founder_idx" ON "ventures" USING btree ("founder_user_id");