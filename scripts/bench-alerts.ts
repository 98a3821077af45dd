/**
 * npm run bench:alerts [-- --latency-incidents=200] [--incidents=1000] [--channels=3] [--loops=4]
 * Alert delivery, printed as JSON (not a test):
 *  1. Latency: incident opened (its transaction committed) → webhook received at a local receiver, one
 *     incident at a time, delivered by the fleet's real alerts module (LISTEN/NOTIFY + its passes); p50/p95/max.
 *  2. Fan-out: 1,000 incidents × 3 webhook channels written first, then N delivery loops (deliverDueAlerts,
 *     as the worker runs it) drain them: deliveries/s, lost (outbox rows never accepted) and doubled
 *     (a Vigil-Delivery id accepted twice), both counted at the receiver.
 * Runs in its own database and Redis prefix; the receiver is an in-process node:http server.
 */
import { performance } from "node:perf_hooks";

const arg = (name: string, dflt: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? dflt);

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10;
}

async function main() {
  const os = await import("node:os");
  const loadAtStart = os.loadavg()[0];
  const latencyIncidents = arg("latency-incidents", 200);
  const incidentsN = arg("incidents", 1000);
  const channelsN = arg("channels", 3);
  const loops = arg("loops", 4);
  const { createTestEnv, destroyTestEnv } = await import("../tests/test-env");
  const testEnv = await createTestEnv("bench");
  Object.assign(process.env, {
    DATABASE_URL: testEnv.databaseUrl,
    REDIS_PREFIX: testEnv.redisPrefix,
    REDIS_URL: testEnv.redisUrl,
    LOG_LEVEL: "warn",
    CHECKS_ALLOW_PRIVATE: "true",
  });
  const { startReceiver } = await import("../lib/alerts/testing/receiver");
  const receiver = await startReceiver();
  const { db, closeDb } = await import("../lib/db/client");
  const { closeRedis, ioredis } = await import("../lib/redis/client");
  const { alertChannels, alertOutbox, monitors } = await import("../lib/db/schema");
  const { createUser } = await import("../lib/accounts/create-user");
  const { openIncident } = await import("../lib/incidents/open-incident");
  const { deliverDueAlerts } = await import("../lib/alerts/deliver");
  const { log } = await import("../lib/log");
  const { createQueueConnection } = await import("../lib/queue/connection");
  const { alertsModule } = await import("../worker/modules/alerts");
  const { sql, eq } = await import("drizzle-orm");

  const workspace = async (label: string, channels: number, monitorCount: number) => {
    const { workspaceId } = await createUser(db, { email: `${label}-${Date.now()}@bench.test`, password: "bench-password-1" });
    // Webhook channels only (a workspace with channels gets no default email channel).
    await db.insert(alertChannels).values(
      Array.from({ length: channels }, (_, i) => ({
        workspaceId,
        type: "webhook" as const,
        name: `hook ${i}`,
        target: receiver.url(`/${label}/${i}`),
        secrets: { secret: `bench-secret-${i}` },
      })),
    );
    const ms = [];
    for (let i = 0; i < monitorCount; i += 500) {
      ms.push(
        ...(await db
          .insert(monitors)
          .values(
            Array.from({ length: Math.min(500, monitorCount - i) }, (_, j) => ({
              workspaceId,
              type: "heartbeat" as const,
              name: `job ${i + j}`,
              periodSeconds: 3600,
              graceSeconds: 600,
            })),
          )
          .returning({ id: monitors.id })),
      );
    }
    return { workspaceId, monitorIds: ms.map((m) => m.id) };
  };

  // 1. Latency through the fleet's alerts module.
  const lat = await workspace("latency", 1, latencyIncidents);
  const ctx = { instanceId: `bench-alerts-${process.pid}`, region: "bench", concurrency: 10, db, connection: createQueueConnection, redis: ioredis(), log };
  const mod = await alertsModule.start(ctx);
  const latencies: number[] = [];
  for (const monitorId of lat.monitorIds) {
    const before = receiver.requests.length;
    const t0 = performance.now();
    const { incident } = await openIncident(db, { workspaceId: lat.workspaceId, monitorId, cause: "bench", regions: [] });
    for (;;) {
      const hit = receiver.requests.slice(before).find((r) => r.body.includes(incident!.id));
      if (hit) {
        latencies.push(performance.now() - t0 - (Date.now() - hit.at));
        break;
      }
      await new Promise((r) => setTimeout(r, 1));
    }
  }
  await mod.close();
  latencies.sort((a, b) => a - b);

  // 2. Fan-out: write every incident first, then drain with N loops.
  const fan = await workspace("fanout", channelsN, incidentsN);
  const writeStart = performance.now();
  const queue = [...fan.monitorIds];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) await openIncident(db, { workspaceId: fan.workspaceId, monitorId: id, cause: "bench", regions: [] });
    }),
  );
  const writeMs = performance.now() - writeStart;
  const expected = incidentsN * channelsN;
  const [{ n: rows }] = (await db.execute(sql`select count(*)::int as n from alert_outbox where workspace_id = ${fan.workspaceId}`)) as unknown as {
    n: number;
  }[];
  const fanPrefix = "/fanout/";
  const acceptedBefore = receiver.accepted().length;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: loops }, async () => {
      while ((await deliverDueAlerts(db, { limit: 50, concurrency: 16 })) > 0);
    }),
  );
  const drainMs = performance.now() - t0;
  const accepted = receiver
    .accepted()
    .slice(acceptedBefore)
    .filter((r) => r.path.startsWith(fanPrefix));
  const ids = new Map<string, number>();
  for (const r of accepted) ids.set(r.headers["vigil-delivery"] as string, (ids.get(r.headers["vigil-delivery"] as string) ?? 0) + 1);
  const doubled = [...ids.values()].filter((n) => n > 1).length;
  const statuses = await db
    .select({ status: alertOutbox.status, n: sql<number>`count(*)::int` })
    .from(alertOutbox)
    .where(eq(alertOutbox.workspaceId, fan.workspaceId))
    .groupBy(alertOutbox.status);

  const out = {
    machine: {
      cpus: os.cpus().length,
      node: process.version,
      load1AtStart: Math.round(loadAtStart * 100) / 100,
      load1AtEnd: Math.round(os.loadavg()[0] * 100) / 100,
    },
    latency: { incidents: latencies.length, p50Ms: pct(latencies, 50), p95Ms: pct(latencies, 95), maxMs: Math.round(latencies.at(-1) ?? 0), goalP95Ms: 1000 },
    fanout: {
      incidents: incidentsN,
      channelsPerIncident: channelsN,
      loops,
      outboxRows: rows,
      expected,
      writeIncidentsMs: Math.round(writeMs),
      drainMs: Math.round(drainMs),
      deliveriesPerSecond: Math.round((accepted.length / drainMs) * 1000),
      goalPerSecond: 500,
      accepted: accepted.length,
      lost: expected - ids.size,
      doubled,
      outboxStatuses: Object.fromEntries(statuses.map((s) => [s.status, s.n])),
    },
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  await receiver.close();
  await closeDb();
  await closeRedis();
  await destroyTestEnv(testEnv);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
