import os from "node:os";
import { z } from "zod";

const bool = z.enum(["true", "false", "1", "0", "yes", "no", ""]).transform((v) => v === "true" || v === "1" || v === "yes");

const list = z.string().transform((v) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
);

export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().default("postgres://postgres@127.0.0.1:5432/vigil"),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  // Namespaces every Redis key and BullMQ queue, so test runs and parallel installs never collide.
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/)
    .default("vigil"),
  UPSTASH_REDIS_REST_URL: z.string().url().optional(),
  UPSTASH_REDIS_REST_TOKEN: z.string().optional(),
  AUTH_SECRET: z.string().min(16).optional(),
  APP_URL: z.string().url().default("http://localhost:3000"),
  SMTP_URL: z.string().default("smtp://127.0.0.1:1025"),
  MAIL_FROM: z.string().default("Vigil <alerts@vigil.local>"),
  SIGNUP_MODE: z.enum(["invite", "open"]).default("invite"),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  CHECKS_ALLOW_PRIVATE: bool.default(false),
  // host[:port] entries that checks and outgoing webhooks may reach although they resolve to private
  // addresses (narrower than CHECKS_ALLOW_PRIVATE): `npm run up` names its demo target only.
  CHECKS_ALLOW_HOSTS: list.default([]),
  // Where the PagerDuty and Telegram channel types send (overridable for tests and egress proxies).
  PAGERDUTY_EVENTS_URL: z.string().url().default("https://events.pagerduty.com/v2/enqueue"),
  TELEGRAM_API_URL: z.string().url().default("https://api.telegram.org"),
  MIN_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(10),
  // Per-workspace quotas (defaults; an operator raises one workspace's with `npm run admin -- set-quota`).
  QUOTA_MONITORS: z.coerce.number().int().min(0).default(1000),
  // Never below MIN_INTERVAL_SECONDS; 1 means "no stricter than the install-wide minimum".
  QUOTA_MIN_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(1),
  QUOTA_REGIONS_PER_MONITOR: z.coerce.number().int().min(1).default(100),
  QUOTA_ALERT_CHANNELS: z.coerce.number().int().min(0).default(50),
  QUOTA_STATUS_PAGES: z.coerce.number().int().min(0).default(20),
  QUOTA_TEST_SENDS_PER_HOUR: z.coerce.number().int().min(0).default(30),
  // Every region checks run from; a monitor with an empty region list is checked from all of them.
  REGIONS: list.default(["local"]),
  WORKER_REGION: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .default("local"),
  WORKER_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(Math.max(10, os.cpus().length * 50)),
  // Browser checks run only on workers started with WORKER_BROWSER=true (one Chromium each, at
  // CHROMIUM_PATH) and at most WORKER_BROWSER_CONTEXTS pages at a time.
  WORKER_BROWSER: bool.default(false),
  WORKER_BROWSER_CONTEXTS: z.coerce.number().int().min(1).max(16).default(2),
  CHROMIUM_PATH: z.string().default("/usr/bin/chromium"),
  RESULT_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  // Retention of everything else that grows (lib/retention/), pruned hourly by one worker in bounded batches.
  PING_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  // Within PING_RETENTION_DAYS a monitor keeps its newest N pings plus every failure ping.
  PINGS_KEEP_PER_MONITOR: z.coerce.number().int().min(1).default(1000),
  ALERT_OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  INCIDENT_EVIDENCE_RETENTION_DAYS: z.coerce.number().int().min(1).default(90),
  WAITLIST_RETENTION_DAYS: z.coerce.number().int().min(1).default(180),
  INVITE_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  // Requests per minute per client IP to the public status page feed and badges (per web instance); 0 = off.
  PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  // Requests per minute per API key (fixed one-minute window, shared by every web instance through Redis).
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  // Alerts noise control: more than FLAP_THRESHOLD state changes within FLAP_WINDOW_MINUTES is flapping.
  FLAP_THRESHOLD: z.coerce.number().int().min(1).default(4),
  FLAP_WINDOW_MINUTES: z.coerce.number().min(0.1).default(30),
  // Heartbeat ping rate limits (fixed one-minute windows), per ping token and per source IP.
  PING_RATE_LIMIT_PER_TOKEN: z.coerce.number().int().min(1).default(120),
  PING_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(20_000),
  // The web server (server.ts): where it listens. /ping/* and public status URLs are answered there
  // before Next (lean ingest handler, response cache); everything else is Next's.
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  // Loopback by default (also a worker's /metrics and /healthz); the container image sets 0.0.0.0.
  LISTEN_HOST: z.string().min(1).default("127.0.0.1"),
  // Proxies in front of the web server / ingest whose X-Forwarded-For entries are believed (0: none, the
  // socket's address is the client; 1: one load balancer; …). Per-IP limits and ping source IPs use it.
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  // Public status pages served from the web server's memory: fresh for this long, then refreshed in the
  // background while younger than STATUS_CACHE_MAX_AGE_SECONDS; an older copy is never served while the
  // database answers. The page's data (DTO memo + shared Redis copy) is reused for STATUS_DATA_FRESH_SECONDS.
  // A visitor's copy is at most MAX_AGE + DATA_FRESH old: keep that sum under the promised 10 s.
  STATUS_CACHE_FRESH_SECONDS: z.coerce.number().min(0).max(60).default(5),
  STATUS_CACHE_MAX_AGE_SECONDS: z.coerce.number().min(0).max(60).default(7),
  STATUS_DATA_FRESH_SECONDS: z.coerce.number().min(0).max(60).default(2),
  // Port of the lean ingest server (`npm run ingest`) that serves /ping/* outside Next.
  INGEST_PORT: z.coerce.number().int().min(0).max(65_535).default(3001),
  // Processes the lean ingest forks (node:cluster, sharing the port); one per core it may use.
  INGEST_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  // Prometheus /metrics of a worker process; 0 = off (tests). `npm run up` gives each worker its own.
  METRICS_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof EnvSchema>;

/** Secrets that have no default: production refuses to start without them. */
const REQUIRED_IN_PRODUCTION = ["AUTH_SECRET"] as const;

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = result.data;
  // `next build` evaluates server modules without runtime secrets; the check runs when the server starts.
  const building = source.NEXT_PHASE === "phase-production-build";
  if (env.NODE_ENV === "production" && !building) {
    const missing = REQUIRED_IN_PRODUCTION.filter((k) => !env[k]);
    if (missing.length) throw new Error(`Missing required environment variable(s) in production: ${missing.join(", ")}`);
  }
  return env;
}

export const env: Env = parseEnv(process.env);
