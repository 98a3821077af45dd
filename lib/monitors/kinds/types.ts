import type { z } from "zod";
import type { Monitor, MonitorType, NewMonitor } from "../../db/schema";
import type { CheckLane } from "../../queue/connection";
import type { CheckRunResult, TimingPhase } from "../../results/types";

/** Common to every kind: stored in their own columns, validated once (lib/monitors/schema.ts). */
export type CommonValues = { name: string; muted: boolean; remindEveryMinutes: number | null };

/** A flat bag of form values as the browser holds them: strings, booleans, lists (see lib/monitors/form.ts). */
export type FormBag = Record<string, unknown>;

/** What a kind's check runner may be told by the worker (the private-address guard's allowance and who we are). */
export type KindRunnerOptions = { allowPrivate: boolean; allowHosts: readonly string[]; appUrl: string };

/** Runs one check of a monitor of this kind from a region: request in, result out. */
export type KindRunner = (monitor: Monitor, region: string) => Promise<CheckRunResult>;

/**
 * A monitor kind, one module under lib/monitors/kinds/<kind>/ plus a line in registry.ts (and its form
 * section in components/monitors/kinds/). Everything that differs between kinds is here; the scheduler,
 * regions, confirmation, thresholds, incidents, alerts, uptime and charts are shared and never switch on type.
 */
export type MonitorKind<V extends { type: MonitorType } = { type: MonitorType } & Record<string, unknown>> = {
  type: V["type"];
  /** "TCP port": shown in the form's kind picker and the list filter. */
  label: string;
  /** How messages name it: "Port is only for TCP monitors", "Cron is only for heartbeat monitors". */
  noun: string;
  /** One line explaining what the kind watches, under its name in the form. */
  hint: string;
  /** Checked on an interval from the regions by the check workers (false: heartbeat, which is pinged). */
  checked: boolean;
  /** Which queue of a region runs its checks: "browser" kinds only on workers started with WORKER_BROWSER=true. */
  lane?: CheckLane;
  /**
   * The phases its checks time, in order: the monitor page's breakdown chart shows exactly these, and no
   * breakdown when there are none (absent: none). Only phases its runner fills, or the chart shows flat zeros.
   */
  timings?: readonly TimingPhase[];
  /** The kind's own fields without defaults: a PATCH may send any of them. Keys are the API's field names. */
  fields: Record<string, z.ZodType>;
  /** Human names of those fields, for messages ("Port is only for TCP monitors"). */
  labels: Record<string, string>;
  /** The full create input: type literal, the common fields and the kind's (with defaults); strict. */
  create: z.ZodType;
  /** Cross-field rules and defaults that depend on other fields → the valid values. Throws ValidationError. */
  finish(parsed: unknown): V & CommonValues;
  /** PATCH merging beyond "sent fields replace stored ones" (a heartbeat switching between period and cron). */
  mergePatch?(merged: Record<string, unknown>, changes: Record<string, unknown>): void;
  /** The columns these values write (the kind's own columns and/or `settings`); common columns are added by the caller. */
  columns(values: V & CommonValues): Partial<NewMonitor>;
  /** A stored row as the kind's create input (without the common fields), so a PATCH can be merged onto it. */
  input(row: Monitor): Record<string, unknown>;
  /** The kind's part of the API's Monitor. */
  api(row: Monitor): Record<string, unknown>;
  /** A heartbeat shows when it was pinged; checked kinds when they were checked. */
  lastCheckedAt?(row: Monitor): Date | null;
  /** The form codec: defaults, reading posted FormData, to the schema input, and from a stored row. */
  form: {
    defaults: FormBag;
    read(fd: FormData): FormBag;
    input(values: FormBag): Record<string, unknown>;
    fromRow(row: Monitor): FormBag;
  };
  /** The check runner (checked kinds only). */
  runner?(opts: KindRunnerOptions): KindRunner;
  /** A short failure text for incident causes and alerts ("HTTP 503", "Connection refused"); null when ok. */
  summary?(result: CheckRunResult, monitor: Monitor): string | null;
  /** What the monitor list shows as its target ("GET https://…", "db.internal:5432"). */
  target(row: Monitor): string;
};
