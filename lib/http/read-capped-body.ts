import { PayloadTooLargeError, ValidationError } from "../errors";

/**
 * Reads a request body as text, refusing more than `maxBytes` before it is buffered: a declared
 * Content-Length over the cap is refused without reading a byte, and a body without one (chunked) is
 * read with a running count and cut off as soon as it passes the cap, so nobody can make the server
 * hold an unbounded body in memory.
 */
export async function readCappedText(req: Request, maxBytes: number): Promise<string> {
  const declared = req.headers.get("content-length");
  if (declared !== null) {
    if (!/^\d+$/.test(declared.trim())) throw new ValidationError("Content-Length must be a number of bytes");
    if (Number(declared) > maxBytes) throw new PayloadTooLargeError(maxBytes);
  }
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new PayloadTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
