import { z } from "zod";
import { STATUS_PAGE_INCIDENT_IMPACTS, STATUS_PAGE_INCIDENT_STATUSES } from "../../db/schema";

const Message = z.string().trim().min(1, "Write what is happening").max(5000, "At most 5000 characters");
const Title = z.string().trim().min(1, "A title is required").max(200, "At most 200 characters");
const Impact = z.enum(STATUS_PAGE_INCIDENT_IMPACTS, { message: "none, minor, major or critical" });
const MonitorIds = z
  .array(z.string().uuid("Not a monitor id"))
  .max(100, "At most 100 services")
  .transform((ids) => [...new Set(ids)]);
// Automatic incidents this posted one explains: shown under it on the public page instead of on their own.
const LinkedIncidentIds = z
  .array(z.string().uuid("Not an incident id"))
  .max(100, "At most 100 linked incidents")
  .transform((ids) => [...new Set(ids)]);
const Status = z.enum(STATUS_PAGE_INCIDENT_STATUSES, { message: "investigating, identified, monitoring or resolved" });

export const PostIncidentInput = z
  .object({
    title: Title,
    impact: Impact,
    status: Status.default("investigating"),
    message: Message,
    monitorIds: MonitorIds.default([]),
    linkedIncidentIds: LinkedIncidentIds.default([]),
  })
  .strict();
export type PostIncidentInput = z.input<typeof PostIncidentInput>;

export const IncidentUpdateInput = z.object({ status: Status, message: Message }).strict();
export type IncidentUpdateInput = z.input<typeof IncidentUpdateInput>;

/** PATCH: only the fields sent change; status and messages change through updates. */
export const EditIncidentInput = z.object({ title: Title, impact: Impact, monitorIds: MonitorIds, linkedIncidentIds: LinkedIncidentIds }).partial().strict();
export type EditIncidentInput = z.input<typeof EditIncidentInput>;
