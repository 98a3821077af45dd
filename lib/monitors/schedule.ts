import { CronExpressionParser } from "cron-parser";

// Aliases a heartbeat may use; "@secondly" is left out: nothing pings every second.
const CRON_ALIASES = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@hourly", "@weekdays", "@weekends", "@minutely"]);

/** A valid IANA time zone (or UTC) as this runtime's ICU knows it. */
export function isValidTimezone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks a five-field cron expression (minute hour day-of-month month day-of-week) or an alias and
 * returns a human message when it is unusable, else null. cron-parser alone accepts four fields or
 * an empty string, so the field count is checked here first.
 */
export function cronProblem(expr: string, minGapSeconds: number, timezone = "UTC"): string | null {
  const trimmed = expr.trim();
  if (trimmed === "") return "Enter a cron expression, e.g. 0 3 * * *";
  if (trimmed.startsWith("@")) {
    if (!CRON_ALIASES.has(trimmed.toLowerCase())) return `Unknown cron alias ${trimmed.slice(0, 20)}`;
  } else if (trimmed.split(/\s+/).length !== 5) {
    return "A cron expression has five fields: minute hour day-of-month month day-of-week";
  }
  let next: Date[];
  try {
    const it = CronExpressionParser.parse(trimmed, { tz: timezone, strict: false });
    next = [0, 1, 2, 3, 4].map(() => it.next().toDate());
  } catch (err) {
    const reason = err instanceof Error ? err.message.slice(0, 120) : "unreadable";
    return `Not a valid cron expression (${reason})`;
  }
  for (let i = 1; i < next.length; i++) {
    if ((next[i].getTime() - next[i - 1].getTime()) / 1000 < minGapSeconds) {
      return `The schedule must not fire more often than every ${minGapSeconds} seconds`;
    }
  }
  return null;
}

/** "86400" → "1 day", for messages. */
export function describeSeconds(s: number): string {
  if (s % 86_400 === 0) return s === 86_400 ? "1 day" : `${s / 86_400} days`;
  if (s % 3600 === 0) return s === 3600 ? "1 hour" : `${s / 3600} hours`;
  if (s % 60 === 0 && s >= 60) return s === 60 ? "1 minute" : `${s / 60} minutes`;
  return s === 1 ? "1 second" : `${s} seconds`;
}
