import { sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Db } from "../db/client";
import { announceMonitorStatusChange } from "../status-pages/change-feed";
import type { CheckRecord, WriteOutcome } from "./types";

const key = (monitorId: string, region: string, startedAt: number) => `${monitorId}|${region}|${startedAt}`;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const num = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? null : n);
const int = (n: number | null | undefined) => (num(n) === null ? null : Math.round(n as number));

/**
 * Writes a batch of check results atomically: a multi-row insert into check_results, an upsert
 * of each (monitor, region) state and an update of each monitor's last check. The batch must hold at
 * most one row per (monitor, region) (the writer guarantees it), so consecutive counters are exact.
 * Rows of monitors deleted meanwhile, and repeats of a slot already stored, are skipped, not failed
 * (checkId null). Returns one outcome per input row.
 */
export async function writeResultBatch(db: Db, records: CheckRecord[]): Promise<WriteOutcome[]> {
  if (records.length === 0) return [];
  const rows = records.map((r) => ({
    monitor_id: r.monitorId,
    region: r.region,
    scheduled_at: iso(r.scheduledAt),
    started_at: r.result.startedAt.toISOString(),
    ok: r.result.ok,
    status_code: int(r.result.statusCode),
    latency_ms: int(r.result.latencyMs),
    dns_ms: num(r.result.timings?.dnsMs),
    connect_ms: num(r.result.timings?.connectMs),
    tls_ms: num(r.result.timings?.tlsMs),
    ttfb_ms: num(r.result.timings?.ttfbMs),
    total_ms: num(r.result.timings?.totalMs),
    error_class: r.result.errorClass,
    error: r.result.error?.slice(0, 1000) ?? null,
    tls_expires_at: iso(r.result.tlsExpiresAt),
    response_snippet: r.result.ok ? null : (r.result.bodySnippet?.slice(0, 2048) ?? null),
    response_headers: r.result.ok ? null : (r.result.responseHeaders?.slice(0, 4096) ?? null),
    // Capped so a kind can't bloat the table: an over-long detail is dropped, not truncated into broken JSON.
    detail: r.result.detail && JSON.stringify(r.result.detail).length <= 8192 ? r.result.detail : null,
    summary: r.summary,
  }));
  // Latest row per monitor, for monitors.last_checked_at.
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const cur = latest.get(r.monitor_id);
    if (!cur || cur.started_at < r.started_at) latest.set(r.monitor_id, r);
  }
  const payload = JSON.stringify(rows);
  const monitorsPayload = JSON.stringify([...latest.values()].sort((a, b) => (a.monitor_id < b.monitor_id ? -1 : 1)));

  // One statement (data-modifying CTEs are atomic together) with one jsonb parameter per input, whatever
  // the batch size: one round trip, and no explicit transaction that a dying connection could leave hanging.
  const out = (await db.execute(sql`
    with v as (
      select * from jsonb_to_recordset(${payload}::jsonb) as v(monitor_id uuid, region text, scheduled_at timestamptz, started_at timestamptz, ok boolean, status_code int, latency_ms int, dns_ms real, connect_ms real, tls_ms real, ttfb_ms real, total_ms real, error_class text, error text, tls_expires_at timestamptz, response_snippet text, response_headers text, detail jsonb, summary text)
      where exists (select 1 from monitors m where m.id = v.monitor_id)
    ),
    ins as (
      insert into check_results (monitor_id, region, scheduled_at, started_at, ok, status_code, latency_ms, dns_ms, connect_ms, tls_ms, ttfb_ms, total_ms, error_class, error, tls_expires_at, response_snippet, response_headers, detail)
      select monitor_id, region, scheduled_at, started_at, ok, status_code, latency_ms, dns_ms, connect_ms, tls_ms, ttfb_ms, total_ms, error_class, error, tls_expires_at, response_snippet, response_headers, detail from v
      -- A slot already stored (check_results_slot_once): this run of its job is a repeat.
      on conflict do nothing
      returning id, monitor_id, region, started_at, (extract(epoch from started_at) * 1000)::bigint as started_ms
    ),
    lat as (select * from jsonb_to_recordset(${monitorsPayload}::jsonb) as l(monitor_id uuid, started_at timestamptz, latency_ms int, ok boolean, tls_expires_at timestamptz)),
    -- Monitor rows locked in id order, so concurrent batches from several workers can't deadlock.
    -- Also the status before this statement (the locked row's latest version), so a change can be announced.
    locked as (select m.id, m.status as was from monitors m join lat on lat.monitor_id = m.id order by m.id for no key update of m),
    upd as (
      update monitors m set
        last_checked_at = greatest(m.last_checked_at, lat.started_at),
        last_latency_ms = case when m.last_checked_at is null or m.last_checked_at <= lat.started_at then lat.latency_ms else m.last_latency_ms end,
        status = case when m.status = 'pending' and lat.ok then 'up' else m.status end,
        -- The certificate last seen; a different one (renewed) starts its expiry thresholds over.
        tls_expires_at = coalesce(lat.tls_expires_at, m.tls_expires_at),
        tls_alerted_days = case when lat.tls_expires_at is not null and lat.tls_expires_at is distinct from m.tls_expires_at then null else m.tls_alerted_days end
      from lat join locked on locked.id = lat.monitor_id where m.id = lat.monitor_id
      returning m.id, m.status, locked.was, m.workspace_id, m.tls_expires_at, m.tls_alerted_days, m.tls_expiry_alert_days
    ),
    -- Certificate expiry rides on this statement: only a monitor whose certificate crossed a threshold not
    -- yet alerted comes back (the smallest crossed one), so the common case costs no extra round trip.
    cert as (
      select id, workspace_id, tls_expires_at, (
        select min(d) from unnest(upd.tls_expiry_alert_days) d
        where d > 0 and upd.tls_expires_at <= now() + d * interval '1 day' and (upd.tls_alerted_days is null or d < upd.tls_alerted_days)
      ) as due
      from upd where upd.tls_expires_at is not null
    ),
    st as (
      insert into monitor_region_state as s (monitor_id, region, ok, checked_at, consecutive_failures, consecutive_successes, last_error, last_status_code, updated_at)
      select v.monitor_id, v.region, v.ok, v.started_at, case when v.ok then 0 else 1 end, case when v.ok then 1 else 0 end, v.summary, v.status_code, now()
      -- Only rows actually stored count: a slot's repeat must not bump the consecutive counters.
      from v join ins on ins.monitor_id = v.monitor_id and ins.region = v.region and ins.started_at = v.started_at
      order by v.monitor_id, v.region
      on conflict (monitor_id, region) do update set
        ok = excluded.ok,
        checked_at = excluded.checked_at,
        consecutive_failures = case when excluded.ok then 0 else s.consecutive_failures + 1 end,
        consecutive_successes = case when excluded.ok then s.consecutive_successes + 1 else 0 end,
        last_error = excluded.last_error,
        last_status_code = excluded.last_status_code,
        updated_at = now()
      where s.checked_at <= excluded.checked_at
      returning monitor_id, region, consecutive_failures, consecutive_successes
    )
    select 'i' as k, id::text as a, monitor_id::text as b, region as c, started_ms::text as d, null::int as e, null::int as f from ins
    union all select 'u', was, id::text, status, null, null, null from upd
    union all select 's', null, monitor_id::text, region, null, consecutive_failures, consecutive_successes from st
    union all select 'c', null, id::text, workspace_id::text, (extract(epoch from tls_expires_at) * 1000)::bigint::text, due, null from cert where due is not null
  `)) as unknown as { k: string; a: string | null; b: string; c: string | null; d: string | null; e: number | null; f: number | null }[];
  const result = {
    inserted: out.filter((r) => r.k === "i").map((r) => ({ id: r.a!, monitor_id: r.b, region: r.c!, started_ms: r.d! })),
    statuses: out.filter((r) => r.k === "u").map((r) => ({ id: r.b, status: r.c!, was: r.a })),
    states: out.filter((r) => r.k === "s").map((r) => ({ monitor_id: r.b, region: r.c!, consecutive_failures: r.e!, consecutive_successes: r.f! })),
  };

  // A first result turning "pending" into "up" changes what status pages show; incidents announce their own
  // changes. One message per batch, and none (no Redis call at all) when no status changed. The statement
  // has committed unless a caller's transaction holds it: then that caller announces.
  const turnedUp = result.statuses.filter((r) => r.was !== r.status).map((r) => r.id);
  if (turnedUp.length && !(db instanceof PgTransaction)) void announceMonitorStatusChange(turnedUp);

  const ids = new Map(result.inserted.map((r) => [key(r.monitor_id, r.region, Number(r.started_ms)), Number(r.id)]));
  const status = new Map(result.statuses.map((r) => [r.id, r.status]));
  const state = new Map(result.states.map((r) => [`${r.monitor_id}|${r.region}`, r]));
  const certs = new Map(out.filter((r) => r.k === "c").map((r) => [r.b, { workspaceId: r.c!, expiresAt: new Date(Number(r.d)), thresholdDays: r.e! }]));
  return records.map((r) => {
    const s = state.get(`${r.monitorId}|${r.region}`);
    return {
      checkId: ids.get(key(r.monitorId, r.region, r.result.startedAt.getTime())) ?? null,
      monitorStatus: status.get(r.monitorId) ?? null,
      consecutiveFailures: s?.consecutive_failures ?? null,
      consecutiveSuccesses: s?.consecutive_successes ?? null,
      certificateDue: certs.get(r.monitorId) ?? null,
    };
  });
}
