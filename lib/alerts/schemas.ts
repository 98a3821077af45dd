import { z } from "zod";
import { ALERT_CHANNEL_TYPES } from "../db/schema/enums";

/**
 * The parts of an alert channel every type shares. `target`, `config` and `secrets` are only checked
 * here for their outer shape: the type's module (lib/alerts/channel-types/) validates what is inside,
 * see settings.ts.
 */
export const MAX_CHANNEL_SECRETS = 10;
export const MAX_SECRET_INPUT_LENGTH = 4096;

export const AlertChannelType = z.enum(ALERT_CHANNEL_TYPES, { error: `Type must be one of ${ALERT_CHANNEL_TYPES.join(", ")}` });

const Name = z.string({ error: "Name must be text" }).trim().max(100, "Name must be at most 100 characters");
const MonitorIds = z.array(z.uuid({ message: "Monitor ids must be UUIDs" }), { error: "Monitor ids must be a list" }).max(500, "At most 500 monitors");
const Config = z.record(z.string(), z.unknown(), { error: "Config must be an object" });
/** Values are text; `null` (PATCH only) clears an optional secret. The type's module caps each one. */
const Secrets = z
  .record(
    z.string(),
    z.union([z.string().max(MAX_SECRET_INPUT_LENGTH, `A secret must be at most ${MAX_SECRET_INPUT_LENGTH} characters`), z.null()], {
      error: "Secrets must be text (or null to clear)",
    }),
    { error: "Secrets must be an object of name → text" },
  )
  .refine((s) => Object.keys(s).length <= MAX_CHANNEL_SECRETS, `At most ${MAX_CHANNEL_SECRETS} secrets`);
const Muted = z.boolean({ error: "Muted must be true or false" });

export const CreateAlertChannelInput = z.strictObject({
  type: AlertChannelType.default("email"),
  name: Name.default(""),
  target: z.unknown().optional(),
  monitorIds: MonitorIds.default([]),
  config: Config.default({}),
  secrets: Secrets.default({}),
  muted: Muted.default(false),
});
export type CreateAlertChannelInput = z.input<typeof CreateAlertChannelInput>;

/** PATCH: every field optional; `type` only as its current value (a channel's type can't change). */
export const UpdateAlertChannelInput = z
  .strictObject({ type: AlertChannelType, name: Name, target: z.unknown(), monitorIds: MonitorIds, config: Config, secrets: Secrets, muted: Muted })
  .partial();
export type UpdateAlertChannelInput = z.input<typeof UpdateAlertChannelInput>;
