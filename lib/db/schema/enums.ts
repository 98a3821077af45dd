// Status values as `as const` tuples: the column types and the zod schemas share them.
export const MEMBERSHIP_ROLES = ["owner", "member"] as const;
// One module per kind under lib/monitors/kinds/ (registry.ts); a kind is stored as text, so adding one needs no migration.
export const MONITOR_TYPES = ["http", "heartbeat", "tcp", "dns", "browser"] as const;
export const MONITOR_STATUSES = ["up", "down", "pending"] as const;
// What the API and the pages show: the stored status, or a state derived from the row (paused, under
// maintenance). "maintenance" is never stored: it follows from monitors.maintenance_starts_at/ends_at.
export const MONITOR_DISPLAY_STATUSES = ["up", "down", "pending", "paused", "maintenance"] as const;
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export const KEYWORD_MODES = ["present", "absent"] as const;
export const INCIDENT_STATUSES = ["open", "resolved"] as const;
export const PING_KINDS = ["success", "start", "fail"] as const;
export const ALERT_CHANNEL_TYPES = ["email", "webhook", "slack", "discord", "teams", "mattermost", "telegram", "pagerduty", "ntfy"] as const;
// Stored names; the webhook body calls them "incident.opened", "certificate.expiring", … (lib/alerts/events.ts).
export const ALERT_EVENTS = [
  "opened",
  "resolved",
  "flapping",
  "reminder",
  "acknowledged",
  "certificate_expiring",
  "maintenance_started",
  "maintenance_ended",
  "test",
] as const;
export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed"] as const;
export const STATUS_PAGE_THEMES = ["auto", "light", "dark"] as const;
export const STATUS_PAGE_INCIDENT_IMPACTS = ["none", "minor", "major", "critical"] as const;
export const STATUS_PAGE_INCIDENT_STATUSES = ["investigating", "identified", "monitoring", "resolved"] as const;
// Emails to status page subscribers, one outbox row each (lib/status-pages/subscribers).
export const SUBSCRIBER_EMAIL_KINDS = [
  "confirm",
  "incident_posted",
  "incident_updated",
  "maintenance_scheduled",
  "maintenance_started",
  "maintenance_ended",
] as const;
export const CHECK_ERROR_CLASSES = [
  "timeout",
  "dns",
  "refused",
  "reset",
  "tls",
  "status",
  "keyword",
  // A check whose response arrived but failed one of the monitor's expectations (DNS expected values, HTTP assertions).
  "assertion",
  "blocked",
  "protocol",
  "unknown",
] as const;

export type MonitorType = (typeof MONITOR_TYPES)[number];
export type MonitorStatus = (typeof MONITOR_STATUSES)[number];
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export type PingKind = (typeof PING_KINDS)[number];
export type AlertEvent = (typeof ALERT_EVENTS)[number];
export type AlertChannelType = (typeof ALERT_CHANNEL_TYPES)[number];
export type CheckErrorClass = (typeof CHECK_ERROR_CLASSES)[number];
export type MonitorDisplayStatus = (typeof MONITOR_DISPLAY_STATUSES)[number];
export type StatusPageTheme = (typeof STATUS_PAGE_THEMES)[number];
export type StatusPageIncidentImpact = (typeof STATUS_PAGE_INCIDENT_IMPACTS)[number];
export type StatusPageIncidentStatus = (typeof STATUS_PAGE_INCIDENT_STATUSES)[number];
export type SubscriberEmailKind = (typeof SUBSCRIBER_EMAIL_KINDS)[number];
