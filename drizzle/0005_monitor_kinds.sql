ALTER TABLE "monitors" ADD COLUMN "settings" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "check_results" ADD COLUMN "detail" jsonb;