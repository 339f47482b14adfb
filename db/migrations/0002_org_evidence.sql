ALTER TABLE "organizations" ADD COLUMN "credit_code" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "licence_path" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "licence_mime" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "licence_filename" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "licence_bytes" integer;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "licence_uploaded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "veteran_profiles" ADD COLUMN "preferential_card_encrypted" text;--> statement-breakpoint
ALTER TABLE "veteran_profiles" ADD COLUMN "veteran_status_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "veteran_profiles" ADD COLUMN "veteran_status_verified_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_credit_code_unique" UNIQUE("credit_code");