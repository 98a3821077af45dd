import { describe, expect, it } from "vitest";
import { DEFAULT_FORM_VALUES, formValuesFromFormData, inputFromFormValues } from "./form";
import { validateMonitorInput, validateMonitorPatch } from "./validate";
import { monitorColumns } from "./columns";
import type { Monitor } from "../db/schema";

const form = (entries: [string, string][]) => {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return validateMonitorInput(inputFromFormValues(formValuesFromFormData(fd)));
};

describe("monitor alerting fields (muted, remindEveryMinutes)", () => {
  it("the form's reminder select: empty is never, a number is minutes, for both types", () => {
    expect(DEFAULT_FORM_VALUES.remindEveryMinutes).toBe("");
    expect(
      form([
        ["type", "http"],
        ["name", "Site"],
        ["url", "https://example.com"],
      ]),
    ).toMatchObject({ remindEveryMinutes: null, muted: false });
    expect(
      form([
        ["type", "http"],
        ["name", "Site"],
        ["url", "https://example.com"],
        ["remindEveryMinutes", "240"],
      ]),
    ).toMatchObject({ remindEveryMinutes: 240 });
    expect(
      form([
        ["type", "heartbeat"],
        ["name", "Job"],
        ["periodSeconds", "3600"],
        ["graceSeconds", "300"],
        ["remindEveryMinutes", "15"],
      ]),
    ).toMatchObject({ remindEveryMinutes: 15 });
  });

  it("a PATCH that doesn't mention them keeps them; the columns carry them", () => {
    const values = validateMonitorInput({ type: "heartbeat", name: "Job", periodSeconds: 3600, muted: true, remindEveryMinutes: 60 });
    const row = { ...monitorColumns(values), type: "heartbeat", id: "x", workspaceId: "w" } as unknown as Monitor;
    expect(monitorColumns(values)).toMatchObject({ muted: true, remindEveryMinutes: 60 });
    expect(validateMonitorPatch(row, { name: "Renamed" }).values).toMatchObject({ name: "Renamed", muted: true, remindEveryMinutes: 60 });
    expect(() => validateMonitorPatch(row, { remindEveryMinutes: 4 })).toThrow();
  });
});
