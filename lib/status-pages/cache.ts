import { db as processDb, type Db } from "../db/client";
import { env } from "../env";
import { invalidateCachedResponses } from "../http/response-cache";
import { key, kv, type KeyValue } from "../redis/client";
import { loadPublicStatusPage, type PublicStatusPage } from "./public";
import { announceStatusPageChange } from "./change-feed";
import { publicStatusPrefix } from "./public-paths";

/**
 * The public page's DTO, cached so a traffic spike never reaches Postgres per request:
 *  1. an in-process memo, reused while younger than `freshMs` (STATUS_DATA_FRESH_SECONDS, 2 s);
 *  2. Redis (shared by every web instance): a refresh takes a copy another instance built if it is younger
 *     than `freshMs` too, and only otherwise queries the database (single-flight per slug).
 * There is deliberately no stale-while-revalidate here: the response cache in front (server.ts) already
 * serves stale copies within the freshness bound, and a copy's age adds up along the layers. Whatever age a
 * copy has, it is counted from `builtAt`, the moment its queries started, whichever layer hands it on.
 *
 * Status changes reach it through `forgetMonitor` (the fleet announces them on Redis, change-feed.ts): the
 * pages that list the monitor are dropped, and a shared copy built before the change is not taken again.
 */
export type PublicStatusCache = {
  get(slug: string): Promise<PublicStatusPage | null>;
  /** Drops this process's copy of one page; the shared copy older than now is no longer taken. */
  forget(slug: string): void;
  /** Drops every page this process has seen listing the monitor; returns their slugs. */
  forgetMonitor(monitorId: string): string[];
  /** Drops the shared Redis copy too (after an edit or a status change). */
  forgetShared(slug: string): Promise<void>;
  stats: { builds: number; sharedHits: number; memoHits: number };
};

type Entry = { value: PublicStatusPage | null; builtAt: number };
const MAX_ENTRIES = 2_000;
const MAX_MAPPED_PAGES = 20_000;
// How long a shared copy lives in Redis at most; only copies younger than `freshMs` are ever taken.
const SHARED_TTL_SECONDS = 60;

export function createPublicStatusCache(
  opts: {
    db?: () => Db;
    kv?: () => KeyValue;
    freshMs?: number;
    now?: () => number;
  } = {},
): PublicStatusCache {
  const database = opts.db ?? (() => processDb);
  const store = opts.kv ?? kv;
  const freshMs = opts.freshMs ?? env.STATUS_DATA_FRESH_SECONDS * 1000;
  const now = opts.now ?? Date.now;
  const memo = new Map<string, Entry>();
  const inflight = new Map<string, Promise<Entry>>();
  // slug → the moment it last changed: a shared copy built before that is outdated.
  const changedAt = new Map<string, number>();
  // monitorId → slugs of the pages listing it, as of the last build this process saw. Kept beyond the memo's
  // lifetime because the response cache's copies outlive the memo's.
  const pagesOfMonitor = new Map<string, Set<string>>();
  const monitorsOfPage = new Map<string, string[]>();
  const generation = new Map<string, number>();
  const stats = { builds: 0, sharedHits: 0, memoHits: 0 };
  const sharedKey = (slug: string) => key("status-page", "v5", slug); // v5: builtAt = when the queries started, incidents carry id, branding

  function map(slug: string, value: PublicStatusPage | null) {
    for (const id of monitorsOfPage.get(slug) ?? []) pagesOfMonitor.get(id)?.delete(slug);
    monitorsOfPage.delete(slug);
    if (!value) return;
    if (monitorsOfPage.size >= MAX_MAPPED_PAGES) monitorsOfPage.delete(monitorsOfPage.keys().next().value!);
    const ids = value.groups.flatMap((g) => g.monitors.map((m) => m.id));
    monitorsOfPage.set(slug, ids);
    for (const id of ids) {
      let slugs = pagesOfMonitor.get(id);
      if (!slugs) pagesOfMonitor.set(id, (slugs = new Set()));
      slugs.add(slug);
    }
  }

  function remember(slug: string, entry: Entry): Entry {
    if (memo.size >= MAX_ENTRIES && !memo.has(slug)) memo.delete(memo.keys().next().value!);
    memo.set(slug, entry);
    map(slug, entry.value);
    return entry;
  }

  function refresh(slug: string): Promise<Entry> {
    let p = inflight.get(slug);
    if (p) return p;
    p = (async () => {
      const startedIn = generation.get(slug) ?? 0;
      const startedAt = now();
      try {
        const shared = await store()
          .get<Entry>(sharedKey(slug))
          .catch(() => null);
        if (shared && startedAt - shared.builtAt < freshMs && shared.builtAt >= (changedAt.get(slug) ?? 0)) {
          stats.sharedHits++;
          return remember(slug, shared);
        }
        stats.builds++;
        const entry: Entry = { value: await loadPublicStatusPage(database(), slug, new Date(startedAt)), builtAt: startedAt };
        await store()
          .set(sharedKey(slug), entry, { ex: SHARED_TTL_SECONDS })
          .catch(() => undefined);
        // A change announced while this build ran may not be in it: hand it to this caller, keep it for no one.
        return (generation.get(slug) ?? 0) === startedIn ? remember(slug, entry) : entry;
      } finally {
        inflight.delete(slug);
      }
    })();
    inflight.set(slug, p);
    return p;
  }

  async function get(slug: string): Promise<PublicStatusPage | null> {
    const hit = memo.get(slug);
    if (hit && now() - hit.builtAt < freshMs) {
      stats.memoHits++;
      return hit.value;
    }
    return (await refresh(slug)).value;
  }

  function forget(slug: string) {
    memo.delete(slug);
    changedAt.set(slug, now());
    generation.set(slug, (generation.get(slug) ?? 0) + 1);
    if (changedAt.size > MAX_MAPPED_PAGES) changedAt.delete(changedAt.keys().next().value!);
    if (generation.size > MAX_MAPPED_PAGES) generation.delete(generation.keys().next().value!);
  }

  function forgetMonitor(monitorId: string): string[] {
    const slugs = [...(pagesOfMonitor.get(monitorId) ?? [])];
    for (const slug of slugs) forget(slug);
    return slugs;
  }

  async function forgetShared(slug: string) {
    await store()
      .del(sharedKey(slug))
      .catch(() => undefined);
  }

  return { get, forget, forgetMonitor, forgetShared, stats };
}

/** The process's cache, on globalThis: server.ts and Next's server bundle hold separate module instances. */
function processCache(): PublicStatusCache {
  const g = globalThis as unknown as { __vigilStatusCache?: PublicStatusCache };
  return (g.__vigilStatusCache ??= createPublicStatusCache());
}

export const statusCacheStats = new Proxy({} as PublicStatusCache["stats"], { get: (_t, p) => Reflect.get(processCache().stats, p) });

export function getPublicStatusPage(slug: string): Promise<PublicStatusPage | null> {
  return processCache().get(slug);
}

/** After a change in the app or API: the next request rebuilds (in this instance and, via Redis, in others). */
export async function invalidatePublicStatusPage(slug: string): Promise<void> {
  forgetPublicStatusPage(slug);
  await processCache().forgetShared(slug);
  await announceStatusPageChange(slug);
}

/** Drops this process's copies only (the memo and the web server's responses); used for changes announced by others. */
export function forgetPublicStatusPage(slug: string): void {
  processCache().forget(slug);
  invalidateCachedResponses(publicStatusPrefix(slug));
}

/**
 * A monitor changed status (announced by the fleet): drops this process's copies of every page listing it,
 * DTO and responses. Pages this process never built have no copies here to drop. Returns the slugs.
 */
export async function forgetMonitorStatus(monitorId: string): Promise<string[]> {
  const slugs = processCache().forgetMonitor(monitorId);
  for (const slug of slugs) invalidateCachedResponses(publicStatusPrefix(slug));
  await Promise.all(slugs.map((s) => processCache().forgetShared(s)));
  return slugs;
}
