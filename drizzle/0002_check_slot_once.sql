-- Repeats stored before this index existed (a job re-run after a Redis outage): keep the first of each slot.
DELETE FROM "check_results" a USING "check_results" b
WHERE a."scheduled_at" IS NOT NULL AND a."monitor_id" = b."monitor_id" AND a."region" = b."region"
  AND a."scheduled_at" = b."scheduled_at" AND a."id" > b."id";
--> statement-breakpoint
CREATE UNIQUE INDEX "check_results_slot_once" ON "check_results" USING btree ("monitor_id","region","scheduled_at") WHERE "check_results"."scheduled_at" is not null;
