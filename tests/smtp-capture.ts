/** Test kit: the local mail sink (scripts/mail-sink.ts) on free ports, with a transport to it (not app code). */
import type { AddressInfo } from "node:net";
import nodemailer, { type Transporter } from "nodemailer";
import { SMTPServer } from "smtp-server";
import { startMailSink, type SinkMessage } from "../scripts/mail-sink";

export type CapturedMail = SinkMessage;

export async function startSmtpCapture() {
  const sink = await startMailSink({ smtpPort: 0, httpPort: 0 });
  const transport: Transporter = nodemailer.createTransport({ host: "127.0.0.1", port: sink.smtpPort, secure: false, ignoreTLS: true });

  /** Polls until a message to this address arrives (sendMail resolves once the server accepted it). */
  async function waitFor(to: string, timeoutMs = 5000): Promise<CapturedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = sink.messages.find((m) => m.to.includes(to.toLowerCase()));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  return {
    port: sink.smtpPort,
    transport,
    received: sink.messages,
    waitFor,
    close: async () => {
      transport.close();
      await sink.close();
    },
  };
}

/** A transport to a port where nothing listens: sending fails fast with ECONNREFUSED. */
export async function unreachableTransport(): Promise<Transporter> {
  const probe = new SMTPServer({ logger: false });
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const port = (probe.server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true, connectionTimeout: 2000 });
}
