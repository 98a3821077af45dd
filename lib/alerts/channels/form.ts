import { ALERT_CHANNEL_TYPES, type AlertChannelType } from "../../db/schema/enums";
import type { AlertChannel } from "../../db/schema";

/**
 * The alerts page's channel form as the browser holds it, and its conversion to the API's input.
 * Secrets are never echoed back into the form: an empty secret field means "keep the stored one".
 */
export type ChannelFormValues = {
  type: AlertChannelType;
  name: string;
  target: string;
  scope: "all" | "some";
  monitorIds: string[];
  headers: { name: string; value: string }[];
};

export type ChannelFormState = { attempt: number; fields?: Record<string, string>; message?: string; ok?: boolean; values?: ChannelFormValues };

const str = (fd: FormData, k: string) => {
  const v = fd.get(k);
  return typeof v === "string" ? v : "";
};

export function channelValuesFromFormData(fd: FormData): ChannelFormValues {
  const type = str(fd, "type");
  const names = fd.getAll("headerName").map(String);
  const values = fd.getAll("headerValue").map(String);
  return {
    type: (ALERT_CHANNEL_TYPES as readonly string[]).includes(type) ? (type as AlertChannelType) : "email",
    name: str(fd, "name"),
    target: str(fd, "target"),
    scope: str(fd, "scope") === "some" ? "some" : "all",
    monitorIds: fd.getAll("monitorIds").map(String),
    headers: names.map((name, i) => ({ name, value: values[i] ?? "" })).filter((h) => h.name.trim() !== "" || h.value !== ""),
  };
}

/** Create or PATCH input. Secret fields: text sets, empty keeps, a ticked "remove" box clears (null). */
export function channelInputFromFormData(fd: FormData, values: ChannelFormValues, editing: boolean): Record<string, unknown> {
  const secrets: Record<string, string | null> = {};
  for (const [k, v] of fd.entries()) {
    if (k.startsWith("secret.") && typeof v === "string" && v !== "") secrets[k.slice(7)] = v;
    if (editing && k.startsWith("clearSecret.")) secrets[k.slice(12)] = null;
  }
  const headers: Record<string, string> = {};
  for (const h of values.headers) headers[h.name.trim()] = h.value;
  return {
    ...(editing ? {} : { type: values.type }),
    name: values.name,
    ...(values.type === "pagerduty" ? {} : { target: values.target }),
    monitorIds: values.scope === "all" ? [] : values.monitorIds,
    ...(values.type === "webhook" ? { config: { headers } } : {}),
    ...(Object.keys(secrets).length ? { secrets } : {}),
  };
}

export function channelValuesFromRow(c: AlertChannel): ChannelFormValues {
  const headers = (c.config?.headers ?? {}) as Record<string, string>;
  return {
    type: c.type,
    name: c.name,
    target: c.target,
    scope: c.monitorIds.length ? "some" : "all",
    monitorIds: c.monitorIds,
    headers: Object.entries(headers).map(([name, value]) => ({ name, value })),
  };
}
