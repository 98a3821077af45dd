import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.CHECKS_ALLOW_PRIVATE = "true";
});

import { ACK_LINK_TTL_MS, ackUrl, signAckToken, verifyAckToken } from "../alerts/ack-link";
import { emailContent } from "../alerts/channel-types/email";
import { deliverDueAlerts } from "../alerts/deliver";
import { buildAlertMessage } from "../alerts/message";
import { renderAlertEmail } from "../alerts/templates/render";
import { startReceiver } from "../alerts/testing/receiver";
import { closeDb, db } from "../db/client";
import { alertChannels, alertOutbox, incidents } from "../db/schema";
import { createHeartbeatMonitor, waitFor } from "../heartbeats/testing";
import { closeRedis } from "../redis/client";
import { createTestUser, userCtx, viewerCtx } from "../../tests/factories";
import { acknowledgeIncident } from "./acknowledge";
import { acknowledgeByLink, findAckLinkTarget } from "./acknowledge-by-link";
import { openIncident } from "./open-incident";
import { resolveIncident } from "./resolve-incident";

let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await closeDb();
  await closeRedis();
});

async function openOne() {
  const u = await createTestUser();
  const m = await createHeartbeatMonitor(u.workspaceId);
  const { incident } = await openIncident(db, { workspaceId: u.workspaceId, monitorId: m.id, cause: "No ping received", regions: [] });
  return { ...u, monitor: m, incident: incident! };
}
const incidentOf = async (id: string) => (await db.select().from(incidents).where(eq(incidents.id, id)))[0];

describe("acknowledgeIncident", () => {
  it("records who and when, once; a second acknowledgement returns it unchanged", async () => {
    const t = await openOne();
    const ctx = userCtx(db, t.workspaceId, { id: t.user.id, label: t.email });
    const [a, b] = await Promise.all([acknowledgeIncident(ctx, t.incident.id), acknowledgeIncident(ctx, t.incident.id)]);
    expect(a.acknowledgedAt).toEqual(b.acknowledgedAt);
    expect(a.acknowledgedBy).toEqual({ kind: "user", id: t.user.id, label: t.email });
    const again = await acknowledgeIncident(userCtx(db, t.workspaceId, { label: "someone else" }), t.incident.id);
    expect(again.acknowledgedBy?.label).toBe(t.email);
    // One acknowledged alert per channel, however many times it was acknowledged.
    const rows = await db.select().from(alertOutbox).where(eq(alertOutbox.incidentId, t.incident.id));
    expect(rows.filter((r) => r.event === "acknowledged")).toHaveLength(1);
  });

  it("another workspace's incident is NotFound; a viewer may not; a resolved one is a conflict", async () => {
    const t = await openOne();
    const other = await createTestUser();
    await expect(acknowledgeIncident(userCtx(db, other.workspaceId), t.incident.id)).rejects.toMatchObject({ status: 404 });
    await expect(acknowledgeIncident(userCtx(db, t.workspaceId), "not-a-uuid")).rejects.toMatchObject({ status: 404 });
    await expect(acknowledgeIncident(viewerCtx(db, t.workspaceId), t.incident.id)).rejects.toMatchObject({ status: 403 });
    expect((await incidentOf(t.incident.id)).acknowledgedAt).toBeNull();
    await resolveIncident(db, { monitorId: t.monitor.id });
    await expect(acknowledgeIncident(userCtx(db, t.workspaceId), t.incident.id)).rejects.toMatchObject({ status: 409 });
  });

  it("the channels hear it: PagerDuty gets acknowledge with the incident as dedup key, a webhook gets incident.acknowledged", async () => {
    const t = await openOne();
    const key = "a".repeat(32);
    const [pd] = await db
      .insert(alertChannels)
      .values({ workspaceId: t.workspaceId, type: "pagerduty", target: "", secrets: { routingKey: key } })
      .returning();
    const [hook] = await db
      .insert(alertChannels)
      .values({ workspaceId: t.workspaceId, type: "webhook", target: receiver.url(`/ack-${t.workspaceId}`) })
      .returning();
    await acknowledgeIncident(userCtx(db, t.workspaceId, { label: "ops@example.test" }), t.incident.id);
    const opts = { appUrl: "https://vigil.example", deps: { pagerdutyEventsUrl: receiver.url(`/pd-${t.workspaceId}`) }, limit: 500 };
    await waitFor(async () => {
      await deliverDueAlerts(db, opts);
      const rows = await db.select().from(alertOutbox).where(eq(alertOutbox.incidentId, t.incident.id));
      return rows.filter((r) => r.channelId === pd.id || r.channelId === hook.id).every((r) => r.status === "sent");
    });
    // Webhooks and PagerDuty were added after the incident opened: only the acknowledgement reached them.
    const events = receiver.on(`/pd-${t.workspaceId}`).map((r) => JSON.parse(r.body));
    expect(events).toEqual([{ routing_key: key, event_action: "acknowledge", dedup_key: t.incident.id }]);
    const [hooked] = receiver.on(`/ack-${t.workspaceId}`);
    expect(hooked.headers["vigil-event"]).toBe("incident.acknowledged");
    expect(JSON.parse(hooked.body).incident).toMatchObject({ id: t.incident.id, status: "open" });
  });
});

describe("signed acknowledge links", () => {
  it("valid, tampered, expired, malformed", () => {
    const id = "3f2b7c4e-8a1d-4c9e-9b7a-0d2e4f6a8b1c";
    const now = Date.now();
    const token = signAckToken(id, now);
    expect(verifyAckToken(token, now)).toMatchObject({ ok: true, incidentId: id });
    const [, exp, mac] = token.split(".");
    expect(verifyAckToken(`3f2b7c4e-8a1d-4c9e-9b7a-0d2e4f6a8b1d.${exp}.${mac}`, now)).toEqual({ ok: false, reason: "invalid" });
    expect(verifyAckToken(`${id}.${Number(exp) + 3600}.${mac}`, now)).toEqual({ ok: false, reason: "invalid" });
    expect(verifyAckToken(`${id}.${exp}.${mac.slice(0, -2)}xx`, now)).toEqual({ ok: false, reason: "invalid" });
    expect(verifyAckToken(token, now, "another-secret-0123456789")).toEqual({ ok: false, reason: "invalid" });
    expect(verifyAckToken(token, now + ACK_LINK_TTL_MS + 1000)).toEqual({ ok: false, reason: "expired" });
    expect(verifyAckToken("nonsense", now)).toEqual({ ok: false, reason: "malformed" });
    expect(ackUrl("https://vigil.example/", id, now)).toBe(`https://vigil.example/ack/${token}`);
  });

  it("looking at the link changes nothing; the POST acknowledges as 'email link'", async () => {
    const t = await openOne();
    const token = signAckToken(t.incident.id);
    const view = await findAckLinkTarget(db, token);
    expect(view).toMatchObject({ ok: true, monitorName: t.monitor.name, incident: { id: t.incident.id, status: "open", acknowledgedAt: null } });
    expect((await incidentOf(t.incident.id)).acknowledgedAt).toBeNull();
    const after = await acknowledgeByLink(db, token);
    expect(after).toMatchObject({ ok: true, incident: { acknowledgedBy: { kind: "system", id: "email-link", label: "email link" } } });
    // Twice is fine (a double click), and a tampered or expired link acknowledges nothing.
    expect((await acknowledgeByLink(db, token)).ok).toBe(true);
    const other = await openOne();
    const forged = signAckToken(other.incident.id).replace(/\.[^.]+$/, ".AAAA");
    expect(await acknowledgeByLink(db, forged)).toEqual({ ok: false, reason: "invalid" });
    expect(await acknowledgeByLink(db, signAckToken(other.incident.id, Date.now() - ACK_LINK_TTL_MS - 60_000))).toEqual({ ok: false, reason: "expired" });
    expect((await incidentOf(other.incident.id)).acknowledgedAt).toBeNull();
  });

  it("alerts for an open incident carry the link (the email shows it); a resolved incident's link acknowledges nothing", async () => {
    const t = await openOne();
    const row = { id: "row", event: "opened" as const, payload: {}, createdAt: new Date() };
    const msg = buildAlertMessage({ row, incident: t.incident, monitor: t.monitor, appUrl: "https://vigil.example" });
    const token = msg.ackUrl!.split("/ack/")[1];
    expect(verifyAckToken(token)).toMatchObject({ ok: true, incidentId: t.incident.id });
    expect(renderAlertEmail(emailContent(msg, "https://vigil.example", t.email)).text).toContain(msg.ackUrl!);
    expect(
      buildAlertMessage({ row: { ...row, event: "resolved" }, incident: t.incident, monitor: t.monitor, appUrl: "https://vigil.example" }).ackUrl,
    ).toBeNull();
    await resolveIncident(db, { monitorId: t.monitor.id });
    const view = await acknowledgeByLink(db, token);
    expect(view).toMatchObject({ ok: true, incident: { status: "resolved", acknowledgedAt: null } });
  });
});
