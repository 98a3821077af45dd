import { db } from "@/lib/db/client";
import { confirmSubscription } from "@/lib/status-pages/subscribers/subscribe";
import { backLink, confirmForm, htmlPage } from "../../_subscribe/respond";

type P = { params: Promise<{ slug: string }> };

export async function GET(req: Request, { params }: P): Promise<Response> {
  const { slug } = await params;
  const token = new URL(req.url).searchParams.get("token") ?? "";
  return htmlPage("Confirm subscription", confirmForm(`/status/${encodeURIComponent(slug)}/subscribe/confirm`, token, "Confirm your subscription?", "Confirm"));
}

/** Single-use: a reused or altered token gets the same "not valid" answer. */
export async function POST(req: Request, { params }: P): Promise<Response> {
  const { slug } = await params;
  const form = await req.formData().catch(() => null);
  const token = String(form?.get("token") ?? new URL(req.url).searchParams.get("token") ?? "");
  const done = await confirmSubscription(db, token);
  if (!done || done.slug !== slug)
    return htmlPage(
      "Link not valid",
      `<h1>This link is not valid</h1><p>It was already used or is incomplete. Subscribe again from the status page.</p>${backLink(slug)}`,
      400,
    );
  return htmlPage(
    "Subscribed",
    `<h1>You're subscribed</h1><p>You'll get an email when an incident is posted or updated and about maintenance.</p>${backLink(slug)}`,
  );
}
