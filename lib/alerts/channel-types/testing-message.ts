import type { AlertEvent } from "../../db/schema/enums";
import type { AlertMessage, ChannelForSend } from "./types";

const WIRE: Record<AlertEvent, string> = {
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

/** Test support: an AlertMessage as the delivery pipeline would build it for an open HTTP incident. */
export function testMessage(event: AlertEvent = "opened", over: Partial<AlertMessage> = {}): AlertMessage {
  const resolved = event === "resolved";
  return {
    event,
    wireEvent: WIRE[event],
    deliveryId: "5b6f2c1e-0d7a-4f4e-9b1a-2f0c7e9d1a11",
    occurredAt: "2026-12-01T10:05:00.000Z",
    severity: resolved ? "resolved" : event === "test" ? "info" : "critical",
    title: resolved ? "RECOVERED: API <prod> & co" : "DOWN: API <prod> & co (HTTP 503 from eu)",
    summary: "API <prod> & co is down: HTTP 503 @here",
    facts: [
      ["Monitor", "API <prod> & co"],
      ["Cause", "HTTP 503"],
      ["Regions", "eu"],
    ],
    monitor: { id: "0f8f7c4e-3c1b-4d7e-8a52-3b0b8f3f9e01", name: "API <prod> & co", type: "http", url: "https://api.example.com/health" },
    incident: {
      id: "9a1d3b6e-7c2f-4f0a-b8e5-6d4c2a1f0e99",
      status: resolved ? "resolved" : "open",
      cause: "HTTP 503",
      startedAt: "2026-12-01T10:00:00.000Z",
      resolvedAt: resolved ? "2026-12-01T10:05:00.000Z" : null,
      regions: ["eu"],
      acknowledgedAt: null,
      acknowledgedBy: null,
    },
    url: "https://vigil.example.com/incidents/9a1d3b6e-7c2f-4f0a-b8e5-6d4c2a1f0e99",
    ackUrl: resolved ? null : "https://vigil.example.com/ack/signed-token",
    ...over,
  };
}

export function testChannel(over: Partial<ChannelForSend> & Pick<ChannelForSend, "type" | "target">): ChannelForSend {
  return { id: "c0c0c0c0-0000-4000-8000-000000000001", name: "test channel", config: {}, secrets: {}, ...over };
}
