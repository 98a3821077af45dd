import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signWebhook } from "../lib/alerts/signature";
import { startMailSink } from "./mail-sink";

describe("mail sink", () => {
  let sink: Awaited<ReturnType<typeof startMailSink>>;
  beforeAll(async () => {
    sink = await startMailSink({ smtpPort: 0, httpPort: 0, webhookSecret: "demo-secret" });
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

  it("records webhooks, checks their signature and shows them on the inbox page, escaped", async () => {
    const body = JSON.stringify({ event: "test", deliveryId: "d-1", note: "<script>x</script>" });
    const post = (signature: string) =>
      fetch(`http://127.0.0.1:${sink.httpPort}/webhooks/demo`, {
        method: "POST",
        headers: { "content-type": "application/json", "vigil-event": "test", "vigil-delivery": "d-1", "vigil-signature": signature },
        body,
      });
    expect((await post(signWebhook("demo-secret", body))).status).toBe(204);
    expect((await post(signWebhook("another-secret", body))).status).toBe(204);
    const list = (await (await fetch(`http://127.0.0.1:${sink.httpPort}/api/webhooks`)).json()) as { signature: string; delivery: string; path: string }[];
    expect(list.map((w) => w.signature)).toEqual(["invalid", "valid"]);
    expect(list[1]).toMatchObject({ delivery: "d-1", path: "/webhooks/demo" });
    const inbox = await (await fetch(`http://127.0.0.1:${sink.httpPort}/`)).text();
    expect(inbox).toContain("Webhooks (2)");
    expect(inbox).not.toContain("<script>x</script>");
  });
});
