import { z } from "zod";
import { runTcpCheck } from "../../../checks/tcp-check";
import type { Monitor } from "../../../db/schema";
import { ValidationError } from "../../../errors";
import { CHECK_LABELS, checkFields, commonCreateFields } from "../../schema";
import {
  checkColumns,
  checkCreateFields,
  checkForm,
  checkFromRow,
  commonFailureSummary,
  finishCheckFields,
  type CheckFormValues,
  type CheckValues,
} from "../check-fields";
import { num, str } from "../form-codec";
import { HostField, PortField, privateTargetProblem } from "../target";
import type { CommonValues, MonitorKind } from "../types";
import { tcpMeta } from "./meta";

/** Stored in monitors.settings. */
type TcpSettings = { host: string; port: number };
export type TcpValues = CommonValues & CheckValues & TcpSettings & { type: "tcp" };
export type TcpFormValues = CheckFormValues & { host: string; port: string };

const own = { host: HostField("Host"), port: PortField };

const CreateTcpMonitorInput = z.strictObject({ type: z.literal("tcp"), ...commonCreateFields, ...own, ...checkCreateFields });

const settings = (row: Monitor): TcpSettings => ({ host: String(row.settings.host ?? ""), port: Number(row.settings.port ?? 0) });

export const tcpKind: MonitorKind<TcpValues> = {
  ...tcpMeta,
  checked: true,
  // Resolving a host name (none for an IP) and opening the connection: together they are its response time.
  timings: ["dns", "connect"],
  fields: { ...own, ...checkFields },
  labels: { host: "Host", port: "Port", ...CHECK_LABELS },
  create: CreateTcpMonitorInput,
  finish(parsed) {
    const v = finishCheckFields(parsed as z.output<typeof CreateTcpMonitorInput>);
    const problem = privateTargetProblem(v.host, v.port);
    if (problem) throw new ValidationError("Some fields are invalid", { host: problem });
    return v;
  },
  columns: (v) => ({ settings: { host: v.host, port: v.port } satisfies TcpSettings, ...checkColumns(v) }),
  input: (row) => ({ ...settings(row), ...checkFromRow(row) }),
  api: (row) => ({ ...settings(row), ...checkFromRow(row) }),
  form: {
    defaults: { host: "", port: "" },
    read: (fd) => ({ ...checkForm.read(fd), host: str(fd, "host"), port: str(fd, "port") }),
    input: (bag) => {
      const v = bag as TcpFormValues;
      return { host: v.host, port: num(v.port), ...checkForm.input(v) };
    },
    fromRow: (m) => {
      const s = settings(m);
      return { ...checkForm.fromRow(m), host: s.host, port: String(s.port) };
    },
  },
  runner: (opts) => (m) => {
    const s = settings(m);
    return runTcpCheck({ host: s.host, port: s.port, timeoutMs: m.timeoutSeconds * 1000, allowPrivate: opts.allowPrivate, allowHosts: opts.allowHosts });
  },
  summary: (r, m) => {
    if (r.ok) return null;
    return (
      commonFailureSummary(r.errorClass, m.timeoutSeconds) ?? (r.errorClass === "dns" ? "DNS lookup failed" : r.error?.slice(0, 120) || "Connection failed")
    );
  },
  target: (row) => {
    const s = settings(row);
    return s.host.includes(":") ? `[${s.host}]:${s.port}` : `${s.host}:${s.port}`;
  },
};
