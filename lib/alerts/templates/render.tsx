import { renderToStaticMarkup } from "react-dom/server";
import { facts, formatDuration, incidentUrl, type AlertContent } from "./content";
import { EmailLayout } from "./layout";

export type RenderedEmail = { subject: string; text: string; html: string };

type Copy = { subject: string; title: string; intro: string; tone: "down" | "up" | "warn" | "info"; facts?: [string, string][] };

function copy(c: AlertContent): Copy {
  const name = c.monitor?.name ?? "A monitor";
  const i = c.incident;
  switch (c.event) {
    case "opened":
      return {
        tone: "down",
        subject: `[Vigil] DOWN: ${name}${i ? ` (${i.cause})` : ""}`,
        title: `${name} is down`,
        intro: `Vigil opened an incident${i?.regions.length ? ` from ${i.regions.join(", ")}` : ""}. We'll email again when it recovers.`,
      };
    case "resolved": {
      const took = i?.resolvedAt ? formatDuration(i.resolvedAt.getTime() - i.startedAt.getTime()) : null;
      return {
        tone: "up",
        subject: `[Vigil] RECOVERED: ${name}${took ? ` after ${took}` : ""}`,
        title: `${name} is back up`,
        intro: took ? `It was down for ${took}.` : "The incident is resolved.",
      };
    }
    case "flapping":
      if (c.phase === "summary")
        return {
          tone: "info",
          subject: `[Vigil] STABLE again: ${name} (${c.flapping?.changes ?? 0} changes while flapping)`,
          title: `${name} has stopped flapping`,
          intro: `It changed state ${c.flapping?.changes ?? 0} times during the episode and is now ${c.flapping?.status ?? "stable"}. Per-change alerts resume from here.`,
        };
      return {
        tone: "warn",
        subject: `[Vigil] FLAPPING: ${name}`,
        title: `${name} is flapping`,
        intro: `It changed state ${c.flapping?.changes ?? "many"} times in a short window. We'll hold per-change emails until it is stable, then send a summary.`,
      };
    case "test":
      return {
        tone: "info",
        subject: "[Vigil] Test alert",
        title: "Test alert",
        intro: `This is a test of the alert channel ${c.channelTarget}. If you can read this, alerts will reach you.`,
      };
    default: {
      const tone = c.event === "reminder" ? "down" : c.event === "certificate_expiring" || c.event === "acknowledged" ? "warn" : "info";
      if (c.message)
        return { tone, subject: `[Vigil] ${c.message.title}`, title: c.message.title, intro: c.message.summary.split("\n")[0] ?? "", facts: c.message.facts };
      return { tone, subject: `[Vigil] ${c.event}: ${name}`, title: `${name}: ${c.event}`, intro: "" };
    }
  }
}

/** Subject, plain-text and HTML parts of one alert email. */
export function renderAlertEmail(c: AlertContent): RenderedEmail {
  const k = copy(c);
  const f = k.facts ?? facts(c);
  const link = incidentUrl(c);
  const html =
    "<!DOCTYPE html>" + renderToStaticMarkup(<EmailLayout title={k.title} tone={k.tone} intro={k.intro} facts={f} link={link} ackUrl={c.ackUrl ?? null} />);
  const text = [
    k.title,
    "",
    k.intro,
    "",
    ...f.map(([a, b]) => `${a}: ${b}`),
    ...(link ? ["", `View incident: ${link}`] : []),
    ...(c.ackUrl ? [`Acknowledge (stops reminders): ${c.ackUrl}`] : []),
    "",
    "-- ",
    "Vigil alerts. Mute this channel on the Alerts page.",
  ].join("\n");
  return { subject: k.subject.slice(0, 200), text, html };
}
