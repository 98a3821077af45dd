import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import type { SubscriberEmailKind } from "../../db/schema";

export type SubscriberEmail = { subject: string; text: string; html?: string };

/**
 * One outbox row per confirmed subscriber of these pages (only pages with subscribers turned on), in the
 * caller's transaction, so the thing announced and its emails commit together. One INSERT … SELECT
 * whatever the number of subscribers; `${kind}:${thingKey}:${subscriber}` makes a second email about the
 * same thing impossible (a retried sweep, two workers).
 */
export async function enqueueSubscriberEmails(
  tx: Tx | Db,
  input: { statusPageIds: string[]; kind: SubscriberEmailKind; thingKey: string; email: SubscriberEmail },
): Promise<number> {
  if (input.statusPageIds.length === 0) return 0;
  const pages = sql.join(
    input.statusPageIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = await tx.execute(sql`
    insert into subscriber_outbox (workspace_id, status_page_id, subscriber_id, kind, idempotency_key, payload)
    select s.workspace_id, s.status_page_id, s.id, ${input.kind}, ${`${input.kind}:${input.thingKey}:`} || s.id::text, ${JSON.stringify(input.email)}::jsonb
    from status_page_subscribers s
    join status_pages p on p.id = s.status_page_id and p.subscribers_enabled
    where s.status_page_id in (${pages}) and s.confirmed_at is not null
    on conflict (idempotency_key) do nothing
    returning id`);
  // The delivery sweep (lib/status-pages/subscribers/deliver.ts) polls every few seconds: no NOTIFY needed.
  return (rows as unknown as unknown[]).length;
}

/** The pages (of this workspace) listing any of these monitors: who hears of their maintenance. */
export async function pagesListingMonitors(tx: Tx | Db, workspaceId: string, monitorIds: string[]): Promise<string[]> {
  if (monitorIds.length === 0) return [];
  const ids = sql.join(
    monitorIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = await tx.execute(sql`
    select distinct p.id from status_pages p join status_page_monitors spm on spm.status_page_id = p.id
    where p.workspace_id = ${workspaceId} and p.subscribers_enabled and spm.monitor_id in (${ids})`);
  return (rows as unknown as { id: string }[]).map((r) => r.id);
}
