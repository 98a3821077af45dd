import { db } from "@/lib/db/client";
import { unsubscribe } from "@/lib/status-pages/subscribers/subscribe";
import { backLink, confirmForm, htmlPage } from "../_subscribe/respond";

type P = { params: Promise<{ slug: string }> };

export async function GET(req: Request, { params }: P): Promise<Response> {
  const { slug } = await params;
  const token = new URL(req.url).searchParams.get("token") ?? "";
  return htmlPage(
    "Unsubscribe",
    confirmForm(
      `/status/${encodeURIComponent(slug)}/unsubscribe?token=${encodeURIComponent(token)}`,
      token,
      "Stop getting emails about this status page?",
      "Unsubscribe",
    ),
  );
}

/**
 * The button above and RFC 8058 one-click (a mail client POSTs "List-Unsubscribe=One-Click" to the URL in
 * List-Unsubscribe, token in the query). Idempotent: the answer is the same whether a row was removed.
 */
export async function POST(req: Request, { params }: P): Promise<Response> {
  const { slug } = await params;
  const form = await req.formData().catch(() => null);
  const token = String(form?.get("token") ?? "") || (new URL(req.url).searchParams.get("token") ?? "");
  await unsubscribe(db, token);
  return htmlPage("Unsubscribed", `<h1>You're unsubscribed</h1><p>No more emails will be sent to this address about this page.</p>${backLink(slug)}`);
}
