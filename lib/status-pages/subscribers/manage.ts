import { and, count, desc, eq, isNotNull } from "drizzle-orm";
import { verb } from "../../context";
import { statusPageSubscribers } from "../../db/schema";
import { NotFoundError } from "../../errors";
import { getStatusPageRowOrThrow } from "../get-status-page";

export type SubscriberOut = { id: string; email: string; confirmed: boolean; confirmedAt: string | null; createdAt: string };

export const countSubscribers = verb("viewer", async (ctx, statusPageId: string): Promise<{ confirmed: number; pending: number }> => {
  const page = await getStatusPageRowOrThrow(ctx, statusPageId);
  const [all] = await ctx.db.select({ n: count() }).from(statusPageSubscribers).where(eq(statusPageSubscribers.statusPageId, page.id));
  const [confirmed] = await ctx.db
    .select({ n: count() })
    .from(statusPageSubscribers)
    .where(and(eq(statusPageSubscribers.statusPageId, page.id), isNotNull(statusPageSubscribers.confirmedAt)));
  return { confirmed: confirmed.n, pending: all.n - confirmed.n };
});

export const listSubscribers = verb("viewer", async (ctx, statusPageId: string): Promise<SubscriberOut[]> => {
  const page = await getStatusPageRowOrThrow(ctx, statusPageId);
  const rows = await ctx.db
    .select()
    .from(statusPageSubscribers)
    .where(and(eq(statusPageSubscribers.statusPageId, page.id), eq(statusPageSubscribers.workspaceId, ctx.workspaceId)))
    .orderBy(desc(statusPageSubscribers.createdAt))
    .limit(50_000);
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    confirmed: r.confirmedAt !== null,
    confirmedAt: r.confirmedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
});

/** CSV with a header row; a cell starting with = + - @ is prefixed with ' so spreadsheets don't run it. */
export const exportSubscribersCsv = verb("editor", async (ctx, statusPageId: string): Promise<string> => {
  const rows = await listSubscribers(ctx, statusPageId);
  const cell = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return (
    [
      "email,confirmed,confirmed_at,subscribed_at",
      ...rows.map((r) => [r.email, String(r.confirmed), r.confirmedAt ?? "", r.createdAt].map(cell).join(",")),
    ].join("\r\n") + "\r\n"
  );
});

export const removeSubscriber = verb("editor", async (ctx, statusPageId: string, subscriberId: string): Promise<void> => {
  const page = await getStatusPageRowOrThrow(ctx, statusPageId);
  if (!/^[0-9a-f-]{36}$/i.test(subscriberId)) throw new NotFoundError("Subscriber");
  const rows = await ctx.db
    .delete(statusPageSubscribers)
    .where(
      and(eq(statusPageSubscribers.id, subscriberId), eq(statusPageSubscribers.statusPageId, page.id), eq(statusPageSubscribers.workspaceId, ctx.workspaceId)),
    )
    .returning({ id: statusPageSubscribers.id });
  if (rows.length === 0) throw new NotFoundError("Subscriber");
});
