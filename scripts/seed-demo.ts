/** Makes sure the bootstrap admin exists and owns a few demo monitors (only on an empty workspace). */
import { randomBytes } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { ensureAdmin, notAdminWarning } from "../lib/accounts/ensure-admin";
import { authenticate, loadSessionUser } from "../lib/accounts/authenticate";
import { systemCtx } from "../lib/context";
import { closeDb, db } from "../lib/db/client";
import { monitors } from "../lib/db/schema";
import { env } from "../lib/env";
import { closeRedis } from "../lib/redis/client";
import { createAlertChannel } from "../lib/alerts/channels/create";
import { createStatusPage } from "../lib/status-pages/save-status-page";
import { addStatusPageIncidentUpdate, postStatusPageIncident } from "../lib/status-pages/incidents/post-incident";
import { createMaintenanceWindow } from "../lib/maintenance/save-window";

const target = process.env.DEMO_TARGET_URL ?? "http://127.0.0.1:4100";

async function main() {
  if (!env.ADMIN_EMAIL || !env.ADMIN_PASSWORD) throw new Error("ADMIN_EMAIL and ADMIN_PASSWORD must be set");
  const { user: admin, outcome } = await ensureAdmin(db, env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
  if (outcome === "not-admin") {
    // Not someone else's workspace to fill with demo monitors either.
    console.warn(`warning: ${notAdminWarning(admin.email)}`);
    console.log("admin: not-admin");
    return;
  }
  // Read by scripts/up.ts for its banner, which shows the password only if it is the account's.
  const samePassword = outcome === "created" || (await authenticate(db, admin.email, env.ADMIN_PASSWORD)) !== null;
  console.log(`admin: ${samePassword ? outcome : "existing-admin-other-password"}`);
  const session = await loadSessionUser(db, admin.id);
  if (!session) throw new Error("admin has no workspace");
  const [{ n }] = await db.select({ n: count() }).from(monitors).where(eq(monitors.workspaceId, session.workspaceId));
  if (n > 0) return;
  const workspaceId = session.workspaceId;
  const demo = await db
    .insert(monitors)
    .values([
      { workspaceId, type: "http", name: "Demo: healthy API", url: `${target}/ok`, intervalSeconds: 30, timeoutSeconds: 10, keyword: "operational" },
      { workspaceId, type: "http", name: "Demo: flaky service", url: `${target}/flaky`, intervalSeconds: 20, timeoutSeconds: 10 },
      { workspaceId, type: "http", name: "Demo: slow endpoint", url: `${target}/slow`, intervalSeconds: 30, timeoutSeconds: 5 },
      // The demo target's own port (TCP) and its DNS answers (UDP on the same port number).
      {
        workspaceId,
        type: "tcp",
        name: "Demo: web server port (TCP)",
        settings: { host: "127.0.0.1", port: Number(new URL(target).port) },
        intervalSeconds: 30,
        timeoutSeconds: 5,
      },
      {
        workspaceId,
        type: "dns",
        name: "Demo: DNS record",
        settings: { hostname: "demo.vigil.test", recordType: "A", resolver: new URL(target).host, expectedValues: ["192.0.2.10"] },
        intervalSeconds: 60,
        timeoutSeconds: 5,
      },
      {
        workspaceId,
        type: "heartbeat",
        name: "Demo: nightly backup (heartbeat)",
        pingToken: randomBytes(16).toString("base64url"),
        periodSeconds: 3600,
        graceSeconds: 300,
      },
      // A real-browser check when the workers run Chromium (npm run up turns WORKER_BROWSER on when it is installed).
      ...(process.env.WORKER_BROWSER === "true"
        ? [
            {
              workspaceId,
              type: "browser" as const,
              name: "Demo: dashboard page (browser)",
              url: `${target}/app`,
              settings: { waitForSelector: "#app", waitForText: "Dashboard ready" },
              intervalSeconds: 120,
              timeoutSeconds: 30,
            },
          ]
        : []),
    ])
    .returning();
  console.log("demo monitors created");
  await seedDemoWebhook(workspaceId);
  // A public page to open logged out; public names differ from the internal ones, as they usually do.
  const publicNames: Record<string, string> = {
    "Demo: healthy API": "API",
    "Demo: flaky service": "Checkout",
    "Demo: nightly backup (heartbeat)": "Nightly backup",
  };
  const listed = demo.filter((m) => publicNames[m.name]).map((m) => ({ monitorId: m.id, displayName: publicNames[m.name] }));
  await createStatusPage(systemCtx(db, workspaceId, "seed-demo"), {
    slug: "demo",
    title: "Demo status",
    description: "What Vigil's public status pages look like.",
    monitors: listed,
    subscribersEnabled: true,
  }).then(
    async (page) => {
      console.log("demo status page created at /status/demo");
      await seedDemoCommunication(
        workspaceId,
        page.id,
        listed.map((m) => m.monitorId),
      );
    },
    (err) => console.log(`no demo status page: ${(err as Error).message}`), // e.g. the slug is taken in this database
  );
}

/** What people write on a status page: a posted (and resolved) incident, and a weekly maintenance window. */
async function seedDemoCommunication(workspaceId: string, pageId: string, monitorIds: string[]) {
  const ctx = systemCtx(db, workspaceId, "seed-demo");
  const incident = await postStatusPageIncident(ctx, pageId, {
    title: "Delayed checkout confirmations",
    impact: "minor",
    status: "identified",
    message: "Confirmation emails were delayed by up to 10 minutes.\n\n- Payments were not affected\n- Orders were recorded normally",
    monitorIds: monitorIds.slice(1, 2),
  });
  await addStatusPageIncidentUpdate(ctx, pageId, incident.id, {
    status: "resolved",
    message: "The mail queue has caught up; confirmations are sent at once again.",
  });
  // Weekly, so the page always announces the next one (within its 7-day horizon).
  await createMaintenanceWindow(ctx, {
    title: "Weekly database maintenance",
    description: "The API may answer slowly for a few minutes.",
    monitorIds: monitorIds.slice(0, 1),
    startsAt: new Date().toISOString(),
    endsAt: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    recurrence: { cron: "0 2 * * 0", timezone: "UTC", durationMinutes: 60 },
  });
  console.log("demo incident and maintenance window created");
}

/** With the local mail sink, a webhook channel to its receiver, so a new user sees a signed delivery. */
async function seedDemoWebhook(workspaceId: string) {
  const url = process.env.DEMO_WEBHOOK_URL;
  if (!url) return;
  const ctx = systemCtx(db, workspaceId, "seed-demo");
  await createAlertChannel(ctx, { type: "webhook", name: "Demo webhook (mail sink)", target: url, secrets: { secret: process.env.DEMO_WEBHOOK_SECRET } });
  console.log("demo webhook channel created (deliveries show in the mail inbox)");
}

// Creating the status page announces it over Redis: both connections must close for the process to end.
main()
  .then(() => Promise.all([closeDb(), closeRedis()]))
  .catch(async (err) => {
    console.error(err);
    await Promise.all([closeDb(), closeRedis()]);
    process.exit(1);
  });
