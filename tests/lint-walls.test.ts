import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The walls between folders are ESLint rules (eslint.config.mjs); these cases prove a break fails lint
// with the house rule's reason, and that what is allowed stays allowed.
const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("import walls", () => {
  it("lib/ importing app/, worker/ or scripts/ fails with the house rule", async () => {
    for (const [file, source] of [
      ["lib/monitors/x.ts", `import { GET } from "@/app/api/health/route";\nexport const x = GET;\n`],
      ["lib/monitors/x.ts", `import { alertsModule } from "../../worker/modules/alerts";\nexport const x = alertsModule;\n`],
      ["lib/monitors/x.ts", `import { startMailSink } from "../../scripts/mail-sink";\nexport const x = startMailSink;\n`],
    ]) {
      const errors = await importErrors(file, source);
      expect(errors, `${file}: ${source}`).toHaveLength(1);
      expect(errors[0]).toMatch(/House rule: lib\/ is the product's logic/);
    }
  });

  it("app/ and worker/ never import each other", async () => {
    expect(await importErrors("app/api/x/route.ts", `import { alertsModule } from "@/worker/modules/alerts";\nexport const x = alertsModule;\n`)).toEqual([
      expect.stringMatching(/app\/ and worker\/ never import each other/),
    ]);
    expect(await importErrors("worker/modules/x.ts", `import { GET } from "../../app/api/health/route";\nexport const x = GET;\n`)).toEqual([
      expect.stringMatching(/worker\/ never imports app\//),
    ]);
  });

  it("components/ may import server actions from app/, nothing else of it", async () => {
    expect(
      await importErrors("components/x/y.tsx", `import { setMutedAction } from "@/app/(app)/monitors/actions";\nexport const x = setMutedAction;\n`),
    ).toEqual([]);
    expect(await importErrors("components/x/y.tsx", `import Page from "@/app/(app)/monitors/page";\nexport const x = Page;\n`)).toEqual([
      expect.stringMatching(/from app\/ only its server actions/),
    ]);
  });

  it("lib/ importing lib/ and app/ importing lib/ are fine", async () => {
    expect(await importErrors("lib/monitors/x.ts", `import { env } from "../env";\nexport const x = env;\n`)).toEqual([]);
    expect(await importErrors("app/api/x/route.ts", `import { env } from "@/lib/env";\nexport const x = env;\n`)).toEqual([]);
  });
});
