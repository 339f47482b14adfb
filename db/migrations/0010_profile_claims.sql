CREATE TABLE "profile_claim_codes" (
	"id" serial PRIMARY KEY NOT NULL,
	"veteran_profile_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"created_by_user_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "profile_claim_codes_code_hash_unique" UNIQUE("code_hash")
);
--> statement-breakpoint
ALTER TABLE "veteran_profiles" ADD COLUMN "national_id_hash" text;--> statement-breakpoint
ALTER TABLE "profile_claim_codes" ADD CONSTRAINT "profile_claim_codes_veteran_profile_id_veteran_profiles_id_fk" FOREIGN KEY ("veteran_profile_id") REFERENCES "public"."veteran_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_claim_codes" ADD CONSTRAINT "profile_claim_codes_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "profile_claim_codes_profile_idx" ON "profile_claim_codes" USING btree ("veteran_profile_id");--> statement-breakpoint
CREATE INDEX "veteran_profiles_national_id_hash_idx" ON "veteran_profiles" USING btree ("national_id_hash");