import type { MaintenanceRecurrence, MaintenanceWindow } from "../db/schema";
import { currentOccurrence, currentOrNextOccurrence } from "./occurrences";

export type MaintenanceWindowOut = {
  id: string;
  title: string;
  description: string | null;
  monitorIds: string[];
  startsAt: string;
  endsAt: string;
  recurrence: MaintenanceRecurrence | null;
  active: boolean;
  /** The running occurrence, else the next one (null once a window is over). */
  nextOccurrence: { startsAt: string; endsAt: string } | null;
  createdAt: string;
  updatedAt: string;
};

export function serializeMaintenanceWindow(w: MaintenanceWindow, now = new Date()): MaintenanceWindowOut {
  const next = currentOrNextOccurrence(w, now);
  return {
    id: w.id,
    title: w.title,
    description: w.description,
    monitorIds: w.monitorIds,
    startsAt: w.startsAt.toISOString(),
    endsAt: w.endsAt.toISOString(),
    recurrence: w.recurrence,
    active: currentOccurrence(w, now) !== null,
    nextOccurrence: next ? { startsAt: next.start.toISOString(), endsAt: next.end.toISOString() } : null,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  };
}
