import { describe, expect, it } from "vitest";
import { DEFAULT_FORM_VALUES, formValuesFromFormData, inputFromFormValues } from "./form";
import { validateMonitorInput } from "./validate";
import { ValidationError } from "../errors";

function fd(entries: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

describe("monitor form conversion", () => {
  it("turns a posted HTTP form into valid schema input", () => {
    const values = formValuesFromFormData(
      fd([
        ["type", "http"],
        ["name", "Site"],
        ["url", "https://example.com"],
        ["method", "POST"],
        ["headerName", "X-Token"],
        ["headerValue", "abc"],
        ["headerName", ""],
        ["headerValue", ""],
        ["body", ""],
        ["intervalSeconds", "30"],
        ["timeoutSeconds", ""],
        ["expectedStatus", "200-299,301"],
        ["keyword", ""],
        ["keywordMode", "absent"],
        ["verifyTls", "on"],
        ["regions", "local"],
        ["failureThreshold", "2"],
        ["recoveryThreshold", "1"],
      ]),
    );
    expect(values.headers).toEqual([{ name: "X-Token", value: "abc" }]);
    expect(validateMonitorInput(inputFromFormValues(values))).toMatchObject({
      method: "POST",
      headers: { "X-Token": "abc" },
      body: null,
      intervalSeconds: 30,
      timeoutSeconds: 10,
      keyword: null,
      keywordMode: "absent",
      followRedirects: false,
      verifyTls: true,
      regions: ["local"],
      failureThreshold: 2,
    });
  });

  it("keeps non-numeric text so the schema can name the field", () => {
    const input = inputFromFormValues({ ...DEFAULT_FORM_VALUES, name: "x", url: "https://e.com", intervalSeconds: "ten" });
    try {
      validateMonitorInput(input);
      throw new Error("should fail");
    } catch (err) {
      expect((err as ValidationError).fields?.intervalSeconds).toMatch(/number of seconds/);
    }
  });

  it("sends only the chosen heartbeat schedule", () => {
    const base = { ...DEFAULT_FORM_VALUES, type: "heartbeat" as const, name: "job", cron: "0 3 * * *", timezone: "Europe/Oslo" };
    expect(validateMonitorInput(inputFromFormValues({ ...base, schedule: "period" }))).toMatchObject({ periodSeconds: 3600, cron: null, timezone: null });
    expect(validateMonitorInput(inputFromFormValues({ ...base, schedule: "cron" }))).toMatchObject({
      periodSeconds: null,
      cron: "0 3 * * *",
      timezone: "Europe/Oslo",
    });
  });
});
