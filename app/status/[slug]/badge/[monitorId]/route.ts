import { getPublicStatusPage } from "@/lib/status-pages/cache";
import { uptimeBadgeSvg } from "@/lib/status-pages/badge";
import { requestClientIp } from "@/lib/http/client-ip";
import { takePublicToken } from "@/lib/status-pages/ip-limit";

/** SVG uptime badge (90 days) for a monitor listed on this page; anything else is 404. */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string; monitorId: string }> }): Promise<Response> {
  const wait = takePublicToken(requestClientIp(req.headers));
  if (wait) return new Response("Too many requests", { status: 429, headers: { "retry-after": String(wait) } });
  const { slug, monitorId } = await params;
  const id = monitorId.replace(/\.svg$/, "");
  const page = /^[a-z0-9](-?[a-z0-9])*$/.test(slug) ? await getPublicStatusPage(slug) : null;
  const monitor = page?.groups.flatMap((g) => g.monitors).find((m) => m.id === id);
  if (!monitor) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } });
  return new Response(uptimeBadgeSvg(monitor.name, monitor.uptime90d), {
    headers: { "content-type": "image/svg+xml; charset=utf-8", "cache-control": "public, no-cache" },
  });
}
