/**
 * What bench:queries (-- --http) and bench:status share about the public status page they measure: what
 * the page carries besides its monitors, a check that the HTML shows it, and a count of the statements a web
 * server sends to Postgres.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type postgres from "postgres";
import type { Ctx } from "../lib/context";
import { startTcpProxy } from "../tests/tcp-proxy";

export type PageContent = {
  postedTitle: string;
  upcomingTitle: string;
  page: { subscribers: number; postedIncidents: number; maintenanceWindows: number };
};

/**
 * 1,000 confirmed subscribers, a posted incident with an update (impact "none", so the banner still follows
 * the monitors), a maintenance window running on the second monitor and one announced for tomorrow on the
 * fourth and fifth. The page must have been created with `subscribersEnabled`.
 */
export async function seedPageContent(ctx: Ctx, sql: postgres.Sql, pageId: string, monitorIds: string[]): Promise<PageContent> {
  const { postStatusPageIncident, addStatusPageIncidentUpdate } = await import("../lib/status-pages/incidents/post-incident");
  const { createMaintenanceWindow } = await import("../lib/maintenance/save-window");
  await sql`insert into status_page_subscribers (status_page_id, workspace_id, email, confirmed_at, unsubscribe_token_hash)
    select ${pageId}, ${ctx.workspaceId}, 'reader' || g || '@example.test', now(), md5('bench' || g) from generate_series(1, 1000) g`;
  const postedTitle = "Slow logins for some customers";
  const posted = await postStatusPageIncident(ctx, pageId, {
    title: postedTitle,
    impact: "none",
    message: "We are looking into it.",
    monitorIds: [monitorIds[2]],
  });
  await addStatusPageIncidentUpdate(ctx, pageId, posted.id, { status: "identified", message: "A cache node is slow; it is being replaced." });
  const now = Date.now();
  await createMaintenanceWindow(ctx, {
    title: "Database upgrade",
    monitorIds: [monitorIds[1]],
    startsAt: new Date(now - 600_000).toISOString(),
    endsAt: new Date(now + 3 * 3_600_000).toISOString(),
  });
  const upcomingTitle = "Network maintenance";
  await createMaintenanceWindow(ctx, {
    title: upcomingTitle,
    monitorIds: [monitorIds[3], monitorIds[4]],
    startsAt: new Date(now + 86_400_000).toISOString(),
    endsAt: new Date(now + 86_400_000 + 3_600_000).toISOString(),
  });
  return { postedTitle, upcomingTitle, page: { subscribers: 1000, postedIncidents: 1, maintenanceWindows: 2 } };
}

/** What the rendered page shows of the seeded content; throws when something is missing. */
export function assertPageShows(html: string, content: PageContent) {
  const shows = {
    postedIncident: html.includes(content.postedTitle),
    runningMaintenance: html.includes("Under maintenance"),
    announcedMaintenance: html.includes(content.upcomingTitle),
    subscribeForm: /subscribe/i.test(html),
  };
  if (!Object.values(shows).every(Boolean)) throw new Error(`the page lacks what was seeded: ${JSON.stringify(shows)}`);
  return shows;
}

export const STATEMENT_COUNT_METHOD =
  "statements the web server sent to Postgres, counted on the wire by a TCP relay between it and Postgres (bench process): " +
  "every Execute message of the extended protocol (one per statement postgres-js/Drizzle runs) and every simple Query message";

/**
 * A TCP relay in front of Postgres that counts the statements its clients send (see STATEMENT_COUNT_METHOD).
 * `databaseUrl` is rewritten to go through it. The frontend stream is parsed message by message: after the
 * untyped startup packet (and an SSLRequest before it, answered "no" by a local Postgres), every message is a
 * type byte and a length. A TLS connection could not be read, so it is counted as unreadable.
 */
export async function startStatementCounter(databaseUrl: string) {
  const target = new URL(databaseUrl);
  const counts = { statements: 0, connections: 0, unreadable: 0 };
  const relay = await startTcpProxy(Number(target.port || 5432), target.hostname, () => {
    counts.connections++;
    return frontendMessages(
      (type) => (type === 0x45 || type === 0x51) && counts.statements++,
      () => counts.unreadable++,
    );
  });
  const url = new URL(databaseUrl);
  url.host = `127.0.0.1:${relay.port}`;
  return { url: url.toString(), counts, close: relay.close };
}

const PROTOCOL_3 = 196608;
// Untyped packets a client may send before (or instead of) the startup packet.
const PRE_STARTUP = new Set([80877103 /* SSLRequest */, 80877102 /* CancelRequest */]);

function frontendMessages(onMessage: (type: number) => void, onUnreadable: () => void) {
  let startup = true;
  let broken = false;
  let pending: Buffer = Buffer.alloc(0);
  return (chunk: Buffer) => {
    if (broken) return;
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      if (startup) {
        if (pending.length < 8) return;
        const code = pending.readInt32BE(4);
        if (code !== PROTOCOL_3 && !PRE_STARTUP.has(code)) return void ((broken = true), onUnreadable());
        const length = pending.readInt32BE(0);
        if (pending.length < length) return;
        pending = pending.subarray(length);
        startup = code !== PROTOCOL_3;
        continue;
      }
      if (pending.length < 5) return;
      const length = pending.readInt32BE(1) + 1;
      if (pending.length < length) return;
      onMessage(pending[0]);
      pending = pending.subarray(length);
    }
  };
}

/** CPU time (user + system, ms) used so far by a process and all its descendants (Linux /proc). */
export function treeCpuMs(rootPid: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command (which may hold spaces): state ppid … utime(14) stime(15).
      const rest = fs.readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ");
      stats.set(Number(entry), { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) });
    } catch {
      /* exited meanwhile */
    }
  }
  const inTree = (pid: number): boolean => pid === rootPid || (pid > 1 && stats.has(pid) && inTree(stats.get(pid)!.ppid));
  let ticks = 0;
  for (const [pid, s] of stats) if (inTree(pid)) ticks += s.ticks;
  return (ticks * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100; // sysconf(_SC_CLK_TCK) on Linux

/**
 * The machine's ceiling for sending these exact bytes: a node:http server in a process of its own (like the
 * web server; the load generator stays in the bench process) answering every request with the same status
 * line, headers and body, with no logic at all.
 */
export async function startBareServer(variants: Record<string, { headers: Record<string, string>; body: Buffer }>) {
  const file = path.join(os.tmpdir(), `vigil-bare-${process.pid}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(Object.fromEntries(Object.entries(variants).map(([k, v]) => [k, { headers: v.headers, body: v.body.toString("base64") }]))),
  );
  const code = `
    const variants = JSON.parse(require("node:fs").readFileSync(${JSON.stringify(file)}, "utf8"));
    for (const v of Object.values(variants)) v.body = Buffer.from(v.body, "base64");
    const server = require("node:http").createServer((req, res) => {
      const v = variants[req.url.slice(1)];
      res.writeHead(200, v.headers).end(v.body);
    });
    server.keepAliveTimeout = 65000;
    server.listen(0, "127.0.0.1", () => console.log(server.address().port));`;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once("data", (d: Buffer) => resolve(Number(d.toString().trim())));
    child.once("exit", () => reject(new Error("bare server exited")));
  });
  fs.rmSync(file);
  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () => new Promise<void>((r) => (child.exitCode !== null ? r() : (child.once("exit", () => r()), child.kill("SIGTERM")))),
  };
}
