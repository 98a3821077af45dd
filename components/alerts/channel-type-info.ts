import type { AlertChannelType } from "@/lib/db/schema/enums";

/** What the form and the list need to know about a type, as plain data a client component can take. */
export type ChannelTypeInfo = {
  type: AlertChannelType;
  label: string;
  targetLabel: string;
  targetPlaceholder: string;
  /** pagerduty has no target: its routing key is a secret. */
  hasTarget: boolean;
  /** webhook: custom headers (config.headers). */
  hasHeaders: boolean;
  secrets: { name: string; label: string; required: boolean; hint?: string }[];
};

/** The secret fields each type takes (the module's zod schema is the judge; these are the labels). */
export const SECRET_FIELDS: Partial<Record<AlertChannelType, { name: string; label: string; hint?: string }[]>> = {
  webhook: [{ name: "secret", label: "Signing secret", hint: "Optional. Signs each delivery: Vigil-Signature: t=…,v1=HMAC-SHA256." }],
  telegram: [{ name: "botToken", label: "Bot token", hint: "From @BotFather, like 123456789:AA…" }],
  pagerduty: [{ name: "routingKey", label: "Routing key", hint: "The 32-character integration key of an Events API v2 integration." }],
  ntfy: [{ name: "token", label: "Access token", hint: "Optional, for protected topics." }],
};

/** A small mark per type: a letter on the type's colour (no icon library). */
export const TYPE_MARK: Record<AlertChannelType, { glyph: string; className: string }> = {
  email: { glyph: "@", className: "bg-brand-600 text-white" },
  webhook: { glyph: "{ }", className: "bg-slate-700 text-white dark:bg-slate-600" },
  slack: { glyph: "#", className: "bg-[#4a154b] text-white" },
  discord: { glyph: "D", className: "bg-[#5865f2] text-white" },
  teams: { glyph: "T", className: "bg-[#5b5fc7] text-white" },
  mattermost: { glyph: "M", className: "bg-[#1e325c] text-white" },
  telegram: { glyph: "✈", className: "bg-[#229ed9] text-white" },
  pagerduty: { glyph: "P", className: "bg-[#06ac38] text-white" },
  ntfy: { glyph: "n", className: "bg-[#317f6f] text-white" },
};
