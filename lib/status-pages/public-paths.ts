import type { IncomingHttpHeaders } from "node:http";

/**
 * The public status URLs that are the same for every visitor and may be served from a response
 * cache: the page, its JSON feed and its badges. Anything with a query string or Next's client-router
 * headers (RSC payloads, prefetches, server actions) goes to the app as usual.
 */
const PUBLIC_STATUS_PATH = /^\/status\/[a-z0-9](?:-?[a-z0-9]){0,59}(?:\/feed\.(?:json|rss|atom)|\/badge\/[A-Za-z0-9-]{1,64}(?:\.svg)?)?$/;
const PER_CLIENT_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "authorization"];

export function publicStatusCacheKey(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): string | null {
  if (method !== "GET" && method !== "HEAD") return null;
  if (!url || !PUBLIC_STATUS_PATH.test(url)) return null;
  if (PER_CLIENT_HEADERS.some((h) => headers[h] !== undefined)) return null;
  return url;
}

/** Every cached URL of one page starts with this (used to drop them after an edit). */
export const publicStatusPrefix = (slug: string) => `/status/${slug}`;
