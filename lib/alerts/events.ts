import type { AlertEvent } from "../db/schema/enums";

/** Stored event name → the name on the wire (webhook body, Vigil-Event header, chat formats). */
export const WIRE_EVENTS: Record<AlertEvent, string> = {
  opened: "incident.opened",
  resolved: "incident.resolved",
  flapping: "incident.flapping",
  reminder: "incident.reminder",
  acknowledged: "incident.acknowledged",
  certificate_expiring: "certificate.expiring",
  maintenance_started: "maintenance.started",
  maintenance_ended: "maintenance.ended",
  test: "test",
};

export function wireEvent(e: AlertEvent): string {
  return WIRE_EVENTS[e];
}
