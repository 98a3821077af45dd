import { db } from "../db/client";
import { invalidateCachedResponses } from "../http/response-cache";
import { key, kv } from "../redis/client";
import { loadPublicStatusPage, type PublicStatusPage } from "./public";
import { announceStatusPageChange } from "./change-feed";
import { publicStatusPrefix } from "./public-paths";

/**
 * Two-level cache for the public page's DTO, so a traffic spike never reaches Postgres per request:
 *  1. an in-process memo, fresh for FRESH_MS; after that the stale copy is served while one refresh
 *     runs in the background (stale-while-revalidate, single-flight per slug);
 *  2. Redis (kv(), shared by every web instance): a refresh takes a copy built by another instance if
 *     it is younger than SHARED_FRESH_MS, and only otherwise queries the database.
 * So the DTO is at most FRESH_MS + SHARED_FRESH_MS (+ one build) old; with the page's ISR and the web
 * server's response cache in front, what a visitor sees is under 60 s old (see app/status/[slug]/page.tsx).
 * Unknown slugs are cached too (as null), so scanning random slugs doesn't hit the database either.
 */
const FRESH_MS = 10_000;
const SHARED_FRESH_MS = 20_000;
const MAX_STALE_MS = 120_000;
const MAX_ENTRIES = 2_000;

type Entry = { value: PublicStatusPage | null; builtAt: number };
const g = globalThis as unknown as { __vigilStatusMemo?: Map<string, Entry>; __vigilStatusInflight?: Map<string, Promise<Entry>> };
const memo = (g.__vigilStatusMemo ??= new Map());
const inflight = (g.__vigilStatusInflight ??= new Map());

export const statusCacheStats = { builds: 0, sharedHits: 0, memoHits: 0 };

const cacheKey = (slug: string) => key("status-page", "v2", slug); // v2: incidents carry endedBy

async function refresh(slug: string): Promise<Entry> {
  let p = inflight.get(slug);
  if (p) return p;
  p = (async () => {
    try {
      const shared = await kv().get<Entry>(cacheKey(slug)).catch(() => null);
      if (shared && Date.now() - shared.builtAt < SHARED_FRESH_MS) {
        statusCacheStats.sharedHits++;
        return remember(slug, shared);
      }
      statusCacheStats.builds++;
      const entry: Entry = { value: await loadPublicStatusPage(db, slug), builtAt: Date.now() };
      await kv().set(cacheKey(slug), entry, { ex: Math.ceil(MAX_STALE_MS / 1000) }).catch(() => undefined);
      return remember(slug, entry);
    } finally {
      inflight.delete(slug);
    }
  })();
  inflight.set(slug, p);
  return p;
}

function remember(slug: string, entry: Entry): Entry {
  if (memo.size >= MAX_ENTRIES && !memo.has(slug)) memo.delete(memo.keys().next().value!);
  memo.set(slug, entry);
  return entry;
}

export async function getPublicStatusPage(slug: string): Promise<PublicStatusPage | null> {
  const hit = memo.get(slug);
  const age = hit ? Date.now() - hit.builtAt : Infinity;
  if (hit && age < FRESH_MS) {
    statusCacheStats.memoHits++;
    return hit.value;
  }
  if (hit && age < MAX_STALE_MS) {
    statusCacheStats.memoHits++;
    void refresh(slug).catch(() => undefined);
    return hit.value;
  }
  return (await refresh(slug)).value;
}

/** After a change in the app or API: the next request rebuilds (in this instance and, via Redis, in others). */
export async function invalidatePublicStatusPage(slug: string): Promise<void> {
  forgetPublicStatusPage(slug);
  await kv().del(cacheKey(slug)).catch(() => undefined);
  await announceStatusPageChange(slug);
}

/** Drops this process's copies only (the memo and the web server's responses); used for changes announced by others. */
export function forgetPublicStatusPage(slug: string): void {
  memo.delete(slug);
  invalidateCachedResponses(publicStatusPrefix(slug));
}
