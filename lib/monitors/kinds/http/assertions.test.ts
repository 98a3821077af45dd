import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db } from "../../../db/client";
import { ValidationError } from "../../../errors";
import { closeRedis } from "../../../redis/client";
import { createTestUser, userCtx } from "../../../../tests/factories";
import { createMonitor, getMonitorOrThrow, toApiMonitor, updateMonitor } from "../..";
import { formValuesFromFormData, formValuesFromMonitor, inputFromFormValues } from "../../form";
import { validateMonitorInput } from "../../validate";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

const base = { type: "http", name: "Health", url: "https://api.example.com/health" };
const fieldsOf = (input: unknown) => {
  try {
    validateMonitorInput(input);
    return null;
  } catch (err) {
    if (err instanceof ValidationError) return err.fields;
    throw err;
  }
};

describe("http monitors: assertions", () => {
  it("are stored, returned by the API shape, replaced by a PATCH, and the keyword stays its own field", async () => {
    const { workspaceId } = await createTestUser();
    const ctx = userCtx(db, workspaceId);
    const m = await createMonitor(ctx, {
      ...base,
      keyword: "ok",
      assertions: [
        { source: "json", property: "$.status", op: "eq", value: "ok" },
        { source: "status", op: "lt", value: "300" },
      ],
    });
    const api = toApiMonitor(await getMonitorOrThrow(ctx, m.id)) as Record<string, unknown>;
    expect(api.assertions).toEqual([
      { source: "json", property: "$.status", op: "eq", value: "ok" },
      { source: "status", property: null, op: "lt", value: 300 },
    ]);
    expect(api).toMatchObject({ keyword: "ok", keywordMode: "present" });
    const patched = await updateMonitor(ctx, m.id, { assertions: [{ source: "responseTime", op: "lte", value: 800 }] });
    expect((toApiMonitor(patched) as Record<string, unknown>).assertions).toEqual([{ source: "responseTime", property: null, op: "lte", value: 800 }]);
    // A PATCH of another field keeps them.
    const renamed = await updateMonitor(ctx, m.id, { name: "Health v2" });
    expect((toApiMonitor(renamed) as Record<string, unknown>).assertions).toHaveLength(1);
    // A monitor created without them has an empty list.
    expect((toApiMonitor(await createMonitor(ctx, base)) as Record<string, unknown>).assertions).toEqual([]);
  });

  it("bad input: a JSONPath that doesn't parse, an op that doesn't fit its source, more than 20", () => {
    expect(fieldsOf({ ...base, assertions: [{ source: "json", property: "$.a[", op: "exists" }] })).toEqual({
      "assertions.0.property": expect.stringContaining("does not parse"),
    });
    expect(
      fieldsOf({
        ...base,
        assertions: [
          { source: "status", op: "eq", value: 200 },
          { source: "header", property: "Server", op: "lt", value: 1 },
        ],
      }),
    ).toEqual({ "assertions.1.op": expect.stringContaining("does not apply to header") });
    expect(fieldsOf({ ...base, assertions: Array(21).fill({ source: "status", op: "eq", value: 200 }) })).toEqual({ assertions: "Use at most 20 assertions" });
    expect(fieldsOf({ type: "heartbeat", name: "Cron", periodSeconds: 3600, assertions: [] })).toEqual({ assertions: expect.stringContaining("HTTP") });
  });

  it("the form posts rows (no JSON typed) and reads a stored monitor back into rows", async () => {
    const fd = new FormData();
    for (const [k, v] of Object.entries({
      type: "http",
      name: "Shop",
      url: "https://shop.example.com",
      intervalSeconds: "60",
      method: "GET",
      expectedStatus: "200-299",
      keywordMode: "present",
    }))
      fd.set(k, v);
    for (const row of [
      ["json", "$.items[0].stock", "gt", "0"],
      ["header", "Content-Type", "exists", ""],
    ]) {
      fd.append("assertionSource", row[0]);
      fd.append("assertionProperty", row[1]);
      fd.append("assertionOp", row[2]);
      fd.append("assertionValue", row[3]);
    }
    const values = validateMonitorInput(inputFromFormValues(formValuesFromFormData(fd))) as { assertions: unknown };
    expect(values.assertions).toEqual([
      { source: "json", property: "$.items[0].stock", op: "gt", value: 0 },
      { source: "header", property: "Content-Type", op: "exists", value: null },
    ]);
    const { workspaceId } = await createTestUser();
    const m = await createMonitor(userCtx(db, workspaceId), inputFromFormValues(formValuesFromFormData(fd)));
    expect((formValuesFromMonitor(m) as unknown as { assertions: unknown }).assertions).toEqual([
      { source: "json", property: "$.items[0].stock", op: "gt", value: "0" },
      { source: "header", property: "Content-Type", op: "exists", value: "" },
    ]);
  });
});
