import type { MonitorType } from "../../db/schema";
import { env } from "../../env";
import type { CheckRunner } from "../../results/types";
import { heartbeatKind, type HeartbeatFormValues, type HeartbeatValues } from "./heartbeat";
import { dnsKind, type DnsFormValues, type DnsValues } from "./dns";
import { httpKind } from "./http";
import type { HttpValues } from "./http/fields";
import type { HttpFormValues } from "./http/form";
import { tcpKind, type TcpFormValues, type TcpValues } from "./tcp";
import { browserKind, type BrowserFormValues, type BrowserValues } from "./browser";
import type { KindRunnerOptions, MonitorKind } from "./types";

/**
 * Every monitor kind Vigil offers, in the order the form and the list filter show them. Adding a kind:
 * its folder beside these, one entry here (and its values/form types below), its form section in
 * components/monitors/kinds/registry.tsx.
 */
export const KINDS = {
  http: httpKind,
  heartbeat: heartbeatKind,
  tcp: tcpKind,
  dns: dnsKind,
  browser: browserKind,
};

export type KindType = keyof typeof KINDS;
/** A valid monitor once defaults are filled: exactly the fields its kind uses. */
export type MonitorValues = HttpValues | HeartbeatValues | TcpValues | DnsValues | BrowserValues;
/** The form's values: the common ones plus every kind's (one flat bag, so switching kind keeps what was typed). */
export type KindFormValues = HttpFormValues & HeartbeatFormValues & TcpFormValues & DnsFormValues & BrowserFormValues;

export const KIND_TYPES = Object.keys(KINDS) as KindType[];
const list = Object.values(KINDS) as unknown as MonitorKind[];

export function kindOf(type: unknown): MonitorKind | null {
  return typeof type === "string" && Object.hasOwn(KINDS, type) ? (KINDS[type as KindType] as unknown as MonitorKind) : null;
}

/** The kind of a stored monitor (its type was validated on the way in). */
export function kindOfRow(row: { type: string }): MonitorKind {
  const kind = kindOf(row.type);
  if (!kind) throw new Error(`No monitor kind ${row.type}`);
  return kind;
}

/** Kinds the check workers run on an interval (the scheduler's and the worker's filter). */
export const CHECKED_TYPES = list.filter((k) => k.checked).map((k) => k.type);
export const isCheckedType = (type: string): boolean => CHECKED_TYPES.includes(type as MonitorType);

/** The names of the kinds that have a field, for "Port is only for TCP monitors". */
export function kindsWithField(field: string): MonitorKind[] {
  return list.filter((k) => Object.hasOwn(k.fields, field));
}

export const allKinds = (): MonitorKind[] => list;

/** The check runner for every checked kind: dispatches on the monitor's kind; each kind's runner is built once. */
export function checkRunner(opts: Partial<KindRunnerOptions> & { overrides?: Partial<Record<string, CheckRunner>> } = {}): CheckRunner {
  const full: KindRunnerOptions = {
    allowPrivate: opts.allowPrivate ?? env.CHECKS_ALLOW_PRIVATE,
    allowHosts: opts.allowHosts ?? env.CHECKS_ALLOW_HOSTS,
    appUrl: opts.appUrl ?? env.APP_URL,
  };
  const runners = new Map<string, CheckRunner>(Object.entries(opts.overrides ?? {}).filter((e): e is [string, CheckRunner] => !!e[1]));
  return (monitor, region) => {
    let run = runners.get(monitor.type);
    if (!run) {
      const kind = kindOfRow(monitor);
      if (!kind.runner) throw new Error(`${kind.label} monitors are not checked by workers`);
      runners.set(monitor.type, (run = kind.runner(full)));
    }
    return run(monitor, region);
  };
}
