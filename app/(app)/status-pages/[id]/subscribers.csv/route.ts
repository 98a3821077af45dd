import { getSessionCtx } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { exportSubscribersCsv } from "@/lib/status-pages/subscribers/manage";

/** The page owner's export: a CSV download of the page's subscribers. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const session = await getSessionCtx();
  if (!session) return new Response("Sign in first", { status: 401 });
  const { id } = await params;
  try {
    const csv = await exportSubscribersCsv(session.ctx, id);
    return new Response(csv, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="subscribers.csv"', "cache-control": "no-store" },
    });
  } catch (err) {
    if (err instanceof AppError) return new Response(err.message, { status: err.status });
    throw err;
  }
}
