import { pipeline, type Readable } from "node:stream";
import zlib from "node:zlib";

export const KEYWORD_WINDOW_BYTES = 1024 * 1024;
export const SNIPPET_BYTES = 1024;

export type BodyScan = {
  /** null when no keyword was asked for. */
  keywordFound: boolean | null;
  /** First SNIPPET_BYTES of the body. */
  head: Buffer;
  bytesRead: number;
  /** True when reading stopped before the end (limit reached or keyword found). */
  stoppedEarly: boolean;
  /** The whole window read, when asked for with `keep` (response assertions judge it). */
  body: Buffer | null;
  /** The body went on past the limit (only known when kept). */
  truncated: boolean;
};

/**
 * Reads at most `limit` bytes of a response body, looking for a keyword (byte-exact, case-sensitive,
 * across chunk boundaries) and keeping only the first KiB, so a 10 GB body costs one window of
 * memory. Reading stops (and the stream is destroyed) at the limit or as soon as the keyword is found.
 * Errors (reset, abort) propagate to the caller.
 */
export async function scanBody(body: Readable, keyword: string | null, limit = KEYWORD_WINDOW_BYTES, keep = false): Promise<BodyScan> {
  const needle = keyword ? Buffer.from(keyword, "utf8") : null;
  const headParts: Buffer[] = [];
  let headLen = 0;
  let carry = Buffer.alloc(0);
  let bytesRead = 0;
  let found = false;
  let stoppedEarly = false;
  let truncated = false;
  const kept: Buffer[] = [];

  // Stopping early destroys the stream, which undici reports as an abort error: expected, not a failure.
  body.on("error", () => {});
  for await (const raw of body) {
    let chunk = raw as Buffer;
    if (bytesRead + chunk.length > limit) {
      chunk = chunk.subarray(0, limit - bytesRead);
      truncated = true;
    }
    bytesRead += chunk.length;
    if (keep) kept.push(chunk);
    if (headLen < SNIPPET_BYTES) {
      const part = chunk.subarray(0, SNIPPET_BYTES - headLen);
      headParts.push(Buffer.from(part));
      headLen += part.length;
    }
    if (needle) {
      const window = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      if (window.indexOf(needle) !== -1) found = true;
      carry = Buffer.from(window.subarray(Math.max(0, window.length - (needle.length - 1))));
    }
    if ((found && !keep) || bytesRead >= limit) {
      stoppedEarly = true;
      break; // leaving for-await destroys the stream: the rest of the body is never read
    }
  }
  // A body of exactly `limit` bytes counts as truncated too: reading stops before its end is seen.
  if (bytesRead >= limit) truncated = true;
  return { keywordFound: needle ? found : null, head: Buffer.concat(headParts), bytesRead, stoppedEarly, body: keep ? Buffer.concat(kept) : null, truncated };
}

/**
 * The body as the site meant it: decompressed when the monitor asked for compression (we never do by
 * default). The 1 MiB window applies to the decompressed bytes, so a compression bomb stays bounded.
 */
export function decodedBody(body: Readable, contentEncoding: string | string[] | undefined): Readable {
  const enc = String(contentEncoding ?? "")
    .trim()
    .toLowerCase();
  const z =
    enc === "gzip" || enc === "x-gzip" ? zlib.createGunzip() : enc === "deflate" ? zlib.createInflate() : enc === "br" ? zlib.createBrotliDecompress() : null;
  return z ? pipeline(body, z, () => {}) : body;
}
