import type { z } from "zod";
import type { AlertChannelType, AlertEvent } from "../../db/schema/enums";
import type { AlertContent } from "../templates/content";
import type { RenderedEmail } from "../templates/render";

/**
 * One alert, as every channel type receives it: built once per outbox row by the delivery pipeline
 * (lib/alerts/deliver.ts) from the row, its incident and monitor. Channel modules only format and send.
 */
export type AlertMessage = {
  event: AlertEvent;
  /** The contract's name on the wire: "incident.opened", "certificate.expiring", "test" … */
  wireEvent: string;
  /** The outbox row id: one per (incident, channel, event), the same on every retry. */
  deliveryId: string;
  occurredAt: string;
  severity: "critical" | "warning" | "info" | "resolved";
  /** One line, e.g. "DOWN: API (HTTP 503 from eu, us)". */
  title: string;
  /** A few plain-text lines for chat tools. */
  summary: string;
  /** Label/value facts (monitor, cause, regions, down since …) for cards and embeds. */
  facts: [string, string][];
  monitor: { id: string; name: string; type: string; url: string | null } | null;
  incident: {
    id: string;
    status: "open" | "resolved";
    cause: string;
    startedAt: string;
    resolvedAt: string | null;
    regions: string[];
    acknowledgedAt: string | null;
    acknowledgedBy: string | null;
  } | null;
  /** The incident (or monitor) page in the app. */
  url: string;
  /** Signed one-purpose link that acknowledges the incident without signing in; null when not applicable. */
  ackUrl: string | null;
  /** Optional extras some formats show (the email's flapping summary, the check's status code …). */
  details?: {
    phase?: "start" | "summary";
    flapping?: { changes: number; since: string | null; status: string | null };
    statusCode?: number | null;
    errorClass?: string | null;
  };
};

/** A channel as a module sends to it: secrets included (never log this object). */
export type ChannelForSend = {
  id: string;
  type: AlertChannelType;
  name: string;
  target: string;
  config: Record<string, unknown>;
  secrets: Record<string, string>;
};

/**
 * How a send ended. `permanent` failures are not retried and are shown on the channel (4xx other than
 * 408/429, an SMTP 5xx, a blocked address); everything else is retried with backoff for 24 hours.
 */
export type SendResult = { ok: true; status?: number } | { ok: false; permanent: boolean; error: string; status?: number; retryAfterSeconds?: number };

/** What a module may use to send; injected so tests and the benchmark can swap them. */
export type SendDeps = {
  /** POST/GET through the private-address guard, no redirects, 10 s timeout (lib/alerts/outgoing.ts). */
  http: (req: OutgoingRequest) => Promise<SendResult>;
  /** Sends one email (nodemailer transport in production). */
  mail: (mail: { to: string; subject: string; text: string; html: string; messageId: string; headers: Record<string, string> }) => Promise<SendResult>;
  /**
   * Renders an alert email (lib/alerts/templates/render.tsx). Injected rather than imported because the
   * renderer needs react-dom/server, which Next refuses in app code, and the app imports this registry.
   */
  renderEmail: (content: AlertContent) => RenderedEmail;
  appUrl: string;
  pagerdutyEventsUrl: string;
  telegramApiUrl: string;
};

export type OutgoingRequest = {
  url: string;
  method?: "POST" | "PUT" | "GET";
  headers: Record<string, string>;
  body: string;
  /** Secret values (tokens, keys) to blank out of any error text kept from the response. */
  redact?: string[];
};

/**
 * A channel type is one module: what its target and settings look like, and how a message is sent.
 * Adding a type is one file plus a line in ./registry.ts.
 */
export type ChannelTypeModule = {
  type: AlertChannelType;
  label: string;
  /** What the target field is called in the form ("Incoming webhook URL", "Chat id" …). */
  targetLabel: string;
  targetPlaceholder: string;
  /** Validates and normalises the target (pagerduty: always ""). */
  target: z.ZodType<string, string>;
  /** Shown settings (webhook headers …); `{}` for most types. */
  config: z.ZodType<Record<string, unknown>>;
  /** Write-only secrets; on PATCH a missing key keeps the stored one. */
  secrets: z.ZodType<Record<string, string>>;
  /** Names of the secrets a channel of this type must have once created (telegram: botToken …). */
  requiredSecrets: string[];
  /** Email only: the address must confirm before alerts go to it. */
  needsVerification: boolean;
  send(channel: ChannelForSend, message: AlertMessage, deps: SendDeps): Promise<SendResult>;
};
