import { statusPageRss } from "@/lib/status-pages/feeds";
import { xmlFeed } from "../feeds";

/** RSS 2.0 feed of the page's incidents (same DTO and cache as the page). */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return xmlFeed(req, (await params).slug, "application/rss+xml", statusPageRss);
}
