const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id can't name a row: callers answer NotFound, like for another workspace's id (never a 500). */
export function isUuid(id: unknown): id is string {
  return typeof id === "string" && UUID.test(id);
}
