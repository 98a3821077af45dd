import { statusPageAtom } from "@/lib/status-pages/feeds";
import { xmlFeed } from "../feeds";

/** Atom 1.0 feed of the page's incidents (same DTO and cache as the page). */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return xmlFeed(req, (await params).slug, "application/atom+xml", statusPageAtom);
}
