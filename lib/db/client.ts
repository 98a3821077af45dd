import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "../env";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
/** The handle inside `db.transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

type Handle = { db: Db; sql: postgres.Sql };

// One pool per process, kept on globalThis so Next's dev reloads don't open a new pool each time.
const g = globalThis as unknown as { __vigilDb?: Handle };

export function createDb(url: string, max = 10): Handle {
  const sql = postgres(url, { max, onnotice: () => {}, idle_timeout: 30, connect_timeout: 10 });
  return { sql, db: drizzle(sql, { schema, casing: "snake_case" }) };
}

function handle(): Handle {
  g.__vigilDb ??= createDb(env.DATABASE_URL);
  return g.__vigilDb;
}

/** The process-wide database (lazily connected). */
export const db: Db = new Proxy({} as Db, {
  get(_t, prop) {
    const real = handle().db;
    const value = Reflect.get(real, prop, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

export function rawSql(): postgres.Sql {
  return handle().sql;
}

export async function closeDb(): Promise<void> {
  const h = g.__vigilDb;
  g.__vigilDb = undefined;
  await h?.sql.end({ timeout: 5 });
}
