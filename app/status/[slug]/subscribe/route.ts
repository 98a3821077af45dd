import { db } from "@/lib/db/client";
import { NotFoundError, RateLimitedError, ValidationError } from "@/lib/errors";
import { requestClientIp } from "@/lib/http/client-ip";
import { escapeHtml } from "@/lib/status-pages/incidents/markdown-lite";
import { subscribe } from "@/lib/status-pages/subscribers/subscribe";
import { backLink, htmlPage } from "../_subscribe/respond";

type P = { params: Promise<{ slug: string }> };

/** POST /status/{slug}/subscribe (form field email): the same answer whether or not the address was known. */
export async function POST(req: Request, { params }: P): Promise<Response> {
  const { slug } = await params;
  const form = await req.formData().catch(() => null);
  try {
    await subscribe(db, { slug, email: form?.get("email"), ip: requestClientIp(req.headers) });
  } catch (err) {
    if (err instanceof RateLimitedError) {
      return htmlPage("Too many requests", `<h1>Too many requests</h1><p>Please try again in ${err.retryAfterSeconds} seconds.</p>${backLink(slug)}`, 429, {
        "retry-after": String(err.retryAfterSeconds),
      });
    }
    if (err instanceof NotFoundError) return htmlPage("Not found", "<h1>Not found</h1>", 404);
    if (err instanceof ValidationError) {
      return htmlPage(
        "Check the address",
        `<h1>Check the address</h1><p>${escapeHtml(err.fields?.email ?? "Enter an email address")}</p>${backLink(slug)}`,
        400,
      );
    }
    throw err;
  }
  return htmlPage(
    "Check your inbox",
    `<h1>Check your inbox</h1><p>If the address can receive updates, we've sent it a link to confirm the subscription.</p>${backLink(slug)}`,
    202,
  );
}
