CREATE TABLE "check_screenshots" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "check_screenshots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"monitor_id" uuid NOT NULL,
	"region" text NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"error" text,
	"image" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "check_screenshots" ADD CONSTRAINT "check_screenshots_monitor_id_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."monitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "check_screenshots_monitor_id_taken_at_index" ON "check_screenshots" USING btree ("monitor_id","taken_at" DESC NULLS LAST);