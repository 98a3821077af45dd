import { getPublicStatusPage } from "@/lib/status-pages/cache";
import { requestClientIp } from "@/lib/http/client-ip";
import { takePublicToken } from "@/lib/status-pages/ip-limit";

/** The public page's data as JSON (the same allow-listed DTO), from the same cache. */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const wait = takePublicToken(requestClientIp(req.headers));
  if (wait)
    return Response.json(
      { error: { code: "rate_limited", message: `Too many requests; retry in ${wait}s` } },
      { status: 429, headers: { "retry-after": String(wait) } },
    );
  const { slug } = await params;
  const page = /^[a-z0-9](-?[a-z0-9])*$/.test(slug) ? await getPublicStatusPage(slug) : null;
  if (!page) return Response.json({ error: { code: "not_found", message: "Status page not found" } }, { status: 404 });
  return Response.json(page, { headers: { "cache-control": "public, no-cache", "access-control-allow-origin": "*" } });
}
