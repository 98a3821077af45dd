import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailSink } from "./mail-sink";

describe("mail sink", () => {
  let sink: Awaited<ReturnType<typeof startMailSink>>;
  beforeAll(async () => {
    sink = await startMailSink({ smtpPort: 0, httpPort: 0 });
  });
  afterAll(() => sink.close());

  it("receives a message over SMTP and lists it in the JSON API and the inbox", async () => {
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: sink.smtpPort, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: "a@example.test", to: "b@example.test", subject: "Hello <b>sink</b>", text: "plain", html: "<p>rich</p>" });
    const list = (await (await fetch(`http://127.0.0.1:${sink.httpPort}/api/messages`)).json()) as { subject: string; to: string[]; html: string }[];
    expect(list[0]).toMatchObject({ subject: "Hello <b>sink</b>", to: ["b@example.test"], html: "<p>rich</p>" });
    const inbox = await (await fetch(`http://127.0.0.1:${sink.httpPort}/`)).text();
    expect(inbox).toContain("Hello &#60;b&#62;sink&#60;/b&#62;");
    expect(inbox).not.toContain("<b>sink</b>");
  });
});
