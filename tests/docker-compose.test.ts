import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const compose = parse(fs.readFileSync("docker-compose.yml", "utf8")) as {
  services: Record<
    string,
    {
      image?: string;
      build?: { target: string };
      command?: string[];
      environment?: Record<string, string>;
      ports?: (string | { host_ip?: string; published?: string | number })[];
    }
  >;
};

function composeCli(): string[] | null {
  if (spawnSync("docker", ["compose", "version"]).status === 0) return ["docker", "compose"];
  if (spawnSync("docker-compose", ["version"]).status === 0) return ["docker-compose"];
  return null;
}
const cli = composeCli();

describe("docker-compose.yml", () => {
  it("has postgres, redis with append-only on, a mail catcher, web and two workers in different regions", () => {
    const s = compose.services;
    expect(Object.keys(s)).toEqual(expect.arrayContaining(["postgres", "redis", "mail", "web", "worker-eu", "worker-us"]));
    expect(s.redis.command?.join(" ")).toContain("--appendonly yes");
    expect(s.web.build?.target).toBe("web");
    expect(s["worker-eu"].build?.target).toBe("worker");
    expect(s["worker-eu"].environment?.WORKER_REGION).toBe("eu");
    expect(s["worker-us"].environment?.WORKER_REGION).toBe("us");
    const targets = fs
      .readFileSync("Dockerfile", "utf8")
      .match(/^FROM .* AS (\w+)/gm)
      ?.map((l) => l.split(" AS ")[1]);
    expect(targets).toEqual(expect.arrayContaining(["web", "worker"]));
  });

  it("publishes the mail catcher to this machine only, and the web port alone to the world", () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const p of service.ports ?? []) {
        const hostIp = typeof p === "string" ? (p.split(":").length === 3 ? p.split(":")[0] : "") : (p.host_ip ?? "");
        if (name === "web") continue;
        expect(hostIp, `${name} publishes ${JSON.stringify(p)}`).toBe("127.0.0.1");
      }
    }
    expect(compose.services.mail.ports?.length ?? 0).toBeGreaterThan(0);
  });

  it("runs Redis with noeviction, so queued jobs are never silently dropped", () => {
    const args = compose.services.redis.command ?? [];
    expect(args[args.indexOf("--maxmemory-policy") + 1]).toBe("noeviction");
  });

  it("does not take CHECKS_ALLOW_PRIVATE from the operator's shell", () => {
    const raw = fs.readFileSync("docker-compose.yml", "utf8");
    expect(raw).not.toMatch(/\$\{CHECKS_ALLOW_PRIVATE/);
    expect(raw).not.toMatch(/\$\{CHECKS_ALLOW_HOSTS/);
    for (const s of Object.values(compose.services)) expect(["false", undefined]).toContain(s.environment?.CHECKS_ALLOW_PRIVATE);
  });

  it("keeps .env files out of the build context and the image listens on every interface", () => {
    const ignored = fs
      .readFileSync(".dockerignore", "utf8")
      .split("\n")
      .map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining([".env*", ".vigil"]));
    expect(fs.readFileSync("Dockerfile", "utf8")).toMatch(/^ENV .*LISTEN_HOST=0\.0\.0\.0/m);
  });

  it.skipIf(!cli)("is valid for `docker compose config`", () => {
    if (!cli) return;
    execFileSync(cli[0], [...cli.slice(1), "config", "-q"], { env: { ...process.env, AUTH_SECRET: "x".repeat(32) } });
  });

  if (!cli) console.warn("docker compose CLI not available here: skipping `docker compose config` validation");
});
