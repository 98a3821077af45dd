import { and, eq, gt, isNull, or } from "drizzle-orm";
import type { Db } from "../db/client";
import { monitors } from "../db/schema";
import { enqueueMonitorAlerts } from "../incidents/enqueue-alerts";

const DAY = 86_400_000;

/**
 * The threshold a certificate has crossed and not yet been alerted for: the smallest threshold ≥ days
 * left, below the last one alerted. Crossing several at once (a first check 2 days before expiry) gives
 * one alert for the smallest, not one per threshold. The SQL in lib/results/write-batch.ts computes
 * the same for the common path; this is its plain form (and what tests check it against).
 */
export function dueCertificateThreshold(expiresAt: Date, thresholds: number[], alertedDays: number | null, now = new Date()): number | null {
  const crossed = thresholds.filter((d) => d > 0 && expiresAt.getTime() <= now.getTime() + d * DAY && (alertedDays === null || d < alertedDays));
  return crossed.length ? Math.min(...crossed) : null;
}

/**
 * Sends one `certificate_expiring` alert for this certificate and threshold. The conditional update
 * (same certificate, threshold not yet alerted) decides between concurrent workers and regions; the
 * outbox key `cert:<monitor>:<notAfter>:<threshold>:<channel>` makes a repeat impossible even if the
 * stored certificate flips back and forth between two (a CDN with different certificates per region).
 */
export async function alertCertificateExpiring(
  db: Db,
  input: { workspaceId: string; monitorId: string; expiresAt: Date; thresholdDays: number; now?: Date },
): Promise<boolean> {
  const { monitorId, expiresAt, thresholdDays } = input;
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [won] = await tx
      .update(monitors)
      .set({ tlsAlertedDays: thresholdDays })
      .where(
        and(eq(monitors.id, monitorId), eq(monitors.tlsExpiresAt, expiresAt), or(isNull(monitors.tlsAlertedDays), gt(monitors.tlsAlertedDays, thresholdDays))),
      )
      .returning({ id: monitors.id });
    if (!won) return false;
    const notAfter = expiresAt.toISOString();
    const daysLeft = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / DAY));
    await enqueueMonitorAlerts(tx, {
      workspaceId: input.workspaceId,
      monitorId,
      event: "certificate_expiring",
      payload: { expiresAt: notAfter, thresholdDays, daysLeft },
      key: (channelId) => `cert:${monitorId}:${notAfter}:${thresholdDays}:${channelId}`,
    });
    return true;
  });
}
