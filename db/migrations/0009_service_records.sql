CREATE TABLE "follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"veteran_profile_id" uuid NOT NULL,
	"source" text NOT NULL,
	"application_id" uuid,
	"venture_id" uuid,
	"region_code" text NOT NULL,
	"month" integer NOT NULL,
	"placed_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"done_by_user_id" uuid,
	"still_employed" boolean,
	"satisfied" boolean,
	"needs" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follow_ups_month" CHECK ("follow_ups"."month" in (1, 3, 6))
);
--> statement-breakpoint
CREATE TABLE "service_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"veteran_profile_id" uuid NOT NULL,
	"station_id" uuid,
	"staff_user_id" uuid,
	"region_code" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"need" text DEFAULT '' NOT NULL,
	"action" text DEFAULT '' NOT NULL,
	"follow_up_on" date,
	"assisted_application_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_veteran_profile_id_veteran_profiles_id_fk" FOREIGN KEY ("veteran_profile_id") REFERENCES "public"."veteran_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_venture_id_ventures_id_fk" FOREIGN KEY ("venture_id") REFERENCES "public"."ventures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_done_by_user_id_users_id_fk" FOREIGN KEY ("done_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_veteran_profile_id_veteran_profiles_id_fk" FOREIGN KEY ("veteran_profile_id") REFERENCES "public"."veteran_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_station_id_organizations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_staff_user_id_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_assisted_application_id_applications_id_fk" FOREIGN KEY ("assisted_application_id") REFERENCES "public"."applications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "follow_ups_application_month" ON "follow_ups" USING btree ("application_id","month");--> statement-breakpoint
CREATE INDEX "follow_ups_region_due_idx" ON "follow_ups" USING btree ("region_code","due_at");--> statement-breakpoint
CREATE INDEX "service_records_region_idx" ON "service_records" USING btree ("region_code","occurred_at");--> statement-breakpoint
CREATE INDEX "service_records_profile_idx" ON "service_records" USING btree ("veteran_profile_id");--> statement-breakpoint
CREATE INDEX "application_events_status_idx" ON "application_events" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "application_events_application_idx" ON "application_events" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "applications_profile_idx" ON "applications" USING btree ("veteran_profile_id","created_at");