import type { StatusPageIncident, StatusPageIncidentUpdate } from "../../db/schema";

export type StatusPageIncidentOut = {
  id: string;
  title: string;
  impact: StatusPageIncident["impact"];
  status: StatusPageIncident["status"];
  monitorIds: string[];
  linkedIncidentIds: string[];
  updates: { status: StatusPageIncidentUpdate["status"]; message: string; createdAt: string }[];
  createdAt: string;
  resolvedAt: string | null;
};

/** Updates newest first, as a timeline reads. */
export function serializeStatusPageIncident(i: StatusPageIncident, updates: StatusPageIncidentUpdate[]): StatusPageIncidentOut {
  return {
    id: i.id,
    title: i.title,
    impact: i.impact,
    status: i.status,
    monitorIds: i.monitorIds,
    linkedIncidentIds: i.linkedIncidentIds,
    updates: [...updates]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map((u) => ({ status: u.status, message: u.message, createdAt: u.createdAt.toISOString() })),
    createdAt: i.createdAt.toISOString(),
    resolvedAt: i.resolvedAt?.toISOString() ?? null,
  };
}
