// An IPv4 client of a dual-stack socket shows as ::ffff:a.b.c.d.
const unmapped = (ip: string) => (ip.startsWith("::ffff:") && ip.includes(".") ? ip.slice(7) : ip);

/**
 * The client's address as this server may believe it. With no proxy in front (`trustedHops` 0) that is
 * the socket's peer, whatever X-Forwarded-For says: the header is the client's own words. Behind N
 * trusted proxies, each appends the address it saw, so the client is the entry N places from the right
 * of (X-Forwarded-For…, socket); anything further left was written by the client and is ignored.
 */
export function resolveClientIp(forwardedFor: string | string[] | undefined, socketAddress: string | undefined, trustedHops: number): string {
  // No header: the socket's peer, however many hops are trusted (the common case, and every cached page view).
  if (forwardedFor === undefined) return unmapped(socketAddress ?? "unknown");
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor;
  const chain = [
    ...header
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    socketAddress ?? "unknown",
  ];
  return unmapped(chain[Math.max(0, chain.length - 1 - trustedHops)]);
}

/**
 * The client's address for code running inside Next (route handlers, server actions), which sees headers
 * but no socket: the right-most X-Forwarded-For entry, i.e. what the nearest proxy set. Behind server.ts
 * that header holds exactly the address resolveClientIp settled on; without it, nginx, load balancers and
 * Vercel append or set it, which a client cannot forge by sending its own.
 */
export function requestClientIp(headers: Record<string, string | string[] | undefined> | Headers | undefined): string {
  const get = (name: string) => {
    const v = headers instanceof Headers ? headers.get(name) : headers?.[name];
    return Array.isArray(v) ? v.join(",") : v;
  };
  const hops =
    get("x-forwarded-for")
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean) ?? [];
  return hops[hops.length - 1] ?? get("x-real-ip")?.trim() ?? "unknown";
}
