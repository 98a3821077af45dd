import { renderAlertEmail } from "../templates/render";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { VERSION } from "../../version";
import { startTestSmtp } from "../testing/smtp";
import { sendHttp } from "../outgoing";
import { verifyWebhookSignature } from "../signature";
import { CHANNEL_TYPES } from "./registry";
import { testChannel, testMessage } from "./testing-message";
import { startReceiver, type Receiver } from "./testing-receiver";
import type { SendDeps } from "./types";

let rx: Receiver;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let deps: SendDeps;

beforeAll(async () => {
  rx = await startReceiver();
  smtp = await startTestSmtp();
  const transport = smtp.transport();
  deps = {
    http: (req) => sendHttp(req, { allowHosts: rx.allowHosts }),
    mail: async (m) => {
      await transport.sendMail({ from: "Vigil <alerts@vigil.test>", ...m });
      return { ok: true };
    },
    renderEmail: renderAlertEmail,
    appUrl: "https://vigil.example.com",
    pagerdutyEventsUrl: `${rx.url}/v2/enqueue`,
    telegramApiUrl: `${rx.url}/tg`,
  };
});
afterAll(async () => {
  await rx.close();
  await smtp.down();
});
beforeEach(() => {
  rx.requests.length = 0;
  rx.respond((_r, res) => res.writeHead(200, { "Content-Type": "application/json" }).end("{}"));
});

const last = () => {
  expect(rx.requests.length).toBeGreaterThan(0);
  return rx.requests.at(-1)!;
};
const json = () => JSON.parse(last().body);
/** No secret may appear anywhere in what a receiver sees, except where the vendor expects it. */
const everything = () => rx.requests.map((r) => `${r.path}\n${JSON.stringify(r.headers)}\n${r.body}`).join("\n");

describe("webhook", () => {
  const channel = (over = {}) => testChannel({ type: "webhook", target: `${rx.url}/hooks/vigil?k=1`, ...over });

  it("POSTs the contract's body and headers, signed with the secret", async () => {
    const m = testMessage("opened");
    const ch = channel({ secrets: { secret: "whsec-1234567890" }, config: { headers: { "X-Team": "sre", "vigil-event": "forged" } } });
    const before = Math.floor(Date.now() / 1000);
    expect(await CHANNEL_TYPES.webhook.send(ch, m, deps)).toEqual({ ok: true, status: 200 });
    const r = last();
    expect(r.method).toBe("POST");
    expect(r.path).toBe("/hooks/vigil?k=1");
    expect(r.headers["content-type"]).toBe("application/json");
    expect(r.headers["user-agent"]).toBe(`Vigil/${VERSION}`);
    expect(r.headers["vigil-event"]).toBe("incident.opened");
    expect(r.headers["vigil-delivery"]).toBe(m.deliveryId);
    expect(r.headers["x-team"]).toBe("sre");
    expect(JSON.parse(r.body)).toEqual({
      event: "incident.opened",
      deliveryId: m.deliveryId,
      occurredAt: m.occurredAt,
      monitor: { id: m.monitor!.id, name: "API <prod> & co", type: "http", url: "https://api.example.com/health" },
      incident: { id: m.incident!.id, status: "open", cause: "HTTP 503", startedAt: "2026-12-01T10:00:00.000Z", resolvedAt: null, regions: ["eu"] },
      url: m.url,
    });
    const sig = String(r.headers["vigil-signature"]);
    expect(sig).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const t = Number(sig.slice(2, sig.indexOf(",")));
    expect(t).toBeGreaterThanOrEqual(before);
    expect(verifyWebhookSignature(sig, r.body, "whsec-1234567890")).toEqual({ ok: true });
    expect(verifyWebhookSignature(sig, r.body, "wrong-secret").ok).toBe(false);
    expect(verifyWebhookSignature(sig, r.body.replace("HTTP 503", "HTTP 200"), "whsec-1234567890").ok).toBe(false);
    expect(verifyWebhookSignature(sig, r.body, "whsec-1234567890", 300, t + 301)).toEqual({ ok: false, reason: "timestamp outside the tolerance" });
    expect(verifyWebhookSignature(sig, r.body, "whsec-1234567890", 300, t - 301).ok).toBe(false);
    expect(everything()).not.toContain("whsec-1234567890");
  });

  it("sends no signature without a secret, and null incident/monitor for events without them", async () => {
    const m = testMessage("test", { incident: null, monitor: null, ackUrl: null, url: "https://vigil.example.com/alerts" });
    expect((await CHANNEL_TYPES.webhook.send(channel(), m, deps)).ok).toBe(true);
    expect(last().headers["vigil-signature"]).toBeUndefined();
    expect(json()).toMatchObject({ event: "test", monitor: null, incident: null, url: "https://vigil.example.com/alerts" });
  });

  it("passes the receiver's answer through: 410 is permanent", async () => {
    rx.respond((_r, res) => res.writeHead(410).end("gone"));
    expect(await CHANNEL_TYPES.webhook.send(channel(), testMessage(), deps)).toMatchObject({ ok: false, permanent: true, status: 410 });
  });
});

describe("chat webhooks", () => {
  it("slack: Block Kit with a text fallback, escaped mrkdwn, and link buttons incl. Acknowledge", async () => {
    const m = testMessage("opened");
    expect((await CHANNEL_TYPES.slack.send(testChannel({ type: "slack", target: `${rx.url}/services/T1/B2/x` }), m, deps)).ok).toBe(true);
    expect(last().path).toBe("/services/T1/B2/x");
    const body = json();
    expect(body.text).toBe(m.title);
    expect(body.blocks.map((b: { type: string }) => b.type)).toEqual(["header", "section", "section", "actions", "context"]);
    expect(body.blocks[1].text.text).toBe("API &lt;prod&gt; &amp; co is down: HTTP 503 @here");
    expect(body.blocks[2].fields[0].text).toBe("*Monitor*\nAPI &lt;prod&gt; &amp; co");
    expect(body.blocks[3].elements.map((e: { text: { text: string }; url: string }) => [e.text.text, e.url])).toEqual([
      ["View incident", m.url],
      ["Acknowledge", m.ackUrl],
    ]);
  });

  it("discord: one embed coloured by severity, no mentions parsed", async () => {
    const m = testMessage("resolved");
    expect((await CHANNEL_TYPES.discord.send(testChannel({ type: "discord", target: `${rx.url}/api/webhooks/1/abc` }), m, deps)).ok).toBe(true);
    const body = json();
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds).toHaveLength(1);
    expect(body.embeds[0]).toMatchObject({ title: m.title, url: m.url, color: 0x059669, timestamp: m.occurredAt });
    expect(body.embeds[0].fields[0]).toEqual({ name: "Monitor", value: "API <prod> & co", inline: true });
    expect(body.embeds[0].description).not.toContain("Acknowledge"); // resolved: nothing to acknowledge
  });

  it("teams: an Adaptive Card in a message attachment", async () => {
    const m = testMessage("opened");
    expect((await CHANNEL_TYPES.teams.send(testChannel({ type: "teams", target: `${rx.url}/workflows/abc` }), m, deps)).ok).toBe(true);
    const body = json();
    expect(body.type).toBe("message");
    expect(body.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
    const card = body.attachments[0].content;
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.4" });
    expect(card.body[0]).toMatchObject({ type: "TextBlock", text: m.title, color: "Attention" });
    expect(card.body[2]).toEqual({ type: "FactSet", facts: m.facts.map(([title, value]) => ({ title, value })) });
    expect(card.actions.map((a: { title: string }) => a.title)).toEqual(["View incident", "Acknowledge"]);
  });

  it("mattermost: Slack-compatible attachment with colour and fields", async () => {
    const m = testMessage("opened");
    expect((await CHANNEL_TYPES.mattermost.send(testChannel({ type: "mattermost", target: `${rx.url}/hooks/xyz` }), m, deps)).ok).toBe(true);
    const body = json();
    expect(body.text).toBe("DOWN: API &lt;prod&gt; &amp; co (HTTP 503 from eu)");
    expect(body.attachments[0]).toMatchObject({ color: "#dc2626", title: m.title, title_link: m.url });
    expect(body.attachments[0].fields[1]).toEqual({ short: true, title: "Cause", value: "HTTP 503" });
    expect(body.attachments[0].text).toContain(`[Acknowledge](${m.ackUrl})`);
  });
});

describe("telegram", () => {
  const token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
  it("calls sendMessage with the bot token in the path only, HTML escaped", async () => {
    const m = testMessage("opened");
    expect((await CHANNEL_TYPES.telegram.send(testChannel({ type: "telegram", target: "-1001234567890", secrets: { botToken: token } }), m, deps)).ok).toBe(
      true,
    );
    const r = last();
    expect(r.path).toBe(`/tg/bot${token}/sendMessage`);
    const body = JSON.parse(r.body);
    expect(body).toMatchObject({ chat_id: "-1001234567890", parse_mode: "HTML", disable_web_page_preview: true });
    expect(body.text).toContain("<b>DOWN: API &lt;prod&gt; &amp; co (HTTP 503 from eu)</b>");
    expect(body.text).toContain(`<a href="${m.ackUrl}">Acknowledge</a>`);
    expect(body.text).not.toContain("<prod>");
    expect(r.body + JSON.stringify(r.headers)).not.toContain(token);
  });

  it("does not leak the token when Telegram refuses", async () => {
    rx.respond((r, res) => res.writeHead(401).end(JSON.stringify({ ok: false, description: `Unauthorized ${r.path}` })));
    const res = await CHANNEL_TYPES.telegram.send(testChannel({ type: "telegram", target: "@vigil", secrets: { botToken: token } }), testMessage(), deps);
    expect(res).toMatchObject({ ok: false, permanent: true, status: 401 });
    expect(JSON.stringify(res)).not.toContain(token.split(":")[1]);
  });
});

describe("pagerduty", () => {
  const routingKey = "0123456789abcdef0123456789ABCDEF";
  const ch = () => testChannel({ type: "pagerduty", target: "", secrets: { routingKey } });

  it("trigger, acknowledge and resolve share the incident id as dedup_key", async () => {
    rx.respond((_r, res) => res.writeHead(202, { "Content-Type": "application/json" }).end('{"status":"success"}'));
    for (const event of ["opened", "reminder", "acknowledged", "resolved"] as const) {
      expect(await CHANNEL_TYPES.pagerduty.send(ch(), testMessage(event), deps)).toEqual({ ok: true, status: 202 });
    }
    const bodies = rx.requests.map((r) => JSON.parse(r.body));
    expect(rx.requests.every((r) => r.path === "/v2/enqueue" && r.method === "POST")).toBe(true);
    expect(bodies.map((b) => b.event_action)).toEqual(["trigger", "trigger", "acknowledge", "resolve"]);
    expect(new Set(bodies.map((b) => b.dedup_key))).toEqual(new Set([testMessage().incident!.id]));
    expect(bodies.every((b) => b.routing_key === routingKey)).toBe(true);
    const m = testMessage("opened");
    expect(bodies[0].payload).toMatchObject({ summary: m.title, source: "https://api.example.com/health", severity: "critical", timestamp: m.occurredAt });
    expect(bodies[0].payload.custom_details).toMatchObject({ Monitor: "API <prod> & co", Cause: "HTTP 503" });
    expect(bodies[0].links[0]).toEqual({ href: m.url, text: "Open in Vigil" });
    expect(bodies[3].payload).toBeUndefined();
    // The routing key goes in the body PagerDuty reads, never in headers or the path.
    expect(rx.requests.every((r) => !r.path.includes(routingKey) && !JSON.stringify(r.headers).includes(routingKey))).toBe(true);
  });

  it("a test triggers and then resolves its own dedup key", async () => {
    const m = testMessage("test", { incident: null, severity: "info" });
    expect((await CHANNEL_TYPES.pagerduty.send(ch(), m, deps)).ok).toBe(true);
    const bodies = rx.requests.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => [b.event_action, b.dedup_key])).toEqual([
      ["trigger", `test-${m.deliveryId}`],
      ["resolve", `test-${m.deliveryId}`],
    ]);
    expect(bodies[0].payload.severity).toBe("info");
  });

  it("maintenance windows page nobody", async () => {
    expect(await CHANNEL_TYPES.pagerduty.send(ch(), testMessage("maintenance_started", { incident: null }), deps)).toEqual({ ok: true });
    expect(rx.requests).toHaveLength(0);
  });
});

describe("ntfy", () => {
  it("POSTs the summary with title, priority, tags, click, actions and the bearer token", async () => {
    const m = testMessage("opened", { title: "DOWN: Café ☕" });
    const ch = testChannel({ type: "ntfy", target: `${rx.url}/vigil-alerts`, secrets: { token: "tk_secret_abcdef" } });
    expect((await CHANNEL_TYPES.ntfy.send(ch, m, deps)).ok).toBe(true);
    const r = last();
    expect(r.path).toBe("/vigil-alerts");
    expect(r.body.split("\n")[0]).toBe(m.summary);
    expect(r.headers.title).toBe(`=?UTF-8?B?${Buffer.from("DOWN: Café ☕").toString("base64")}?=`);
    expect(r.headers.priority).toBe("urgent");
    expect(r.headers.tags).toBe("rotating_light");
    expect(r.headers.click).toBe(m.url);
    expect(r.headers.actions).toBe(`view, View incident, ${m.url}; view, Acknowledge, ${m.ackUrl}, clear=true`);
    expect(r.headers.authorization).toBe("Bearer tk_secret_abcdef");
    expect(r.body).not.toContain("tk_secret_abcdef");
  });

  it("recoveries are default priority with a check mark; no token, no Authorization", async () => {
    const ch = testChannel({ type: "ntfy", target: `${rx.url}/t`, config: { priority: "high" } });
    expect((await CHANNEL_TYPES.ntfy.send(ch, testMessage("resolved"), deps)).ok).toBe(true);
    expect(last().headers).toMatchObject({ priority: "default", tags: "white_check_mark", title: "RECOVERED: API <prod> & co" });
    expect(last().headers.authorization).toBeUndefined();
    await CHANNEL_TYPES.ntfy.send(ch, testMessage("opened"), deps);
    expect(last().headers.priority).toBe("high");
  });
});

describe("email", () => {
  it("renders the alert email with the acknowledge link and a stable Message-ID", async () => {
    const m = testMessage("opened");
    expect(await CHANNEL_TYPES.email.send(testChannel({ type: "email", target: "oncall@example.com" }), m, deps)).toEqual({ ok: true });
    const mail = smtp.to("oncall@example.com").at(-1)!;
    expect(mail.subject).toBe("[Vigil] DOWN: API <prod> & co (HTTP 503)");
    expect(mail.messageId).toBe(`<alert-${m.deliveryId}@vigil.example.com>`);
    expect(mail.text).toContain(`Acknowledge (stops reminders): ${m.ackUrl}`);
    expect(mail.html).toContain(`href="${m.ackUrl}"`);
    expect(mail.headers.get("x-vigil-delivery")).toBe(m.deliveryId);
  });

  it("events the template has no copy for (certificate expiry, reminders) use the message's wording and facts", async () => {
    const m = testMessage("certificate_expiring", {
      incident: null,
      ackUrl: null,
      severity: "warning",
      title: "CERTIFICATE EXPIRES in 7 days: API",
      summary: "The TLS certificate of https://api.example.com/health expires on 2026-12-08 10:00:00 UTC.",
      facts: [
        ["Monitor", "API"],
        ["Days left", "7"],
      ],
    });
    expect((await CHANNEL_TYPES.email.send(testChannel({ type: "email", target: "certs@example.com" }), m, deps)).ok).toBe(true);
    const mail = smtp.to("certs@example.com").at(-1)!;
    expect(mail.subject).toBe("[Vigil] CERTIFICATE EXPIRES in 7 days: API");
    expect(mail.text).toContain("Days left: 7");
    expect(mail.text).toContain("expires on 2026-12-08");
  });
});
