import { inArray } from "drizzle-orm";
import { CHECKED_TYPES } from "../monitors/kinds/registry";
import type { Db } from "../db/client";
import { monitors, type Monitor } from "../db/schema";
import type { SchedulableMonitor } from "./schedule";

const schedulable = {
  id: monitors.id,
  type: monitors.type,
  paused: monitors.paused,
  intervalSeconds: monitors.intervalSeconds,
  regions: monitors.regions,
};

/** Every monitor of a checked kind (reconcile source of truth). */
export async function loadSchedulableMonitors(db: Db): Promise<SchedulableMonitor[]> {
  return db.select(schedulable).from(monitors).where(inArray(monitors.type, CHECKED_TYPES));
}

export async function loadSchedulableMonitorsByIds(db: Db, ids: string[]): Promise<SchedulableMonitor[]> {
  if (ids.length === 0) return [];
  return db.select(schedulable).from(monitors).where(inArray(monitors.id, ids));
}

export async function loadMonitorsByIds(db: Db, ids: string[]): Promise<Monitor[]> {
  if (ids.length === 0) return [];
  return db.select().from(monitors).where(inArray(monitors.id, ids));
}
