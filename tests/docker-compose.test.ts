import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const compose = parse(fs.readFileSync("docker-compose.yml", "utf8")) as {
  services: Record<string, { image?: string; build?: { target: string }; command?: string[]; environment?: Record<string, string> }>;
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
    const targets = fs.readFileSync("Dockerfile", "utf8").match(/^FROM .* AS (\w+)/gm)?.map((l) => l.split(" AS ")[1]);
    expect(targets).toEqual(expect.arrayContaining(["web", "worker"]));
  });

  it.skipIf(!cli)("is valid for `docker compose config`", () => {
    if (!cli) return;
    execFileSync(cli[0], [...cli.slice(1), "config", "-q"], { env: { ...process.env, AUTH_SECRET: "x".repeat(32) } });
  });

  if (!cli) console.warn("docker compose CLI not available here: skipping `docker compose config` validation");
});
