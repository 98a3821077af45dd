import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";

export type Received = { to: string[]; subject: string; text: string; html: string; messageId: string; headers: Map<string, unknown> };

/** A real SMTP server in-process (port 0) for tests: records what it accepts, can reject recipients, can go down. */
export async function startTestSmtp(opts: { rejectRecipient?: RegExp; holdDataMs?: number } = {}) {
  const received: Received[] = [];
  // Sessions whose client hung up: a message whose DATA was never answered with 250 was not accepted.
  const closed = new Set<string>();
  let port = 0;
  let server: SMTPServer | null = null;
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onRcptTo(address, _s, cb) {
        if (opts.rejectRecipient?.test(address.address)) {
          const err = new Error("5.1.1 Recipient address rejected: user unknown") as Error & { responseCode: number };
          err.responseCode = 550;
          return cb(err);
        }
        cb();
      },
      onClose(session) {
        closed.add(session.id);
      },
      onData(stream, session, cb) {
        simpleParser(stream)
          .then(async (m) => {
            if (opts.holdDataMs) await new Promise((r) => setTimeout(r, opts.holdDataMs));
            if (closed.has(session.id)) return cb(new Error("client went away"));
            const to = (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ""));
            received.push({
              to,
              subject: m.subject ?? "",
              text: m.text ?? "",
              html: typeof m.html === "string" ? m.html : "",
              messageId: m.messageId ?? "",
              headers: m.headers,
            });
            cb();
          })
          .catch(cb);
      },
    });
  const up = async () => {
    server = make();
    await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", () => resolve()));
    port = (server!.server.address() as AddressInfo).port;
  };
  const down = async () => {
    const s = server;
    server = null;
    if (s) await new Promise<void>((r) => s.close(() => r()));
  };
  await up();
  return {
    received,
    get port() {
      return port;
    },
    up,
    down,
    transport: () =>
      nodemailer.createTransport({
        host: "127.0.0.1",
        port,
        secure: false,
        ignoreTLS: true,
        connectionTimeout: 2000,
        greetingTimeout: 2000,
        socketTimeout: 5000,
      }),
    to: (addr: string) => received.filter((m) => m.to.includes(addr)),
  };
}
