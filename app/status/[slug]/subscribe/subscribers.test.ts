import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as confirmPost } from "./confirm/route";
import { POST as subscribePost } from "./route";
import { POST as unsubscribePost } from "../unsubscribe/route";
import { startTestSmtp } from "@/lib/alerts/testing/smtp";
import { closeDb, db } from "@/lib/db/client";
import { statusPageSubscribers } from "@/lib/db/schema";
import { createMaintenanceWindow } from "@/lib/maintenance/save-window";
import { sweepMaintenance } from "@/lib/maintenance/sweep";
import { closeRedis } from "@/lib/redis/client";
import { insertMonitor } from "@/lib/rollups/seed";
import { createTestUser, userCtx, viewerCtx } from "@/tests/factories";
import { addStatusPageIncidentUpdate, postStatusPageIncident } from "@/lib/status-pages/incidents/post-incident";
import { createStatusPage } from "@/lib/status-pages/save-status-page";
import { deliverSubscriberEmails } from "@/lib/status-pages/subscribers/deliver";
import { countSubscribers, exportSubscribersCsv, listSubscribers, removeSubscriber } from "@/lib/status-pages/subscribers/manage";

let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await smtp.down();
  await closeDb();
  await closeRedis();
});

let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

function form(url: string, fields: Record<string, string>, ip = freshIp()): Request {
  return new Request(url, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
  });
}
const params = (slug: string) => ({ params: Promise.resolve({ slug }) });
const deliver = () => deliverSubscriberEmails(db, { transport: smtp.transport() });

async function setup(subscribersEnabled = true) {
  const { workspaceId } = await createTestUser();
  const ctx = userCtx(db, workspaceId);
  const m = await insertMonitor(db, { workspaceId });
  const slug = `subs-${Math.random().toString(36).slice(2, 10)}`;
  const page = await createStatusPage(ctx, { slug, title: "Acme", monitors: [{ monitorId: m.id, displayName: "API" }], subscribersEnabled });
  return { ctx, workspaceId, m, slug, page };
}

const tokenFrom = (text: string, path: string) => new URL(new RegExp(`https?://\\S+${path}\\S*`).exec(text)![0]).searchParams.get("token")!;

describe("status page subscribers, end to end through SMTP", () => {
  it("double opt-in, single-use confirmation, emails for posted incidents and updates with one-click unsubscribe", async () => {
    const { ctx, slug, page } = await setup();
    const email = `reader-${Math.random().toString(36).slice(2, 8)}@example.test`;
    const first = await subscribePost(form(`http://vigil.test/status/${slug}/subscribe`, { email }), params(slug));
    expect(first.status).toBe(202);
    const sameAnswer = await first.text();
    expect(await deliver()).toBe(1);
    const [confirmMail] = smtp.to(email);
    expect(confirmMail.subject).toContain("Confirm your subscription to Acme");
    const token = tokenFrom(confirmMail.text, "/subscribe/confirm");

    // Asking again gives the very same answer and no second email within the resend window.
    const again = await subscribePost(form(`http://vigil.test/status/${slug}/subscribe`, { email: email.toUpperCase() }), params(slug));
    expect(again.status).toBe(202);
    expect(await again.text()).toBe(sameAnswer);
    await deliver();
    expect(smtp.to(email)).toHaveLength(1);

    // Unconfirmed: a posted incident sends nothing yet.
    await postStatusPageIncident(ctx, page.id, { title: "Early", impact: "minor", status: "investigating", message: "x" });
    expect(await deliver()).toBe(0);

    // Tampered, then valid, then reused.
    expect((await confirmPost(form(`http://vigil.test/status/${slug}/subscribe/confirm`, { token: `${token.slice(0, -2)}xx` }), params(slug))).status).toBe(
      400,
    );
    expect((await confirmPost(form(`http://vigil.test/status/${slug}/subscribe/confirm`, { token }), params(slug))).status).toBe(200);
    expect((await confirmPost(form(`http://vigil.test/status/${slug}/subscribe/confirm`, { token }), params(slug))).status).toBe(400);
    expect(await countSubscribers(ctx, page.id)).toEqual({ confirmed: 1, pending: 0 });

    // A confirmed address asking again: same answer, nothing sent.
    expect(await (await subscribePost(form(`http://vigil.test/status/${slug}/subscribe`, { email }), params(slug))).text()).toBe(sameAnswer);

    const incident = await postStatusPageIncident(ctx, page.id, {
      title: "Elevated errors",
      impact: "major",
      status: "investigating",
      message: "We are looking into it. <script>alert(1)</script> [details](javascript:alert(1))",
    });
    await deliver();
    const posted = smtp.to(email).find((m) => m.subject.includes("Elevated errors"))!;
    expect(posted.subject).toBe("[Acme] Elevated errors");
    expect(posted.html).not.toMatch(/<script|href="javascript/i);
    // mailparser folds List-* headers into one structured "list" header.
    const list = posted.headers.get("list") as { unsubscribe: { url: string }; "unsubscribe-post": { name: string } };
    expect(list["unsubscribe-post"].name).toBe("List-Unsubscribe=One-Click");
    expect(list.unsubscribe.url).toContain(`/status/${slug}/unsubscribe?token=`);

    await addStatusPageIncidentUpdate(ctx, page.id, incident.id, { status: "resolved", message: "Fixed." });
    await deliver();
    expect(smtp.to(email).map((m) => m.subject)).toContain("[Acme] Resolved: Elevated errors");

    // One-click unsubscribe, as a mail client does it (RFC 8058): POST to the List-Unsubscribe URL.
    const unsubToken = tokenFrom(posted.text, "/unsubscribe");
    const oneClick = new Request(`http://vigil.test/status/${slug}/unsubscribe?token=${encodeURIComponent(unsubToken)}`, {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect((await unsubscribePost(oneClick, params(slug))).status).toBe(200);
    expect(await countSubscribers(ctx, page.id)).toEqual({ confirmed: 0, pending: 0 });
    const before = smtp.to(email).length;
    await addStatusPageIncidentUpdate(ctx, page.id, incident.id, { status: "monitoring", message: "Watching." });
    await deliver();
    expect(smtp.to(email)).toHaveLength(before);
  });

  it("maintenance announced ahead and starting on a listed monitor reaches confirmed subscribers", async () => {
    const { ctx, slug, page, m } = await setup();
    const email = `maint-${Math.random().toString(36).slice(2, 8)}@example.test`;
    await subscribePost(form(`http://vigil.test/status/${slug}/subscribe`, { email }), params(slug));
    await deliver();
    const token = tokenFrom(smtp.to(email)[0].text, "/subscribe/confirm");
    await confirmPost(form(`http://vigil.test/status/${slug}/subscribe/confirm`, { token }), params(slug));
    await createMaintenanceWindow(ctx, {
      title: "Network work",
      monitorIds: [m.id],
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 90_000_000).toISOString(),
    });
    await createMaintenanceWindow(ctx, {
      title: "Database upgrade",
      monitorIds: [m.id],
      startsAt: new Date(Date.now() - 1000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await sweepMaintenance(db);
    await deliver();
    expect(smtp.to(email).map((x) => x.subject)).toEqual(
      expect.arrayContaining(["[Acme] Scheduled maintenance: Network work", "[Acme] Maintenance started: Database upgrade"]),
    );
    expect(page.subscribersEnabled).toBe(true);
  });

  it("refuses a flood from one address with 429, answers 404 when subscriptions are off, 400 for a bad address", async () => {
    const { slug } = await setup();
    const ip = "203.0.113.77";
    const codes: number[] = [];
    for (let i = 0; i < 12; i++)
      codes.push((await subscribePost(form(`http://vigil.test/status/${slug}/subscribe`, { email: `f${i}@example.test` }, ip), params(slug))).status);
    expect(codes.slice(0, 10).every((c) => c === 202)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    const off = await setup(false);
    expect((await subscribePost(form(`http://vigil.test/status/${off.slug}/subscribe`, { email: "a@example.test" }), params(off.slug))).status).toBe(404);
    expect((await subscribePost(form(`http://vigil.test/status/${slug}/subscribe`, { email: "not an address" }), params(slug))).status).toBe(400);
  });

  it("the owner lists, exports (CSV) and removes subscribers; another workspace gets 404, a viewer can't export or remove", async () => {
    const { ctx, workspaceId, slug, page } = await setup();
    await subscribePost(form(`http://vigil.test/status/${slug}/subscribe`, { email: "-cmd@example.test" }), params(slug));
    const [sub] = await listSubscribers(ctx, page.id);
    expect(sub).toMatchObject({ email: "-cmd@example.test", confirmed: false });
    expect(await exportSubscribersCsv(ctx, page.id)).toBe(`email,confirmed,confirmed_at,subscribed_at\r\n'-cmd@example.test,false,,${sub.createdAt}\r\n`);
    const other = await setup();
    await expect(listSubscribers(other.ctx, page.id)).rejects.toMatchObject({ status: 404 });
    await expect(removeSubscriber(other.ctx, page.id, sub.id)).rejects.toMatchObject({ status: 404 });
    await expect(removeSubscriber(other.ctx, other.page.id, sub.id)).rejects.toMatchObject({ status: 404 });
    await expect(exportSubscribersCsv(viewerCtx(db, workspaceId), page.id)).rejects.toMatchObject({ status: 403 });
    await removeSubscriber(ctx, page.id, sub.id);
    expect(await db.select().from(statusPageSubscribers).where(eq(statusPageSubscribers.id, sub.id))).toHaveLength(0);
  });
});
