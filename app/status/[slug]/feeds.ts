import { env } from "@/lib/env";
import { requestClientIp } from "@/lib/http/client-ip";
import { getPublicStatusPage } from "@/lib/status-pages/cache";
import type { PublicStatusPage } from "@/lib/status-pages/public";
import { takePublicToken } from "@/lib/status-pages/ip-limit";

/** The shared shell of the XML feed routes: per-IP limit, slug check, the cached DTO, one content type. */
export async function xmlFeed(req: Request, slug: string, contentType: string, render: (page: PublicStatusPage, baseUrl: string) => string): Promise<Response> {
  const wait = takePublicToken(requestClientIp(req.headers));
  if (wait)
    return new Response(`Too many requests; retry in ${wait}s\n`, {
      status: 429,
      headers: { "retry-after": String(wait), "content-type": "text/plain; charset=utf-8" },
    });
  const page = /^[a-z0-9](-?[a-z0-9])*$/.test(slug) && slug.length <= 60 ? await getPublicStatusPage(slug) : null;
  if (!page) return new Response("Status page not found\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  // A page with its own domain is canonically there (the web server answers /status/<slug> on it too).
  const base = page.customDomain ? `https://${page.customDomain}` : new URL(env.APP_URL).origin;
  return new Response(render(page, base), {
    headers: { "content-type": `${contentType}; charset=utf-8`, "cache-control": "public, no-cache", "access-control-allow-origin": "*" },
  });
}
