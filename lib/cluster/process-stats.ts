/** CPU % (of one core) since the previous sample, and memory, for heartbeats and /metrics. */
export class ProcessSampler {
  private lastCpu = process.cpuUsage();
  private lastAt = process.hrtime.bigint();

  sample(): { cpuPercent: number; rssBytes: number; heapUsedBytes: number } {
    const cpu = process.cpuUsage(this.lastCpu);
    const at = process.hrtime.bigint();
    const wallUs = Number(at - this.lastAt) / 1000;
    this.lastCpu = process.cpuUsage();
    this.lastAt = at;
    const mem = process.memoryUsage();
    return {
      cpuPercent: wallUs > 0 ? Math.round(((cpu.user + cpu.system) / wallUs) * 1000) / 10 : 0,
      rssBytes: mem.rss,
      heapUsedBytes: mem.heapUsed,
    };
  }
}
