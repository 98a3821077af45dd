import { z } from "zod";
import { STATUS_PAGE_INCIDENT_IMPACTS, STATUS_PAGE_INCIDENT_STATUSES } from "../../db/schema";

const Message = z.string().trim().min(1, "Write what is happening").max(5000, "At most 5000 characters");
const Status = z.enum(STATUS_PAGE_INCIDENT_STATUSES, { message: "investigating, identified, monitoring or resolved" });

export const PostIncidentInput = z
  .object({
    title: z.string().trim().min(1, "A title is required").max(200, "At most 200 characters"),
    impact: z.enum(STATUS_PAGE_INCIDENT_IMPACTS, { message: "none, minor, major or critical" }),
    status: Status.default("investigating"),
    message: Message,
    monitorIds: z
      .array(z.string().uuid("Not a monitor id"))
      .max(100, "At most 100 services")
      .default([])
      .transform((ids) => [...new Set(ids)]),
  })
  .strict();
export type PostIncidentInput = z.input<typeof PostIncidentInput>;

export const IncidentUpdateInput = z.object({ status: Status, message: Message }).strict();
export type IncidentUpdateInput = z.input<typeof IncidentUpdateInput>;
