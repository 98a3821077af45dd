import { escapeHtml } from "@/lib/status-pages/incidents/markdown-lite";

/** A small self-contained page (no script: the status pages' CSP runs none) for the subscription flow. */
export function htmlPage(title: string, body: string, status = 200, headers: Record<string, string> = {}): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#0f172a;line-height:1.5}@media(prefers-color-scheme:dark){body{background:#0f172a;color:#e2e8f0}a{color:#93c5fd}}button{font:inherit;padding:.5rem 1rem;border-radius:.375rem;border:1px solid #64748b;background:#1e293b;color:#fff;cursor:pointer}</style></head>
<body><main>${body}</main></body></html>`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers } });
}

export const backLink = (slug: string) => `<p><a href="/status/${encodeURIComponent(slug)}">Back to the status page</a></p>`;

/** A form that POSTs the token back: mail scanners follow GET links, only a person presses the button. */
export function confirmForm(action: string, token: string, question: string, button: string): string {
  return `<h1>${escapeHtml(question)}</h1><form method="post" action="${escapeHtml(action)}"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">${escapeHtml(button)}</button></form>`;
}
