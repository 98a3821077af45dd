import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db/client";
import { ConflictError, ValidationError } from "@/lib/errors";
import { closeRedis } from "@/lib/redis/client";
import { insertMonitor } from "@/lib/rollups/seed";
import { createTestUser, userCtx } from "@/tests/factories";
import { bannerTextColor, contrastRatio, customDomainProblem, DARK_TEXT, LIGHT_TEXT } from "./branding";
import { createStatusPage, updateStatusPage } from "./save-status-page";

const slug = (p: string) => `${p}-${Math.random().toString(36).slice(2, 8)}`;
const host = (p: string) => `${p}-${Math.random().toString(36).slice(2, 8)}.example.com`;
let ws: string;
let otherWs: string;
beforeAll(async () => {
  ws = (await createTestUser()).workspaceId;
  otherWs = (await createTestUser()).workspaceId;
});
afterAll(async () => {
  await closeDb();
  await closeRedis();
});

async function fieldsOf(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e) => e,
  );
  expect(err).toBeInstanceOf(ValidationError);
  return (err as ValidationError).fields ?? {};
}

describe("accent colour contrast (WCAG AA 4.5:1 for the banner text)", () => {
  it("computes the WCAG ratio", () => {
    expect(contrastRatio("#ffffff", "#000000")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
  });
  it("picks white on dark accents, near-black on light ones, and refuses the mid-tones where neither passes", () => {
    expect(bannerTextColor("#1d4ed8")).toBe(LIGHT_TEXT);
    expect(bannerTextColor("#fde68a")).toBe(DARK_TEXT);
    expect(bannerTextColor("#777777")).toBeNull();
    for (const c of ["#1d4ed8", "#fde68a", "#047857", "#000000", "#ffffff"]) expect(contrastRatio(c, bannerTextColor(c)!)).toBeGreaterThanOrEqual(4.5);
  });
});

describe("custom domain rules", () => {
  it.each([
    ["status.example.com", null],
    ["xn--bcher-kva.example", null],
    ["https://status.example.com", "no scheme"],
    ["status.example.com/path", "no scheme"],
    ["status.example.com:8443", "no port"],
    ["10.0.0.1", "not an IP"],
    ["[::1]", "not an IP"],
    ["2001:db8::1", "not an IP"],
    ["localhost", "full host name"],
    ["-bad.example.com", "letters, digits"],
    [`${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.com`, "253"],
  ])("%s → %s", (h, problem) => {
    const got = customDomainProblem(h);
    if (problem === null) expect(got).toBeNull();
    else expect(got).toContain(problem);
  });
});

describe("status page branding and domain through the verbs", () => {
  it("stores and reads back the branding, lower-casing the domain and the colour", async () => {
    const d = host("Status");
    const page = await createStatusPage(userCtx(db, ws), {
      slug: slug("brand"),
      title: "Acme",
      customDomain: d.toUpperCase(),
      theme: "dark",
      accentColor: "#1D4ED8",
      logoUrl: "https://cdn.example.com/logo.png",
      footerLinks: [{ label: "Home", url: "https://example.com" }],
      hidePoweredBy: true,
    });
    expect(page).toMatchObject({
      customDomain: d.toLowerCase(),
      theme: "dark",
      accentColor: "#1d4ed8",
      logoUrl: "https://cdn.example.com/logo.png",
      footerLinks: [{ label: "Home", url: "https://example.com" }],
      hidePoweredBy: true,
    });
    const cleared = await updateStatusPage(userCtx(db, ws), page.id, { customDomain: "", accentColor: null });
    expect(cleared).toMatchObject({ customDomain: null, accentColor: null, theme: "dark", hidePoweredBy: true });
  });

  it("refuses bad input with field messages", async () => {
    const fields = await fieldsOf(
      createStatusPage(userCtx(db, ws), {
        slug: slug("bad"),
        title: "Acme",
        customDomain: "192.168.1.10",
        accentColor: "blue",
        logoUrl: "http://cdn.example.com/logo.png",
        theme: "neon",
        footerLinks: Array.from({ length: 6 }, (_, i) => ({ label: `l${i}`, url: "https://example.com" })),
      }),
    );
    expect(fields).toMatchObject({
      customDomain: expect.stringContaining("not an IP"),
      accentColor: expect.stringContaining("#"),
      logoUrl: expect.stringContaining("https"),
      theme: expect.any(String),
      footerLinks: expect.stringContaining("At most 5"),
    });
    expect(
      (await fieldsOf(createStatusPage(userCtx(db, ws), { slug: slug("port"), title: "A", customDomain: "status.example.com:443" }))).customDomain,
    ).toContain("port");
    expect((await fieldsOf(createStatusPage(userCtx(db, ws), { slug: slug("grey"), title: "A", accentColor: "#777777" }))).accentColor).toContain("4.5:1");
    expect(
      (await fieldsOf(createStatusPage(userCtx(db, ws), { slug: slug("js"), title: "A", footerLinks: [{ label: "x", url: "javascript:alert(1)" }] })))[
        "footerLinks.0.url"
      ],
    ).toContain("http");
  });

  it("refuses a domain another page uses (any workspace) with a 409 on the customDomain field", async () => {
    const d = host("taken");
    await createStatusPage(userCtx(db, otherWs), { slug: slug("theirs"), title: "Theirs", customDomain: d });
    const err = await createStatusPage(userCtx(db, ws), { slug: slug("mine"), title: "Mine", customDomain: d }).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.fields).toEqual({ customDomain: "That domain is used by another status page" });
    const mine = await createStatusPage(userCtx(db, ws), { slug: slug("mine"), title: "Mine" });
    const again = await updateStatusPage(userCtx(db, ws), mine.id, { customDomain: d.toUpperCase() }).catch((e) => e);
    expect(again).toBeInstanceOf(ConflictError);
    expect(again.fields).toEqual({ customDomain: "That domain is used by another status page" });
  });

  it("a PATCH naming one field leaves the others (monitors, theme, links) as they were", async () => {
    const m = await insertMonitor(db, { workspaceId: ws, name: "api", status: "up" });
    const page = await createStatusPage(userCtx(db, ws), {
      slug: slug("patch"),
      title: "A",
      theme: "light",
      footerLinks: [{ label: "Docs", url: "https://docs.example.com" }],
      monitors: [{ monitorId: m.id, displayName: "API" }],
    });
    const after = await updateStatusPage(userCtx(db, ws), page.id, { title: "B" });
    expect(after).toMatchObject({
      title: "B",
      theme: "light",
      footerLinks: [{ label: "Docs", url: "https://docs.example.com" }],
      monitors: [{ monitorId: m.id, displayName: "API", groupName: null }],
    });
  });
});
