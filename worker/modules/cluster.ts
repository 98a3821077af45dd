import http from "node:http";
import os from "node:os";
import { checkStatsFor } from "@/lib/cluster/check-stats";
import { deregisterInstance, heartbeatInstance, HEARTBEAT_MS, pruneDeadInstances, registerInstance, type InstanceIdentity } from "@/lib/cluster/instances";
import { renderMetrics } from "@/lib/cluster/metrics-text";
import { ProcessSampler } from "@/lib/cluster/process-stats";
import { env } from "@/lib/env";
import { getQueueOverview } from "@/lib/queue/inspect";
import { VERSION } from "@/lib/version";
import type { WorkerModule } from "../context";

export type ClusterModuleOptions = {
  heartbeatMs?: number;
  metricsPort?: number;
  listenHost?: string;
  /** Whether this process runs the browser lane (reported in every heartbeat); worker/registry.ts passes its verdict. Default: WORKER_BROWSER. */
  browser?: boolean;
};

/**
 * Registers this process in worker_instances, heartbeats with its stats, serves Prometheus /metrics and /healthz
 * (METRICS_PORT, 0 = off; on LISTEN_HOST, loopback unless configured) and deregisters on shutdown. Started first, stopped last.
 */
export function createClusterModule(opts: ClusterModuleOptions = {}): WorkerModule {
  return {
    name: "cluster",
    async start(ctx) {
      const who: InstanceIdentity = {
        id: ctx.instanceId,
        host: os.hostname(),
        pid: process.pid,
        region: ctx.region,
        version: VERSION,
        concurrency: ctx.concurrency,
      };
      const browser = opts.browser ?? env.WORKER_BROWSER;
      const sampler = new ProcessSampler();
      const stats = checkStatsFor(ctx.region);
      await registerInstance(ctx.db, who);

      const beat = async () => {
        const s = stats.summary();
        const p = sampler.sample();
        await heartbeatInstance(ctx.db, who, {
          ...p,
          processed: s.processed,
          failed: s.failed,
          checksFailed: s.checksFailed,
          avgMs: s.avgMs,
          p95Ms: s.p95Ms,
          lagP50Ms: s.lagP50Ms,
          lagP95Ms: s.lagP95Ms,
          checksPerMinute: s.perMinute,
          browser,
        });
      };
      let beats = 0;
      const timer = setInterval(() => {
        beat()
          .then(() => (++beats % 120 === 0 ? pruneDeadInstances(ctx.db) : 0))
          .catch((err) => ctx.log.warn({ err }, "heartbeat failed"));
      }, opts.heartbeatMs ?? HEARTBEAT_MS);
      timer.unref();

      let server: http.Server | null = null;
      const port = opts.metricsPort ?? env.METRICS_PORT;
      const host = opts.listenHost ?? env.LISTEN_HOST;
      if (port > 0) {
        const metricsSampler = new ProcessSampler();
        server = http.createServer((req, res) => {
          if (req.url === "/healthz")
            return res
              .writeHead(200, { "content-type": "application/json" })
              .end(JSON.stringify({ status: "ok", instance: ctx.instanceId, region: ctx.region }));
          if (req.url !== "/metrics") return res.writeHead(404).end("not found\n");
          getQueueOverview([ctx.region])
            .catch(() => [])
            .then((queues) => {
              const body = renderMetrics({ stats: [stats], queues, process: metricsSampler.sample(), instance: ctx.instanceId });
              res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(body);
            })
            .catch(() => res.writeHead(500).end());
        });
        // A taken port costs the metrics, not the worker: checks matter more than their export.
        const listening = await new Promise<boolean>((resolve) => {
          server!.once("error", (err) => {
            ctx.log.warn({ err, port }, "metrics port unavailable; /metrics is off");
            resolve(false);
          });
          server!.listen(port, host, () => resolve(true));
        });
        if (listening) ctx.log.info({ port, host }, "metrics on /metrics");
        else server = null;
      }

      return {
        async close() {
          clearInterval(timer);
          if (server) await new Promise<void>((r) => server!.close(() => r()));
          await deregisterInstance(ctx.db, who.id).catch((err) => ctx.log.warn({ err }, "deregister failed"));
        },
      };
    },
  };
}
