import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { securityHeaders } from "@/lib/http/security-headers";
import { freePort, waitFor } from "@/tests/helpers";

const ROOT = path.resolve(import.meta.dirname, "..");
const APP_URL = "https://vigil.example";
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) c.kill("SIGKILL");
});

/** `npm run ingest` as one process (the tsx CLI would put a relay in between); resolves once it answers. */
async function startIngest(listenHost?: string): Promise<number> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, INGEST_PORT: String(port), INGEST_WORKERS: "1", APP_URL };
  delete env.LISTEN_HOST;
  if (listenHost) env.LISTEN_HOST = listenHost;
  const child = spawn(process.execPath, ["--import", "tsx", "worker/ingest.ts"], { cwd: ROOT, env, stdio: ["ignore", "inherit", "inherit"] });
  children.push(child);
  await waitFor(() => child.exitCode === null && reachable(listenHost ?? "127.0.0.1", port), 20_000, "ingest listening");
  return port;
}

const reachable = (host: string, port: number) =>
  fetch(`http://${host}:${port}/ping/nope`).then(
    (r) => r.status,
    () => false,
  );

describe("npm run ingest", () => {
  it("binds loopback by default, not every interface, and answers with the web server's security headers", async () => {
    const port = await startIngest();
    // 127.0.0.2 is loopback too on Linux: a server bound to 127.0.0.1 only leaves it unanswered.
    expect(await reachable("127.0.0.2", port)).toBe(false);
    for (const url of [`/ping/not-a-token`, `/ping/not-a-token/fail`, `/not-a-ping-path`]) {
      const res = await fetch(`http://127.0.0.1:${port}${url}`);
      expect(res.status).toBe(404);
      for (const [name, value] of securityHeaders(url.startsWith("/ping/") ? "api" : "app", { appUrl: APP_URL })) {
        expect(res.headers.get(name), `${name} on ${url}`).toBe(value);
      }
    }
    const put = await fetch(`http://127.0.0.1:${port}/ping/not-a-token`, { method: "PUT" });
    expect(put.status).toBe(405);
    expect(put.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(put.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });

  it("binds LISTEN_HOST when set", async () => {
    const port = await startIngest("127.0.0.2");
    expect(await reachable("127.0.0.2", port)).toBe(404);
    expect(await reachable("127.0.0.1", port)).toBe(false);
  });
});
