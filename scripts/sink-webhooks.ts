/**
 * The mail sink's webhook receiver: `npm run up` points a demo webhook channel here, so a new user sees
 * a delivery (headers, body, whether its signature verifies) next to the emails.
 */
import type http from "node:http";
import { verifyWebhookSignature } from "../lib/alerts/signature";

export type SinkWebhook = {
  id: number;
  path: string;
  receivedAt: string;
  event: string;
  delivery: string;
  signature: "valid" | "invalid" | "unsigned";
  body: string;
};

const MAX_WEBHOOKS = 500;
const MAX_BODY_BYTES = 64 * 1024;

export function webhookRecorder(secret: string | undefined) {
  const received: SinkWebhook[] = [];
  let nextId = 1;

  /** Answers POST /webhooks/…: 204 once recorded, 413 past 64 KiB. */
  function handle(req: http.IncomingMessage, res: http.ServerResponse, path: string): void {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        res.writeHead(413).end();
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => {
      if (res.writableEnded) return;
      const body = Buffer.concat(chunks).toString("utf8");
      const header = String(req.headers["vigil-signature"] ?? "");
      const signature = !header ? "unsigned" : secret && verifyWebhookSignature(header, body, secret).ok ? "valid" : "invalid";
      received.unshift({
        id: nextId++,
        path,
        receivedAt: new Date().toISOString(),
        event: String(req.headers["vigil-event"] ?? ""),
        delivery: String(req.headers["vigil-delivery"] ?? ""),
        signature,
        body,
      });
      received.length = Math.min(received.length, MAX_WEBHOOKS);
      res.writeHead(204).end();
    });
  }

  return { received, handle };
}

export function webhooksTable(list: SinkWebhook[], escape: (s: string) => string): string {
  if (!list.length) return `<p class="muted">No webhooks yet. Alerts to the demo webhook channel show up here.</p>`;
  const pretty = (body: string) => {
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      return body;
    }
  };
  const rows = list
    .slice(0, 50)
    .map(
      (w) =>
        `<tr><td><details><summary>${escape(w.event || "(no event)")}</summary><pre>${escape(pretty(w.body))}</pre></details></td><td>${escape(w.signature)}</td><td class="muted">${escape(w.delivery)}</td><td class="muted">${escape(w.receivedAt)}</td></tr>`,
    )
    .join("");
  return `<table><thead><tr><th>Event</th><th>Signature</th><th>Delivery id</th><th>Received</th></tr></thead><tbody>${rows}</tbody></table>`;
}
