import { z } from "zod";
import { cronProblem, isValidTimezone } from "../monitors/schedule";

export const MAX_DURATION_MINUTES = 7 * 24 * 60;
// Occurrences closer together than this would make a monitor's maintenance nearly permanent by accident.
const MIN_RECURRENCE_GAP_SECONDS = 3600;

const Recurrence = z
  .object({
    cron: z.string().trim().min(1, "Enter a cron expression, e.g. 0 2 * * 0"),
    timezone: z.string().trim().default("UTC"),
    durationMinutes: z
      .number({ message: "A duration in minutes" })
      .int("Whole minutes")
      .min(1, "At least 1 minute")
      .max(MAX_DURATION_MINUTES, `At most ${MAX_DURATION_MINUTES} minutes (7 days)`),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (!isValidTimezone(r.timezone)) {
      ctx.addIssue({ code: "custom", path: ["timezone"], message: "Unknown timezone (use an IANA name like Europe/Berlin)" });
      return;
    }
    const problem = cronProblem(r.cron, MIN_RECURRENCE_GAP_SECONDS, r.timezone);
    if (problem) ctx.addIssue({ code: "custom", path: ["cron"], message: problem });
  });

// A date-time string (or a stored Date, when a PATCH is merged): coercing anything else would read 42 as
// 1970 and ["2026-…"] as that date.
const When = z.union([z.date(), z.string().max(64)], { message: "A date and time (ISO 8601)" }).pipe(z.coerce.date({ message: "A date and time (ISO 8601)" }));

const Fields = z
  .object({
    title: z.string().trim().min(1, "A title is required").max(120, "At most 120 characters"),
    description: z
      .string()
      .trim()
      .max(2000, "At most 2000 characters")
      .nullish()
      .transform((v) => v || null),
    monitorIds: z
      .array(z.string().uuid("Not a monitor id"))
      .min(1, "Choose at least one monitor")
      .max(500, "At most 500 monitors")
      .transform((ids) => [...new Set(ids)]),
    startsAt: When,
    endsAt: When,
    recurrence: Recurrence.nullish().transform((v) => v ?? null),
  })
  .strict();

function checkTimes(v: { startsAt?: Date; endsAt?: Date; recurrence?: { durationMinutes: number } | null }, ctx: z.RefinementCtx) {
  if (v.startsAt && v.endsAt && v.endsAt <= v.startsAt) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "The window must end after it starts" });
}

export const CreateMaintenanceWindowInput = Fields.superRefine(checkTimes);
export type CreateMaintenanceWindowInput = z.input<typeof CreateMaintenanceWindowInput>;

/** PATCH: the merged result (stored row + changes) is validated again with the create schema. */
export const UpdateMaintenanceWindowInput = Fields.partial().strict();
export type UpdateMaintenanceWindowInput = z.input<typeof UpdateMaintenanceWindowInput>;
