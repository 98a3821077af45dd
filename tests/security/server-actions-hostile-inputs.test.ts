/**
 * Hostile form posts to the signed-in app's form actions (a server action is a public POST endpoint:
 * anyone with a session can send it any FormData, not only what the form renders). Each refusal must
 * be a form message (never the generic "something went wrong", which is what a crash becomes), with no
 * row of the workspace changed and Object.prototype clean. Only what can't run outside Next is mocked:
 * the session cookie (the signed-in user is real), redirect/notFound and revalidatePath.
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

class NavigationSignal extends Error {
  constructor(
    readonly kind: "redirect" | "notFound",
    readonly to?: string,
  ) {
    super(kind);
  }
}
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new NavigationSignal("redirect", to);
  },
  notFound: () => {
    throw new NavigationSignal("notFound");
  },
  unstable_rethrow: (err: unknown) => {
    if (err instanceof NavigationSignal) throw err;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "security-suite" }), cookies: async () => ({ get: () => undefined }) }));
let session: unknown = null;
vi.mock("@/lib/auth/session", () => ({ getSessionCtx: async () => session, getSessionUser: async () => (session as { user?: unknown } | null)?.user ?? null }));

import { loadSessionUser } from "@/lib/accounts/authenticate";
import { ctxForUser } from "@/lib/context";
import { closeDb, db } from "@/lib/db/client";
import { alertChannels, apiKeys, maintenanceWindows, monitors, statusPageIncidents, statusPages } from "@/lib/db/schema";
import { closeRedis } from "@/lib/redis/client";
import { createTestUser } from "@/tests/factories";
import { saveChannelAction } from "@/app/(app)/alerts/actions";
import { saveMaintenanceWindowAction } from "@/app/(app)/maintenance/actions";
import { saveMonitorAction } from "@/app/(app)/monitors/actions";
import { saveStatusPageAction } from "@/app/(app)/status-pages/actions";
import { incidentAction } from "@/app/(app)/status-pages/[id]/communication-actions";
import { createApiKeyAction } from "@/app/(app)/settings/actions";
import { joinWaitlistAction } from "@/app/(marketing)/actions";
import { waitlist } from "@/lib/db/schema";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

let workspaceId: string;
let monitorId: string;
let pageId: string;
beforeAll(async () => {
  const t = await createTestUser();
  workspaceId = t.workspaceId;
  const user = (await loadSessionUser(db, t.user.id))!;
  session = { user, ctx: ctxForUser(db, user) };
  const [m] = await db.insert(monitors).values({ workspaceId, type: "http", name: "site", url: "https://example.com" }).returning();
  monitorId = m!.id;
  const [p] = await db
    .insert(statusPages)
    .values({ workspaceId, slug: `actions-${Date.now().toString(36)}`, title: "Status" })
    .returning();
  pageId = p!.id;
});

type Fields = [string, string][];
type FormAction = (fd: FormData) => Promise<unknown>;
const prev = { attempt: 0 } as never;
const later = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 16);
const evenLater = () => new Date(Date.now() + 90_000_000).toISOString().slice(0, 16);

const FORMS: { name: string; action: FormAction; valid: () => Fields }[] = [
  {
    name: "monitor",
    action: (fd) => saveMonitorAction(null, prev, fd),
    valid: () => [
      ["type", "http"],
      ["name", "site"],
      ["url", "https://example.com/"],
      ["method", "GET"],
      ["expectedStatus", "200-299"],
      ["intervalSeconds", "60"],
      ["timeoutSeconds", "10"],
      ["headerName", "X-Team"],
      ["headerValue", "ops"],
    ],
  },
  {
    name: "alert channel",
    action: (fd) => saveChannelAction(null, prev, fd),
    valid: () => [
      ["type", "webhook"],
      ["name", "Hook"],
      ["target", "https://hooks.example.test/x"],
      ["scope", "all"],
      ["secret.secret", "s".repeat(32)],
      ["headerName", "X-Team"],
      ["headerValue", "ops"],
    ],
  },
  {
    name: "maintenance window",
    action: (fd) => saveMaintenanceWindowAction(null, prev, fd),
    valid: () => [
      ["title", "Deploy"],
      ["monitorIds", monitorId],
      ["startsAt", later()],
      ["endsAt", evenLater()],
      ["repeat", "once"],
    ],
  },
  {
    name: "status page",
    action: (fd) => saveStatusPageAction(null, prev, fd),
    valid: () => [
      ["slug", `form-${Date.now().toString(36)}`],
      ["title", "Status"],
      ["monitors", JSON.stringify([{ monitorId, displayName: "Site" }])],
      ["theme", "auto"],
    ],
  },
  {
    name: "status page incident",
    action: (fd) => incidentAction(pageId, null, prev, fd),
    valid: () => [
      ["title", "Errors"],
      ["impact", "minor"],
      ["status", "investigating"],
      ["message", "Looking into it"],
    ],
  },
  {
    name: "API key",
    action: (fd) => createApiKeyAction(prev, fd),
    valid: () => [["name", "ci"]],
  },
];

const form = (fields: Fields) => {
  const fd = new FormData();
  for (const [k, v] of fields) fd.append(k, v);
  return fd;
};

/** Runs an action: "redirect" (saved), "ok" (saved, no redirect), or the failure state it returned. */
async function submit(action: FormAction, fields: Fields): Promise<{ saved: boolean; state?: { message?: string; fields?: Record<string, string> } }> {
  try {
    const state = (await action(form(fields))) as { ok?: boolean; done?: boolean; key?: string; message?: string };
    return state?.ok || state?.done || state?.key ? { saved: true } : { saved: false, state };
  } catch (err) {
    if (err instanceof NavigationSignal && err.kind === "redirect") return { saved: true };
    throw err;
  }
}

const TABLES = [monitors, alertChannels, maintenanceWindows, statusPages, statusPageIncidents, apiKeys] as const;
async function workspaceRows(): Promise<number[]> {
  return Promise.all(TABLES.map(async (t) => (await db.select({ n: count() }).from(t).where(eq(t.workspaceId, workspaceId)))[0]!.n));
}

function hostileForms(valid: Fields): { label: string; fields: Fields }[] {
  const out: { label: string; fields: Fields }[] = [];
  valid.forEach(([k, v], i) => {
    const swap = (nv: string) => valid.map((f, j) => (j === i ? ([k, nv] as [string, string]) : f));
    out.push({ label: `NUL in ${k}`, fields: swap(`${v}\u0000`) });
    out.push({ label: `1 MB in ${k}`, fields: swap("x".repeat(1024 * 1024)) });
    if (/^(type|url|target|slug|monitorIds|startsAt|endsAt|method|expectedStatus|theme|repeat|impact|status)$/.test(k))
      out.push({ label: `RTL override in ${k}`, fields: swap(`${v}\u202E`) });
  });
  out.push({ label: "NUL in a field name", fields: [...valid.filter(([k]) => k !== "name" && k !== "title"), ["na\u0000me", "x"], ["ti\u0000tle", "x"]] });
  return out;
}

const POLLUTION: Fields = [
  ["__proto__", '{"polluted":"yes"}'],
  ["constructor.prototype.polluted", "yes"],
  ["__proto__.polluted", "yes"],
  ["headerName", "__proto__"],
  ["headerValue", "polluted"],
  ["secret.__proto__", "polluted"],
  ["clearSecret.__proto__", "on"],
];

describe.each(FORMS)("hostile posts to the $name form", ({ action, valid }) => {
  it("the valid form saves (so the variants below start from something that works)", async () => {
    const before = await workspaceRows();
    expect(await submit(action, valid())).toEqual({ saved: true });
    expect(await workspaceRows()).not.toEqual(before);
  });

  it("NULs, oversized values and unicode tricks: refused with a form message (never a crash) and nothing saved", async () => {
    const problems: string[] = [];
    for (const v of hostileForms(valid())) {
      const before = await workspaceRows();
      const r = await submit(action, v.fields).catch((err: Error) => ({ saved: false, state: { message: `threw ${err.message}` } }));
      const state: { message?: string; fields?: Record<string, string> } = r.state ?? {};
      // Forms map what they don't know to a default (an unknown type is http, an unknown scope "all") and
      // a date parser skips a trailing NUL: such a post may save. A refusal must be a form message.
      if (!r.saved) {
        const said = state.message ?? (state.fields ? Object.values(state.fields).join(" ") : undefined); // field messages alone count
        if (!said || /Something went wrong|threw/.test(said)) problems.push(`${v.label}: ${said}`);
        if (JSON.stringify(await workspaceRows()) !== JSON.stringify(before)) problems.push(`${v.label}: refused, yet rows changed`);
      }
      if (({} as Record<string, unknown>).polluted !== undefined) problems.push(`${v.label}: prototype polluted`);
    }
    expect(problems).toEqual([]);
  });

  it("prototype-pollution names are ignored: the prototype stays clean, nothing of them stored", async () => {
    const r = await submit(action, [...valid(), ...POLLUTION]).catch((err: Error) => ({ saved: false, state: { message: `threw ${err.message}` } }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.state?.message ?? "").not.toMatch(/Something went wrong|threw/);
    for (const t of TABLES) {
      const rows = await db.select().from(t).where(eq(t.workspaceId, workspaceId));
      expect(JSON.stringify(rows)).not.toContain("polluted");
    }
  });
});

describe("hostile posts to the public waitlist form (no session needed)", () => {
  it("a NUL or an oversized value is a form message, never a crash, and nothing is stored", async () => {
    const rows = async () => (await db.select({ n: count() }).from(waitlist))[0]!.n;
    const valid: Fields = [
      ["email", `w-${Date.now().toString(36)}@example.test`],
      ["name", "Ada"],
      ["note", "Hello"],
    ];
    const problems: string[] = [];
    for (const v of hostileForms(valid)) {
      const before = await rows();
      const state = (await joinWaitlistAction({}, form(v.fields))) as { ok?: boolean; message?: string; fields?: Record<string, string> };
      if (state.ok) continue; // a name or note without its NUL would be a fine entry; one with it can't be stored
      const said = state.message ?? Object.values(state.fields ?? {}).join(" ");
      if (!said || /Something went wrong/.test(said)) problems.push(`${v.label}: ${said}`);
      if ((await rows()) !== before) problems.push(`${v.label}: refused, yet stored`);
    }
    expect(problems).toEqual([]);
  });
});
