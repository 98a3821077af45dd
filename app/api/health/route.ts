import { db } from "@/lib/db/client";
import { checkHealth } from "@/lib/health/check-health";
import { ioredis } from "@/lib/redis/client";

export const dynamic = "force-dynamic";

export async function GET() {
  const report = await checkHealth({ db, redis: ioredis() });
  const failing = Object.entries(report.checks)
    .filter(([, c]) => !c.ok)
    .map(([name]) => name);
  const body = { status: report.status === "ok" ? "ok" : "error", failing, checks: report.checks, time: new Date().toISOString() };
  return Response.json(body, { status: report.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
