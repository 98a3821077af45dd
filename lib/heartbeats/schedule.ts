import { CronExpressionParser } from "cron-parser";

/** What the deadline math needs to know about a heartbeat monitor. */
export type HeartbeatSchedule = {
  periodSeconds: number | null;
  graceSeconds: number | null;
  cron: string | null;
  timezone: string | null;
};

function graceMs(s: HeartbeatSchedule): number {
  return Math.max(0, s.graceSeconds ?? 0) * 1000;
}

/**
 * When the next ping is expected after a ping at `at`: the next cron occurrence strictly after `at`
 * in the monitor's timezone (so "0 3 * * *" stays at 03:00 local across DST), or `at` + period.
 */
export function nextExpectedAt(s: HeartbeatSchedule, at: Date): Date {
  if (s.cron) {
    const expr = CronExpressionParser.parse(s.cron, { currentDate: at, tz: s.timezone || "UTC" });
    return expr.next().toDate();
  }
  const period = Math.max(1, s.periodSeconds ?? 60) * 1000;
  return new Date(at.getTime() + period);
}

/** After a success (or fail) at `at`: late once the next expected ping plus grace has passed. */
export function deadlineAfterPing(s: HeartbeatSchedule, at: Date): Date {
  return new Date(nextExpectedAt(s, at).getTime() + graceMs(s));
}

/** After `/start` at `at`: the run must finish (success or fail) within grace, whatever the schedule says. */
export function deadlineAfterStart(s: HeartbeatSchedule, at: Date): Date {
  return new Date(at.getTime() + Math.max(graceMs(s), 1000));
}

/** Validates a cron expression and timezone; returns an error message or null. */
export function cronError(cron: string, timezone: string | null): string | null {
  try {
    CronExpressionParser.parse(cron, { tz: timezone || "UTC", strict: false });
  } catch (err) {
    return err instanceof Error ? err.message : "Invalid cron expression";
  }
  if (timezone) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: timezone });
    } catch {
      return "Unknown timezone";
    }
  }
  return null;
}
