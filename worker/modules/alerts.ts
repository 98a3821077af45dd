import { rawSql } from "@/lib/db/client";
import { deliverDueAlerts } from "@/lib/alerts/deliver";
import { summarizeStableFlapping } from "@/lib/alerts/flapping";
import { OUTBOX_CHANNEL } from "@/lib/alerts/notify";
import { sendDueReminders } from "@/lib/alerts/reminders";
import { enqueueIncidentAlerts } from "@/lib/incidents/enqueue-alerts";
import { kv } from "@/lib/redis/client";
import type { WorkerModule } from "../context";

const POLL_MS = 1000;
const FLAP_SWEEP_MS = 15_000;
// Reminders are minutes apart; a sweep of open incidents every 20 s keeps them within 20 s of due.
const REMINDER_SWEEP_MS = 20_000;
// Rows per claim and sends in flight per pass: webhooks wait on the network, so lanes overlap them.
const BATCH = 50;
const LANES = 16;

/**
 * Alert delivery in the fleet: a pass every second, and at once when Postgres NOTIFYs that outbox rows
 * were committed (enqueue-alerts sends it in the incident's transaction), so an alert leaves within
 * tens of milliseconds of the incident. Claims are conditional, so every worker can run this; so can
 * the reminder sweep (its conditional update lets one worker send each reminder).
 */
export const alertsModule: WorkerModule = {
  name: "alerts",
  async start(ctx) {
    const log = ctx.log.child({ module: "alerts" });
    let stopped = false;
    let running: Promise<void> | null = null;
    let again = false;
    const pass = () => {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      running = (async () => {
        do {
          again = false;
          // Keep going while full batches come back: a backlog drains without waiting for the timer.
          while (!stopped && (await deliverDueAlerts(ctx.db, { limit: BATCH, concurrency: LANES })) === BATCH);
        } while (again && !stopped);
      })()
        .catch((err) => log.error({ err }, "alert delivery pass failed"))
        .finally(() => (running = null));
    };
    const listener = await rawSql()
      .listen(OUTBOX_CHANNEL, () => pass())
      .catch((err) => (log.error({ err }, "LISTEN failed; polling only"), null));
    const timer = setInterval(pass, POLL_MS);
    const flapTimer = setInterval(() => {
      summarizeStableFlapping(ctx.db, kv(), (tx, input) => enqueueIncidentAlerts(tx, { ...input, event: "flapping", keySuffix: ":summary" })).catch((err) =>
        log.error({ err }, "flapping summary sweep failed"),
      );
    }, FLAP_SWEEP_MS);
    const reminderTimer = setInterval(() => {
      sendDueReminders(ctx.db).catch((err) => log.error({ err }, "reminder sweep failed"));
    }, REMINDER_SWEEP_MS);
    pass();
    return {
      async close() {
        stopped = true;
        clearInterval(timer);
        clearInterval(flapTimer);
        clearInterval(reminderTimer);
        await listener?.unlisten().catch(() => {});
        await running;
      },
    };
  },
};
