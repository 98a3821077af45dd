import type { AlertChannel } from "../../db/schema";

/**
 * The contract's AlertChannel. Secrets are write-only: only their names come back (`"set"`), never a
 * value; `config` holds the settings that may be shown (webhook headers).
 */
export function toApiChannel(c: AlertChannel) {
  const secretNames = Object.keys(c.secrets ?? {}).filter((k) => c.secrets[k]);
  return {
    // Shown settings first, so a stored key can never shadow a field of the contract.
    ...c.config,
    id: c.id,
    type: c.type,
    name: c.name,
    target: c.target,
    monitorIds: c.monitorIds,
    muted: c.muted,
    verified: c.verified,
    createdAt: c.createdAt.toISOString(),
    hasSecret: secretNames.length > 0,
    secrets: Object.fromEntries(secretNames.map((k) => [k, "set" as const])),
    lastDeliveryAt: c.lastDeliveryAt?.toISOString() ?? null,
    lastError: c.lastError,
    lastErrorAt: c.lastErrorAt?.toISOString() ?? null,
  };
}
export type ApiAlertChannel = ReturnType<typeof toApiChannel>;
