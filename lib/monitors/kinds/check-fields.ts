import type { Monitor } from "../../db/schema";
import { ValidationError } from "../../errors";
import { checkFields } from "../schema";
import { describeSeconds } from "../schedule";
import { num, str } from "./form-codec";

/** Create defaults of the fields every checked kind shares (interval, timeout, regions, thresholds). */
export const checkCreateFields = {
  intervalSeconds: checkFields.intervalSeconds.default(60),
  // Default depends on the interval: filled in by finishCheckFields.
  timeoutSeconds: checkFields.timeoutSeconds.optional(),
  regions: checkFields.regions.default([]),
  failureThreshold: checkFields.failureThreshold.default(1),
  recoveryThreshold: checkFields.recoveryThreshold.default(1),
};

export type CheckValues = { intervalSeconds: number; timeoutSeconds: number; regions: string[]; failureThreshold: number; recoveryThreshold: number };

/** The timeout defaults to 10 s (less for short intervals) and must be shorter than the interval. */
export function finishCheckFields<T extends { intervalSeconds: number; timeoutSeconds?: number | undefined }>(v: T): T & { timeoutSeconds: number } {
  const timeoutSeconds = v.timeoutSeconds ?? Math.max(1, Math.min(10, v.intervalSeconds - 1));
  if (timeoutSeconds >= v.intervalSeconds) {
    throw new ValidationError("Some fields are invalid", {
      timeoutSeconds: `Timeout must be shorter than the interval (${describeSeconds(v.intervalSeconds)})`,
    });
  }
  return { ...v, timeoutSeconds };
}

/** Stored columns, API fields and create input are the same five names. */
export function checkColumns(v: CheckValues): CheckValues {
  return {
    intervalSeconds: v.intervalSeconds,
    timeoutSeconds: v.timeoutSeconds,
    regions: v.regions,
    failureThreshold: v.failureThreshold,
    recoveryThreshold: v.recoveryThreshold,
  };
}
export const checkFromRow = (row: Monitor): CheckValues => checkColumns(row);

export type CheckFormValues = { intervalSeconds: string; timeoutSeconds: string; regions: string[]; failureThreshold: string; recoveryThreshold: string };

export const checkForm = {
  defaults: { intervalSeconds: "60", timeoutSeconds: "", regions: [], failureThreshold: "1", recoveryThreshold: "1" } as CheckFormValues,
  read: (fd: FormData): CheckFormValues => ({
    intervalSeconds: str(fd, "intervalSeconds"),
    timeoutSeconds: str(fd, "timeoutSeconds"),
    regions: fd.getAll("regions").map(String),
    failureThreshold: str(fd, "failureThreshold"),
    recoveryThreshold: str(fd, "recoveryThreshold"),
  }),
  input: (v: CheckFormValues) => ({
    intervalSeconds: num(v.intervalSeconds),
    timeoutSeconds: num(v.timeoutSeconds),
    regions: v.regions,
    failureThreshold: num(v.failureThreshold),
    recoveryThreshold: num(v.recoveryThreshold),
  }),
  fromRow: (m: Monitor): CheckFormValues => ({
    intervalSeconds: String(m.intervalSeconds),
    timeoutSeconds: String(m.timeoutSeconds),
    regions: m.regions,
    failureThreshold: String(m.failureThreshold),
    recoveryThreshold: String(m.recoveryThreshold),
  }),
};

/** The summary of failures every kind shares (network-level errors), or null to let the kind say more. */
export function commonFailureSummary(errorClass: string | null, timeoutSeconds: number): string | null {
  switch (errorClass) {
    case "timeout":
      return `Timed out after ${timeoutSeconds} s`;
    case "refused":
      return "Connection refused";
    case "reset":
      return "Connection reset";
    case "blocked":
      return "Blocked address";
    default:
      return null;
  }
}
