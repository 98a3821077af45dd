import { eq } from "drizzle-orm";
import { verifyAckToken } from "../alerts/ack-link";
import type { Ctx } from "../context";
import type { Db } from "../db/client";
import { incidents, monitors, type Incident } from "../db/schema";
import { acknowledgeIncident } from "./acknowledge";

export type AckLinkView =
  | { ok: false; reason: "malformed" | "invalid" | "expired" | "gone" }
  | { ok: true; incident: Pick<Incident, "id" | "status" | "cause" | "startedAt" | "resolvedAt" | "acknowledgedAt" | "acknowledgedBy">; monitorName: string };

/**
 * What a signed acknowledge link from an alert email points at. The signature is the authority (no
 * session): it names one incident and can only acknowledge it. Reading changes nothing, because link
 * scanners in mail systems follow every GET.
 */
export async function findAckLinkTarget(db: Db, token: string, now = Date.now()): Promise<AckLinkView> {
  const v = verifyAckToken(token, now);
  if (!v.ok) return v;
  const [row] = await db
    .select({
      id: incidents.id,
      status: incidents.status,
      cause: incidents.cause,
      startedAt: incidents.startedAt,
      resolvedAt: incidents.resolvedAt,
      acknowledgedAt: incidents.acknowledgedAt,
      acknowledgedBy: incidents.acknowledgedBy,
      monitorName: monitors.name,
    })
    .from(incidents)
    .innerJoin(monitors, eq(monitors.id, incidents.monitorId))
    .where(eq(incidents.id, v.incidentId));
  if (!row) return { ok: false, reason: "gone" };
  const { monitorName, ...incident } = row;
  return { ok: true, incident, monitorName };
}

/** Acknowledges the link's incident (POST only), as "email link" acting in the incident's workspace. */
export async function acknowledgeByLink(db: Db, token: string, now = Date.now()): Promise<AckLinkView> {
  const v = verifyAckToken(token, now);
  if (!v.ok) return v;
  const [row] = await db.select({ workspaceId: incidents.workspaceId }).from(incidents).where(eq(incidents.id, v.incidentId));
  if (!row) return { ok: false, reason: "gone" };
  const ctx: Ctx = { db, workspaceId: row.workspaceId, actor: { kind: "system", id: "email-link", label: "email link", role: "editor", operator: false } };
  // A resolved incident needs no acknowledging: show it as it is rather than an error.
  await acknowledgeIncident(ctx, v.incidentId).catch((err) => {
    if ((err as { code?: string }).code !== "conflict") throw err;
  });
  return findAckLinkTarget(db, token, now);
}
