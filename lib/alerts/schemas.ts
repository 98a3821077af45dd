import { z } from "zod";

export const CreateAlertChannelInput = z
  .object({
    type: z.literal("email").default("email"),
    target: z.string().trim().toLowerCase().pipe(z.email({ message: "Enter a valid email address" })),
    monitorIds: z.array(z.uuid({ message: "Monitor ids must be UUIDs" })).max(500).default([]),
  })
  .strict();
export type CreateAlertChannelInput = z.infer<typeof CreateAlertChannelInput>;
