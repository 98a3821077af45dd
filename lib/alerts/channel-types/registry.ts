import { ALERT_CHANNEL_TYPES, type AlertChannelType } from "../../db/schema/enums";
import { ValidationError, fieldsFromZod } from "../../errors";
import { discord } from "./discord";
import { email } from "./email";
import { mattermost } from "./mattermost";
import { ntfy } from "./ntfy";
import { pagerduty } from "./pagerduty";
import { slack } from "./slack";
import { teams } from "./teams";
import { telegram } from "./telegram";
import type { ChannelTypeModule } from "./types";
import { webhook } from "./webhook";

/** Every channel type Vigil can deliver to: adding one is a module file and a line here. */
export const CHANNEL_TYPES: Record<AlertChannelType, ChannelTypeModule> = { email, webhook, slack, discord, teams, mattermost, telegram, pagerduty, ntfy };

export function isChannelType(type: unknown): type is AlertChannelType {
  return typeof type === "string" && (ALERT_CHANNEL_TYPES as readonly string[]).includes(type);
}

/** The module of a type; an unknown type is a ValidationError on the `type` field. */
export function channelType(type: string): ChannelTypeModule {
  if (!isChannelType(type)) throw new ValidationError("Unknown channel type", { type: `Type must be one of ${ALERT_CHANNEL_TYPES.join(", ")}` });
  return CHANNEL_TYPES[type];
}

export type ChannelSettings = { target: string; config: Record<string, unknown>; secrets: Record<string, string> };

/**
 * Validates a channel's type-specific fields in one go, field messages keyed `target`, `config.*`,
 * `secrets.*`. `stored` is the channel as it is (PATCH): a field left out keeps its value, a secret
 * left out or "" keeps the stored secret. Required secrets are checked after that merge.
 */
export function parseChannelSettings(
  type: string,
  input: { target?: unknown; config?: unknown; secrets?: unknown },
  stored?: ChannelSettings,
): ChannelSettings {
  const mod = channelType(type);
  const fields: Record<string, string> = {};
  const run = <T>(
    key: string,
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } },
    value: unknown,
  ): T | undefined => {
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    for (const [k, msg] of Object.entries(fieldsFromZod(r.error.issues))) fields[k === "_" ? key : `${key}.${k}`] ??= msg;
    return undefined;
  };
  const target = input.target === undefined && stored ? stored.target : run("target", mod.target, input.target ?? (type === "pagerduty" ? "" : undefined));
  const config = input.config === undefined && stored ? stored.config : run("config", mod.config, input.config ?? {});
  const given = run("secrets", mod.secrets, input.secrets ?? {});
  const secrets = { ...(stored?.secrets ?? {}), ...(given ?? {}) };
  for (const name of mod.requiredSecrets) {
    if (!secrets[name] && given) fields[`secrets.${name}`] ??= `${REQUIRED_LABEL[name] ?? name} is required`;
  }
  if (Object.keys(fields).length) throw new ValidationError("Some fields are invalid", fields);
  return { target: target!, config: config!, secrets };
}

const REQUIRED_LABEL: Record<string, string> = { botToken: "Bot token", routingKey: "Routing key" };
