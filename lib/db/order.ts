import { sql, type AnyColumn, type SQL } from "drizzle-orm";

/**
 * Newest first, in the order the `.desc()` indexes are built: drizzle writes those as DESC NULLS LAST,
 * while `desc(col)` asks for plain DESC (nulls first), which Postgres cannot read off such an index and
 * sorts every row of the monitor instead (158 ms against 0.08 ms for the newest 50 of 600k pings).
 */
export function newestFirst(column: AnyColumn): SQL {
  return sql`${column} desc nulls last`;
}
