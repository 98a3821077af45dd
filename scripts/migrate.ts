import { env } from "../lib/env";
import { ensureDatabase, migrateDatabase } from "../lib/db/migrate";

await ensureDatabase(env.DATABASE_URL);
await migrateDatabase(env.DATABASE_URL);
console.log("database migrated");
