/**
 * A local mail sink for development and tests: accepts any SMTP message and shows it in a web inbox.
 * Web: GET / (inbox), GET /messages/:id; JSON: GET /api/messages (newest first), DELETE /api/messages.
 * Webhooks: POST /webhooks/… is recorded (signature checked with MAIL_SINK_WEBHOOK_SECRET) and listed on
 * the inbox page; JSON: GET /api/webhooks.
 */
import http from "node:http";
import { pathToFileURL } from "node:url";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { webhookRecorder, webhooksTable } from "./sink-webhooks";

export type SinkMessage = {
  id: number;
  from: string;
  to: string[];
  subject: string;
  date: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
};

const MAX_MESSAGES = 1000;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#0f172a;background:#f8fafc}header{background:#0f172a;color:#fff;padding:12px 24px;font-weight:600}main{max-width:960px;margin:24px auto;padding:0 16px}
table{width:100%;border-collapse:collapse;background:#fff;border-radius:8px;overflow:hidden;box-shadow:0 1px 2px #0001}td,th{padding:10px 12px;border-bottom:1px solid #e2e8f0;text-align:left}a{color:#2563eb;text-decoration:none}
.muted{color:#64748b}iframe{width:100%;min-height:480px;border:1px solid #e2e8f0;border-radius:8px;background:#fff}pre{white-space:pre-wrap;background:#fff;padding:12px;border-radius:8px;border:1px solid #e2e8f0}</style></head>
<body><header>Vigil mail sink <span class="muted">· every email sent locally lands here</span></header><main>${body}</main></body></html>`;
}

export async function startMailSink(opts: { smtpPort: number; httpPort: number; host?: string; webhookSecret?: string }) {
  const host = opts.host ?? "127.0.0.1";
  const messages: SinkMessage[] = [];
  const webhooks = webhookRecorder(opts.webhookSecret);
  let nextId = 1;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ""));
          const headers: Record<string, string> = {};
          for (const [k, v] of mail.headers) headers[k] = typeof v === "string" ? v : JSON.stringify(v);
          messages.unshift({
            id: nextId++,
            from: mail.from?.text ?? "",
            to,
            subject: mail.subject ?? "(no subject)",
            date: (mail.date ?? new Date()).toISOString(),
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : null,
            headers,
          });
          messages.length = Math.min(messages.length, MAX_MESSAGES);
          callback();
        })
        .catch((err) => callback(err));
    },
  });

  const web = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://sink");
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { "content-type": type });
      res.end(body);
    };
    if (url.pathname === "/api/messages" && req.method === "GET") return send(200, "application/json", JSON.stringify(messages));
    if (url.pathname.startsWith("/webhooks/") && req.method === "POST") return webhooks.handle(req, res, url.pathname);
    if (url.pathname === "/api/webhooks" && req.method === "GET") return send(200, "application/json", JSON.stringify(webhooks.received));
    if (url.pathname === "/api/messages" && req.method === "DELETE") {
      messages.length = 0;
      return send(204, "text/plain", "");
    }
    const one = /^\/messages\/(\d+)$/.exec(url.pathname);
    if (one) {
      const m = messages.find((x) => x.id === Number(one[1]));
      if (!m) return send(404, "text/html", page("Not found", "<p>No such message.</p>"));
      const html = m.html ? `<iframe sandbox title="HTML part" srcdoc="${escape(m.html)}"></iframe>` : "";
      return send(
        200,
        "text/html",
        page(
          m.subject,
          `<p><a href="/">← Inbox</a></p><h2>${escape(m.subject)}</h2><p class="muted">From ${escape(m.from)} to ${escape(m.to.join(", "))} · ${escape(m.date)}</p>${html}<h3>Plain text</h3><pre>${escape(m.text)}</pre>`,
        ),
      );
    }
    if (url.pathname === "/") {
      const rows = messages
        .map(
          (m) =>
            `<tr><td><a href="/messages/${m.id}">${escape(m.subject)}</a></td><td>${escape(m.to.join(", "))}</td><td class="muted">${escape(m.date)}</td></tr>`,
        )
        .join("");
      const body = messages.length
        ? `<table><thead><tr><th>Subject</th><th>To</th><th>Received</th></tr></thead><tbody>${rows}</tbody></table>`
        : `<p class="muted">No mail yet. Invites and alerts sent by Vigil show up here.</p>`;
      const hooks = `<h2>Webhooks (${webhooks.received.length})</h2>${webhooksTable(webhooks.received, escape)}`;
      return send(200, "text/html", page("Inbox", `<h2>Inbox (${messages.length})</h2>${body}${hooks}<script>setTimeout(()=>location.reload(),5000)</script>`));
    }
    send(404, "text/plain", "not found");
  });

  await new Promise<void>((resolve, reject) => smtp.listen(opts.smtpPort, host, () => resolve()).once("error", reject));
  await new Promise<void>((resolve, reject) => web.listen(opts.httpPort, host, () => resolve()).once("error", reject));
  const smtpPort = (smtp.server.address() as { port: number }).port;
  const httpPort = (web.address() as { port: number }).port;
  return {
    smtpPort,
    httpPort,
    messages,
    webhooks: webhooks.received,
    close: async () => {
      await new Promise<void>((r) => smtp.close(() => r()));
      await new Promise<void>((r) => web.close(() => r()));
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const smtpPort = Number(process.env.MAIL_SINK_SMTP_PORT ?? 1025);
  const httpPort = Number(process.env.MAIL_SINK_HTTP_PORT ?? 1080);
  const sink = await startMailSink({ smtpPort, httpPort, webhookSecret: process.env.MAIL_SINK_WEBHOOK_SECRET });
  console.log(`mail sink: smtp://127.0.0.1:${sink.smtpPort}  inbox http://127.0.0.1:${sink.httpPort}`);
  const stop = () => void sink.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
