/**
 * The incident rule, pure: given the latest state of each region of a monitor, decide whether to open
 * or resolve its incident.
 *
 * - Voters are the monitor's regions (empty list = every region) whose state is fresh (checked within
 *   2 intervals + timeout + 10 s). A region with no state yet counts as an undecided voter while the
 *   monitor is young (its first check is on its way), so one region can't open an incident alone
 *   before the others had a chance to confirm it. A region whose workers are gone drops out.
 * - Quorum is more than half of the voters (1 of 1 for a single region).
 * - Open when a quorum of regions fails and has failed for `failureThreshold` consecutive rounds
 *   (the quorum-th longest failure streak ≥ failureThreshold).
 * - Resolve when failures no longer reach quorum and a quorum of regions has been good for
 *   `recoveryThreshold` consecutive rounds.
 */
export type RegionState = {
  region: string;
  ok: boolean;
  checkedAt: Date;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  lastError: string | null;
  lastStatusCode: number | null;
};

export type EvaluatedMonitor = {
  regions: string[];
  intervalSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
  recoveryThreshold: number;
  createdAt: Date;
};

export type IncidentDecision =
  { action: "open"; cause: string; regions: string[]; statusCode: number | null } | { action: "resolve" } | { action: "none"; reason: string };

export function monitorRegions(m: { regions: string[] }, allRegions: string[]): string[] {
  return m.regions.length ? m.regions : allRegions;
}

export function staleAfterMs(m: Pick<EvaluatedMonitor, "intervalSeconds" | "timeoutSeconds">): number {
  return (2 * m.intervalSeconds + m.timeoutSeconds + 10) * 1000;
}

/** "HTTP 503 from eu, us" — regions grouped by what they saw. */
export function describeCause(failing: RegionState[]): string {
  const groups = new Map<string, string[]>();
  for (const s of failing) {
    const what = s.lastError || (s.lastStatusCode ? `HTTP ${s.lastStatusCode}` : "Check failed");
    groups.set(what, [...(groups.get(what) ?? []), s.region]);
  }
  return [...groups].map(([what, regions]) => `${what} from ${regions.sort().join(", ")}`).join("; ");
}

export function decideIncident(input: {
  monitor: EvaluatedMonitor;
  states: RegionState[];
  hasOpenIncident: boolean;
  allRegions: string[];
  now: Date;
}): IncidentDecision {
  const { monitor, now } = input;
  const stale = staleAfterMs(monitor);
  const young = now.getTime() - monitor.createdAt.getTime() < stale;
  const byRegion = new Map(input.states.map((s) => [s.region, s]));
  const known: RegionState[] = [];
  let undecided = 0;
  for (const region of monitorRegions(monitor, input.allRegions)) {
    const s = byRegion.get(region);
    if (s && now.getTime() - s.checkedAt.getTime() <= stale) known.push(s);
    else if (!s && young) undecided++;
  }
  const voters = known.length + undecided;
  if (voters === 0) return { action: "none", reason: "no fresh region state" };
  const quorum = Math.floor(voters / 2) + 1;
  const failing = known.filter((s) => !s.ok).sort((a, b) => b.consecutiveFailures - a.consecutiveFailures);
  const good = known.filter((s) => s.ok).sort((a, b) => b.consecutiveSuccesses - a.consecutiveSuccesses);

  if (!input.hasOpenIncident) {
    if (failing.length < quorum) return { action: "none", reason: `${failing.length} of ${voters} regions failing, quorum ${quorum}` };
    if (failing[quorum - 1].consecutiveFailures < monitor.failureThreshold) return { action: "none", reason: "failure threshold not reached" };
    const statusCode = failing.find((s) => s.lastStatusCode)?.lastStatusCode ?? null;
    return { action: "open", cause: describeCause(failing), regions: failing.map((s) => s.region).sort(), statusCode };
  }
  if (failing.length >= quorum) return { action: "none", reason: "still failing" };
  if (good.length < quorum || good[quorum - 1].consecutiveSuccesses < monitor.recoveryThreshold) {
    return { action: "none", reason: "recovery threshold not reached" };
  }
  return { action: "resolve" };
}

/** Regions to re-check at once when `region` saw a failure: the monitor's other regions. */
export function recheckRegions(m: { regions: string[] }, region: string, allRegions: string[]): string[] {
  return monitorRegions(m, allRegions).filter((r) => r !== region);
}
