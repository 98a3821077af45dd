import { describe, expect, it } from "vitest";
import type { Monitor } from "../db/schema";
import { monitorColumns } from "./columns";
import { DEFAULT_FORM_VALUES, formValuesFromFormData, formValuesFromMonitor, inputFromFormValues } from "./form";
import { toApiMonitor } from "./serialize";
import { validateMonitorInput, validateMonitorPatch } from "./validate";
import { ValidationError } from "../errors";

// allowHttpDowngrade: may a check follow a redirect from https to http? Off unless the monitor says so.
const http = (over: Record<string, unknown> = {}) => ({ type: "http", name: "Site", url: "https://example.com", ...over });

const row = (over: Partial<Monitor> = {}) =>
  ({
    id: "5b0c7a0e-8f0b-4f5e-9a51-2c3f6f0f6d1a",
    workspaceId: "w",
    type: "http",
    name: "Site",
    status: "up",
    paused: false,
    createdAt: new Date(0),
    lastCheckedAt: null,
    url: "https://example.com",
    method: "GET",
    headers: {},
    body: null,
    intervalSeconds: 60,
    timeoutSeconds: 10,
    expectedStatus: "200-299",
    keyword: null,
    keywordMode: "present",
    followRedirects: true,
    allowHttpDowngrade: false,
    verifyTls: true,
    regions: [],
    failureThreshold: 1,
    recoveryThreshold: 1,
    ...over,
  }) as Monitor;

describe("monitor field allowHttpDowngrade", () => {
  it("defaults to false, accepts a boolean, refuses anything else", () => {
    expect(validateMonitorInput(http())).toMatchObject({ allowHttpDowngrade: false });
    expect(validateMonitorInput(http({ allowHttpDowngrade: true }))).toMatchObject({ allowHttpDowngrade: true });
    try {
      validateMonitorInput(http({ allowHttpDowngrade: "yes" }));
      throw new Error("should fail");
    } catch (err) {
      expect((err as ValidationError).fields?.allowHttpDowngrade).toMatch(/true or false/);
    }
  });

  it("is a column, part of the API shape, and survives a PATCH of another field", () => {
    expect(monitorColumns(validateMonitorInput(http({ allowHttpDowngrade: true })))).toMatchObject({ allowHttpDowngrade: true });
    expect(toApiMonitor(row({ allowHttpDowngrade: true }))).toMatchObject({ allowHttpDowngrade: true });
    expect(validateMonitorPatch(row({ allowHttpDowngrade: true }), { name: "Renamed" }).values).toMatchObject({ name: "Renamed", allowHttpDowngrade: true });
    expect(validateMonitorPatch(row({ allowHttpDowngrade: true }), { allowHttpDowngrade: false }).values).toMatchObject({ allowHttpDowngrade: false });
  });

  it("round-trips through the form (an unchecked box is false)", () => {
    expect(DEFAULT_FORM_VALUES.allowHttpDowngrade).toBe(false);
    const on = new FormData();
    for (const [k, v] of [
      ["type", "http"],
      ["name", "Site"],
      ["url", "https://example.com"],
      ["allowHttpDowngrade", "on"],
    ])
      on.append(k, v!);
    expect(validateMonitorInput(inputFromFormValues(formValuesFromFormData(on)))).toMatchObject({ allowHttpDowngrade: true });
    on.delete("allowHttpDowngrade");
    expect(validateMonitorInput(inputFromFormValues(formValuesFromFormData(on)))).toMatchObject({ allowHttpDowngrade: false });
    expect(formValuesFromMonitor(row({ allowHttpDowngrade: true })).allowHttpDowngrade).toBe(true);
  });
});
