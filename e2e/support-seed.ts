/**
 * Seeding for e2e specs that need history (charts, incidents, status pages): writes check_results and
 * incidents straight into the e2e database (process.env.DATABASE_URL, set by e2e/global-setup.ts) and
 * runs the real rollup, so pages read the same rollups they read in production.
 *
 *   const seeded = await seedMonitorHistory(email, { name, url, hours: 72 });
 *   // → { workspaceId, monitorId, incidentId } : an HTTP monitor with `hours` of 5-minute checks from
 *   //   eu and us (ending now), one resolved 20-minute incident 6 h ago whose opening check carries a
 *   //   503 response (headers + body snippet), rolled up into hourly and daily aggregates.
 *   await seedMonitor(email, { name, url })  // a bare monitor, no history
 *   // Another kind: `fields` sets its columns ({ type: "tcp", url: null, settings: { host, port } }) and
 *   // `unrecorded` the timing phases its checks don't record (nulled, as that kind's checks leave them).
 */
import { sql } from "drizzle-orm";
import { db } from "../lib/db/client";
import { incidents, type NewMonitor } from "../lib/db/schema";
import type { TimingPhase } from "../lib/results/types";
import { rollupUntilCaughtUp } from "../lib/rollups/run-rollup";
import { insertCheckSeries, insertMonitor } from "../lib/rollups/seed";

const H = 3_600_000;

async function workspaceOf(email: string): Promise<string> {
  const rows = (await db.execute(sql`
    select m.workspace_id from memberships m join users u on u.id = m.user_id where u.email = ${email.toLowerCase()} limit 1`)) as unknown as {
    workspace_id: string;
  }[];
  if (!rows[0]) throw new Error(`no workspace for ${email}`);
  return rows[0].workspace_id;
}

type SeedFields = { name: string; url: string; paused?: boolean; fields?: Partial<NewMonitor> };

export async function seedMonitor(email: string, opts: SeedFields) {
  const workspaceId = await workspaceOf(email);
  // Paused so the e2e fleet doesn't start checking (and alerting on) a made-up URL.
  const m = await insertMonitor(db, {
    workspaceId,
    name: opts.name,
    url: opts.url,
    paused: opts.paused ?? true,
    regions: ["eu", "us"],
    intervalSeconds: 300,
    ...opts.fields,
  });
  return { workspaceId, monitorId: m.id };
}

export async function seedMonitorHistory(email: string, opts: SeedFields & { hours?: number; unrecorded?: TimingPhase[] }) {
  const { workspaceId, monitorId } = await seedMonitor(email, opts);
  const now = Date.now();
  const hours = opts.hours ?? 72;
  await db.execute(
    sql`update monitors set created_at = ${new Date(now - (hours + 1) * H).toISOString()}::timestamptz, last_checked_at = now() where id = ${monitorId}`,
  );
  const fail = { from: new Date(now - 6 * H), to: new Date(now - 6 * H + 20 * 60_000) };
  await insertCheckSeries(db, { monitorId, regions: ["eu", "us"], from: new Date(now - hours * H), to: new Date(now), everySeconds: 300, failing: [fail] });
  for (const phase of opts.unrecorded ?? []) {
    await db.execute(sql`update check_results set ${sql.identifier(`${phase}_ms`)} = null where monitor_id = ${monitorId}`);
  }
  const [opening] = (await db.execute(sql`
    select id from check_results where monitor_id = ${monitorId} and not ok order by started_at limit 1`)) as unknown as { id: number }[];
  const [incident] = await db
    .insert(incidents)
    .values({
      workspaceId,
      monitorId,
      status: "resolved",
      cause: "HTTP 503 from both regions",
      regions: ["eu", "us"],
      startedAt: fail.from,
      resolvedAt: fail.to,
      statusCode: 503,
      errorClass: "status",
      openingCheckId: Number(opening.id),
    })
    .returning();
  await rollupUntilCaughtUp(db);
  return { workspaceId, monitorId, incidentId: incident.id };
}

/** A running (unpaused) monitor with an open incident, without telling the fleet (it would check it). */
export async function seedDownMonitor(email: string, opts: { name: string; url: string }) {
  const { workspaceId, monitorId } = await seedMonitor(email, { ...opts, paused: false });
  await db.execute(sql`update monitors set status = 'down', pause_history = '[]' where id = ${monitorId}`);
  const [incident] = await db
    .insert(incidents)
    .values({
      workspaceId,
      monitorId,
      status: "open",
      cause: "HTTP 503 from eu, us",
      regions: ["eu", "us"],
      startedAt: new Date(Date.now() - 15 * 60_000),
      statusCode: 503,
      errorClass: "status",
    })
    .returning();
  return { workspaceId, monitorId, incidentId: incident.id };
}
