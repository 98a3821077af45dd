import { sweepMaintenance } from "@/lib/maintenance/sweep";
import { deliverSubscriberEmails } from "@/lib/status-pages/subscribers/deliver";
import type { WorkerModule } from "../context";

// Starts and ends are claimed in the database, so every worker may sweep; a few seconds of lag only
// delays the notices (whether a monitor is under maintenance is on its row from the moment a window is saved).
const MAINTENANCE_EVERY_MS = 5000;
// Subscriber emails are not urgent to the second; polling saves a LISTEN connection per worker.
const SUBSCRIBER_EMAILS_EVERY_MS = 2000;

/** Maintenance occurrences (started/ended notices, recurrences moving on) and subscriber emails. */
export const statusCommunicationModule: WorkerModule = {
  name: "status-communication",
  async start(ctx) {
    const log = ctx.log.child({ module: "status-communication" });
    const loops: NodeJS.Timeout[] = [];
    const every = (ms: number, name: string, run: () => Promise<unknown>) => {
      let busy = false;
      loops.push(
        setInterval(() => {
          if (busy) return;
          busy = true;
          run()
            .catch((err) => log.error({ err }, `${name} failed`))
            .finally(() => (busy = false));
        }, ms),
      );
    };
    every(MAINTENANCE_EVERY_MS, "maintenance sweep", async () => {
      const r = await sweepMaintenance(ctx.db);
      if (r.started || r.ended) log.info(r, "maintenance occurrences started/ended");
    });
    every(SUBSCRIBER_EMAILS_EVERY_MS, "subscriber emails", () => deliverSubscriberEmails(ctx.db));
    return {
      async close() {
        loops.forEach(clearInterval);
      },
    };
  },
};
