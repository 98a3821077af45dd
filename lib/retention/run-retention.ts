import type { Db } from "../db/client";
import type { Env } from "../env";
import type { BatchLimits, PassResult } from "./batches";
import { pruneAlertOutbox } from "./prune-outbox";
import { pruneSubscriberOutbox } from "./prune-subscriber-outbox";
import { pruneIncidentEvidence } from "./prune-evidence";
import { pruneInvites } from "./prune-invites";
import { pruneHeartbeatPings } from "./prune-pings";
import { pruneWaitlist } from "./prune-waitlist";

export type RetentionSettings = Pick<
  Env,
  | "PING_RETENTION_DAYS"
  | "PINGS_KEEP_PER_MONITOR"
  | "ALERT_OUTBOX_RETENTION_DAYS"
  | "INCIDENT_EVIDENCE_RETENTION_DAYS"
  | "WAITLIST_RETENTION_DAYS"
  | "INVITE_RETENTION_DAYS"
>;
export type RetentionReport = Record<"pings" | "alertOutbox" | "subscriberOutbox" | "incidentEvidence" | "waitlist" | "invites", PassResult>;

/**
 * One retention pass over everything that grows (raw check results have their own, lib/results/prune-results.ts).
 * Kinds run one after another, each bounded by `maxRows`; `capped` says a kind has more left for the next pass.
 */
export async function runRetention(db: Db, s: RetentionSettings, limits: BatchLimits & { now?: Date } = {}): Promise<RetentionReport> {
  return {
    pings: await pruneHeartbeatPings(db, { ...limits, olderThanDays: s.PING_RETENTION_DAYS, keepPerMonitor: s.PINGS_KEEP_PER_MONITOR }),
    alertOutbox: await pruneAlertOutbox(db, { ...limits, olderThanDays: s.ALERT_OUTBOX_RETENTION_DAYS }),
    // Same policy as the alert outbox: both are delivery logs.
    subscriberOutbox: await pruneSubscriberOutbox(db, { ...limits, olderThanDays: s.ALERT_OUTBOX_RETENTION_DAYS }),
    incidentEvidence: await pruneIncidentEvidence(db, { ...limits, olderThanDays: s.INCIDENT_EVIDENCE_RETENTION_DAYS }),
    waitlist: await pruneWaitlist(db, { ...limits, olderThanDays: s.WAITLIST_RETENTION_DAYS }),
    invites: await pruneInvites(db, { ...limits, olderThanDays: s.INVITE_RETENTION_DAYS }),
  };
}
