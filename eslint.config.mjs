// ESLint: Next's rules (core web vitals + typescript-eslint) and the house's walls between folders.
// `npm run lint` (and `npm test`) runs it; a wall broken names its rule in the message.
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/**
 * An import restriction for one folder: imports of the forbidden top-level folders (by alias or relative
 * path), except paths matching `allowed`, fail with the reason as the message.
 */
function wall(files, forbidden, message, allowed) {
  const dirs = forbidden.join("|");
  const except = allowed ? `(?!${allowed})` : "";
  return { files, rules: { "no-restricted-imports": ["error", { patterns: [{ regex: `^(@/|(\\.\\./)+)(${dirs})(/${except}|$)`, message }] }] } };
}

const config = [
  { ignores: ["node_modules/**", ".next*/**", "test-results/**", "playwright-report/**", "drizzle/**", "coverage/**", "next-env.d.ts"] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      // Unused arguments and destructured leftovers are named with a leading underscore on purpose.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    // Alert emails are whole HTML documents rendered to a string, not Next pages.
    files: ["lib/alerts/templates/**"],
    rules: { "@next/next/no-head-element": "off" },
  },
  {
    // Server components render once per request: reading the clock there is how "3 minutes ago" is
    // computed, not an impurity that re-renders would expose. Client components keep the rule.
    files: [
      "app/**/page.tsx",
      "components/charts/monitor-panels.tsx",
      "components/incidents/incident-list.tsx",
      "components/status-page/public-status-page.tsx",
    ],
    rules: { "react-hooks/purity": "off" },
  },
  wall(
    ["lib/**"],
    ["app", "worker", "scripts", "components"],
    "House rule: lib/ is the product's logic and imports neither app/, worker/, components/ nor scripts/ (move what both need into lib/).",
  ),
  wall(["app/**"], ["worker", "scripts"], "House rule: app/ and worker/ never import each other, and neither imports scripts/; what both need lives in lib/."),
  wall(["worker/**"], ["app", "components", "scripts"], "House rule: worker/ never imports app/ or components/ (nor scripts/); what both need lives in lib/."),
  wall(
    ["components/**"],
    ["app", "worker", "scripts"],
    'House rule: components/ never import worker/ or scripts/, and from app/ only its server actions (a client component may import a "use server" module; passing the action as a prop from the page is better).',
    ".*/actions$",
  ),
];

export default config;
