// The import attribute lets Node's own ESM loader (Playwright's test runner) read the file as well as
// tsx and Next's bundler do.
import pkg from "../package.json" with { type: "json" };

/** Vigil's version, as User-Agent headers and /metrics report it. */
export const VERSION: string = pkg.version;
