CREATE TYPE "public"."fair_booth_status" AS ENUM('requested', 'approved', 'declined', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."fair_chat_outcome" AS ENUM('follow_up', 'interview_booked', 'offer', 'signed', 'not_a_fit');--> statement-breakpoint
CREATE TYPE "public"."fair_mode" AS ENUM('online', 'on_site', 'hybrid');--> statement-breakpoint
CREATE TYPE "public"."fair_status" AS ENUM('draft', 'published', 'closed');--> statement-breakpoint
CREATE TYPE "public"."fair_queue_status" AS ENUM('waiting', 'called', 'in_chat', 'done', 'left', 'missed');--> statement-breakpoint
CREATE TYPE "public"."fair_rep_status" AS ENUM('available', 'busy', 'away');--> statement-breakpoint
CREATE TABLE "fair_booths" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fair_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"status" "fair_booth_status" DEFAULT 'requested' NOT NULL,
	"request_note" text,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"decided_by_user_id" uuid,
	"intro" text DEFAULT '' NOT NULL,
	"logo_url" text,
	"positions" integer DEFAULT 0 NOT NULL,
	"livestream_url" text,
	"meeting_url" text,
	"posting_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"next_ticket" integer DEFAULT 1 NOT NULL,
	"check_in_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fair_booths_check_in_token_unique" UNIQUE("check_in_token")
);
--> statement-breakpoint
CREATE TABLE "fair_chats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fair_id" uuid NOT NULL,
	"booth_id" uuid NOT NULL,
	"queue_entry_id" uuid,
	"veteran_profile_id" uuid NOT NULL,
	"rep_user_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome" "fair_chat_outcome",
	"notes" text DEFAULT '' NOT NULL,
	"contact_shared_at" timestamp with time zone,
	"sit_in_user_id" uuid,
	"application_id" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "fair_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"fair_id" uuid NOT NULL,
	"audience" text NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fair_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fair_id" uuid NOT NULL,
	"chat_id" uuid,
	"veteran_profile_id" uuid NOT NULL,
	"organization_id" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"result" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fair_host_grants" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"granted_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fair_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"chat_id" uuid NOT NULL,
	"sender_user_id" uuid,
	"sender_role" text NOT NULL,
	"body" text NOT NULL,
	"reported_at" timestamp with time zone,
	"removed_at" timestamp with time zone,
	"removed_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fair_queue_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fair_id" uuid NOT NULL,
	"booth_id" uuid NOT NULL,
	"veteran_profile_id" uuid NOT NULL,
	"ticket" integer NOT NULL,
	"status" "fair_queue_status" DEFAULT 'waiting' NOT NULL,
	"source" text DEFAULT 'online' NOT NULL,
	"missed_calls" integer DEFAULT 0 NOT NULL,
	"called_by_user_id" uuid,
	"called_at" timestamp with time zone,
	"call_expires_at" timestamp with time zone,
	"sort_key" integer NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "fair_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fair_id" uuid NOT NULL,
	"veteran_profile_id" uuid NOT NULL,
	"family_member" boolean DEFAULT false NOT NULL,
	"attended_mode" text,
	"attended_at" timestamp with time zone,
	"walk_in_consent_at" timestamp with time zone,
	"recorded_by_user_id" uuid,
	"barred_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fair_representatives" (
	"booth_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" "fair_rep_status" DEFAULT 'away' NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fair_representatives_booth_id_user_id_pk" PRIMARY KEY("booth_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "fair_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booth_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"booked_by_profile_id" uuid,
	"booked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "job_fairs" ADD COLUMN "created_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "job_fairs" ADD COLUMN "mode" "fair_mode" DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE "job_fairs" ADD COLUMN "venue" text;--> statement-breakpoint
ALTER TABLE "job_fairs" ADD COLUMN "status" "fair_status" DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE "job_fairs" ADD COLUMN "eligible_region_codes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "job_fairs" ADD COLUMN "allow_family" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "job_fairs" ADD COLUMN "booth_limit" integer DEFAULT 50 NOT NULL;--> statement-breakpoint
ALTER TABLE "job_fairs" ADD COLUMN "slot_minutes" integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE "job_fairs" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "job_fairs" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "fair_booths" ADD CONSTRAINT "fair_booths_fair_id_job_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."job_fairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_booths" ADD CONSTRAINT "fair_booths_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_booths" ADD CONSTRAINT "fair_booths_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_chats" ADD CONSTRAINT "fair_chats_fair_id_job_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."job_fairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_chats" ADD CONSTRAINT "fair_chats_booth_id_fair_booths_id_fk" FOREIGN KEY ("booth_id") REFERENCES "public"."fair_booths"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_chats" ADD CONSTRAINT "fair_chats_queue_entry_id_fair_queue_entries_id_fk" FOREIGN KEY ("queue_entry_id") REFERENCES "public"."fair_queue_entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_chats" ADD CONSTRAINT "fair_chats_veteran_profile_id_veteran_profiles_id_fk" FOREIGN KEY ("veteran_profile_id") REFERENCES "public"."veteran_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_chats" ADD CONSTRAINT "fair_chats_rep_user_id_users_id_fk" FOREIGN KEY ("rep_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_chats" ADD CONSTRAINT "fair_chats_sit_in_user_id_users_id_fk" FOREIGN KEY ("sit_in_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_chats" ADD CONSTRAINT "fair_chats_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_events" ADD CONSTRAINT "fair_events_fair_id_job_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."job_fairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_follow_ups" ADD CONSTRAINT "fair_follow_ups_fair_id_job_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."job_fairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_follow_ups" ADD CONSTRAINT "fair_follow_ups_chat_id_fair_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."fair_chats"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_follow_ups" ADD CONSTRAINT "fair_follow_ups_veteran_profile_id_veteran_profiles_id_fk" FOREIGN KEY ("veteran_profile_id") REFERENCES "public"."veteran_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_follow_ups" ADD CONSTRAINT "fair_follow_ups_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_host_grants" ADD CONSTRAINT "fair_host_grants_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_host_grants" ADD CONSTRAINT "fair_host_grants_granted_by_user_id_users_id_fk" FOREIGN KEY ("granted_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_messages" ADD CONSTRAINT "fair_messages_chat_id_fair_chats_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."fair_chats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_messages" ADD CONSTRAINT "fair_messages_sender_user_id_users_id_fk" FOREIGN KEY ("sender_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_messages" ADD CONSTRAINT "fair_messages_removed_by_user_id_users_id_fk" FOREIGN KEY ("removed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_queue_entries" ADD CONSTRAINT "fair_queue_entries_fair_id_job_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."job_fairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_queue_entries" ADD CONSTRAINT "fair_queue_entries_booth_id_fair_booths_id_fk" FOREIGN KEY ("booth_id") REFERENCES "public"."fair_booths"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_queue_entries" ADD CONSTRAINT "fair_queue_entries_veteran_profile_id_veteran_profiles_id_fk" FOREIGN KEY ("veteran_profile_id") REFERENCES "public"."veteran_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_queue_entries" ADD CONSTRAINT "fair_queue_entries_called_by_user_id_users_id_fk" FOREIGN KEY ("called_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_registrations" ADD CONSTRAINT "fair_registrations_fair_id_job_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."job_fairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_registrations" ADD CONSTRAINT "fair_registrations_veteran_profile_id_veteran_profiles_id_fk" FOREIGN KEY ("veteran_profile_id") REFERENCES "public"."veteran_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_registrations" ADD CONSTRAINT "fair_registrations_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_representatives" ADD CONSTRAINT "fair_representatives_booth_id_fair_booths_id_fk" FOREIGN KEY ("booth_id") REFERENCES "public"."fair_booths"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_representatives" ADD CONSTRAINT "fair_representatives_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_slots" ADD CONSTRAINT "fair_slots_booth_id_fair_booths_id_fk" FOREIGN KEY ("booth_id") REFERENCES "public"."fair_booths"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_slots" ADD CONSTRAINT "fair_slots_booked_by_profile_id_veteran_profiles_id_fk" FOREIGN KEY ("booked_by_profile_id") REFERENCES "public"."veteran_profiles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fair_booths_one_per_org" ON "fair_booths" USING btree ("fair_id","organization_id");--> statement-breakpoint
CREATE INDEX "fair_booths_fair_idx" ON "fair_booths" USING btree ("fair_id","status");--> statement-breakpoint
CREATE INDEX "fair_chats_booth_idx" ON "fair_chats" USING btree ("booth_id","status");--> statement-breakpoint
CREATE INDEX "fair_chats_profile_idx" ON "fair_chats" USING btree ("veteran_profile_id");--> statement-breakpoint
CREATE INDEX "fair_events_fair_idx" ON "fair_events" USING btree ("fair_id","audience","id");--> statement-breakpoint
CREATE INDEX "fair_messages_chat_idx" ON "fair_messages" USING btree ("chat_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "fair_queue_ticket_unique" ON "fair_queue_entries" USING btree ("booth_id","ticket");--> statement-breakpoint
CREATE UNIQUE INDEX "fair_queue_one_active" ON "fair_queue_entries" USING btree ("booth_id","veteran_profile_id") WHERE status IN ('waiting', 'called', 'in_chat');--> statement-breakpoint
CREATE INDEX "fair_queue_booth_idx" ON "fair_queue_entries" USING btree ("booth_id","status","sort_key");--> statement-breakpoint
CREATE INDEX "fair_queue_profile_idx" ON "fair_queue_entries" USING btree ("veteran_profile_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "fair_registrations_unique" ON "fair_registrations" USING btree ("fair_id","veteran_profile_id");--> statement-breakpoint
CREATE INDEX "fair_representatives_user_idx" ON "fair_representatives" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fair_slots_booth_start" ON "fair_slots" USING btree ("booth_id","starts_at");--> statement-breakpoint
CREATE INDEX "fair_slots_profile_idx" ON "fair_slots" USING btree ("booked_by_profile_id");--> statement-breakpoint
ALTER TABLE "job_fairs" ADD CONSTRAINT "job_fairs_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_fairs_status_idx" ON "job_fairs" USING btree ("status","starts_at");--> statement-breakpoint
-- Existing fairs keep what they were: online → online, otherwise on site; they were public, so published (closed once over).
UPDATE "job_fairs" SET "mode" = (CASE WHEN "online" THEN 'online' ELSE 'on_site' END)::"fair_mode", "status" = (CASE WHEN "ends_at" < now() THEN 'closed' ELSE 'published' END)::"fair_status", "published_at" = "created_at";--> statement-breakpoint
ALTER TABLE "job_fairs" DROP COLUMN "online";