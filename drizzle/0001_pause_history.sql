ALTER TABLE "monitors" ADD COLUMN "pause_history" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
-- Monitors paused before this migration: their pause starts where the old derivation put it (last check;
-- heartbeats: the later of last ping and last update; never before creation).
UPDATE "monitors" SET "pause_history" = jsonb_build_array(jsonb_build_object(
  'start', to_jsonb(greatest("created_at", CASE WHEN "type" = 'http' THEN coalesce("last_checked_at", "updated_at") ELSE greatest("last_ping_at", "updated_at") END)),
  'end', null))
WHERE "paused";
