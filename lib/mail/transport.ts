import nodemailer, { type Transporter } from "nodemailer";
import { env } from "../env";

const g = globalThis as unknown as { __vigilMailer?: Transporter };

/** One pooled SMTP transport per process, from SMTP_URL (e.g. smtp://127.0.0.1:1025 or smtps://user:pass@host). */
export function mailer(): Transporter {
  g.__vigilMailer ??= nodemailer.createTransport(env.SMTP_URL, { from: env.MAIL_FROM });
  return g.__vigilMailer;
}

export type OutgoingMail = { to: string; subject: string; text: string; html?: string; headers?: Record<string, string> };

export async function sendMail(mail: OutgoingMail, transport: Transporter = mailer()): Promise<{ messageId: string }> {
  const info = await transport.sendMail({ from: env.MAIL_FROM, ...mail });
  return { messageId: info.messageId };
}
