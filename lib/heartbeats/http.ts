import type { IncomingMessage } from "node:http";
import { MAX_PING_BODY_BYTES } from "./ingest";

export type BoundedBody = { body: string | null; bodyTruncated: boolean };

function finish(chunks: Uint8Array[], total: number): BoundedBody {
  if (total === 0) return { body: null, bodyTruncated: false };
  const all = Buffer.concat(chunks);
  const kept = all.subarray(0, MAX_PING_BODY_BYTES);
  // Cutting may split a multi-byte character: decode leniently, then drop the replacement char it leaves.
  let body = kept.toString("utf8");
  if (all.length > MAX_PING_BODY_BYTES) body = body.replace(/\uFFFD$/, "");
  return { body: body.replace(/\u0000/g, ""), bodyTruncated: all.length > MAX_PING_BODY_BYTES };
}

/** Reads at most 10 KB (+1 byte to know it was longer) from a fetch body, then stops reading. */
export async function readWebBody(stream: ReadableStream<Uint8Array> | null): Promise<BoundedBody> {
  if (!stream) return { body: null, bodyTruncated: false };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.length;
    if (total > MAX_PING_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      break;
    }
  }
  return finish(chunks, total);
}

/** The same for node:http: keeps the first 10 KB and drains (discards) the rest. */
export function readNodeBody(req: IncomingMessage): Promise<BoundedBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    req.on("data", (c: Buffer) => {
      if (total <= MAX_PING_BODY_BYTES) chunks.push(c);
      total += c.length;
    });
    req.on("end", () => resolve(finish(chunks, total)));
    req.on("error", reject);
  });
}
