/**
 * Operator CLI (CONTRACT.md): `npm run admin -- <command>`.
 *   create-user --email E --password P [--admin]
 *   create-api-key --email E [--name N]   prints the key alone on the last line of stdout
 *   invite --email E                       prints the sign-up link alone on the last line of stdout
 *   set-quota --email E [--monitors N] …   raises (or lowers) one workspace's quotas; "default" resets one
 * Exit codes: 0 done, 1 failed (e.g. unknown user, email taken), 2 bad arguments (usage on stderr).
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

// The library logs with pino to stdout; keep stdout for results (last line = the key or link).
process.env.LOG_LEVEL ||= "silent";

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  create-user --email E --password P [--admin]   create a user (with a personal workspace)
  create-api-key --email E [--name N]            create an API key for the user's workspace; prints the key
  invite --email E                               create a 7-day invite and email it; prints the sign-up link
  set-quota --email E [--monitors N] [--min-interval S] [--regions N] [--channels N] [--status-pages N] [--test-sends N]
                                                 set the quotas of the user's workspace (a value of "default" resets it);
                                                 prints the workspace's quotas as JSON`;

// set-quota's options → the quota each one sets.
const QUOTA_OPTIONS = {
  monitors: "monitors",
  "min-interval": "minIntervalSeconds",
  regions: "regionsPerMonitor",
  channels: "alertChannels",
  "status-pages": "statusPages",
  "test-sends": "testSendsPerHour",
} as const;

const COMMANDS = {
  "create-user": { email: { type: "string" }, password: { type: "string" }, admin: { type: "boolean" } },
  "create-api-key": { email: { type: "string" }, name: { type: "string" } },
  invite: { email: { type: "string" } },
  "set-quota": { email: { type: "string" }, ...Object.fromEntries(Object.keys(QUOTA_OPTIONS).map((k) => [k, { type: "string" as const }])) },
} satisfies Record<string, ParseArgsConfig["options"]>;

type CommandName = keyof typeof COMMANDS;
type Values = { email?: string; password?: string; admin?: boolean; name?: string } & Partial<Record<keyof typeof QUOTA_OPTIONS, string>>;

class UsageError extends Error {}

function parse(argv: string[]): { command: CommandName; values: Values } {
  const [command, ...rest] = argv;
  if (!command || !(command in COMMANDS)) throw new UsageError(command ? `Unknown command: ${command}` : "Missing command");
  let values: Values;
  try {
    values = parseArgs({ args: rest, options: COMMANDS[command as CommandName], strict: true, allowPositionals: false }).values as Values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const required = command === "create-user" ? ["email", "password"] : ["email"];
  for (const r of required) if (!values[r as keyof Values]) throw new UsageError(`${command} needs --${r}`);
  return { command: command as CommandName, values };
}

async function run(command: CommandName, v: Values): Promise<void> {
  const { db } = await import("../lib/db/client");
  const { ValidationError, AppError } = await import("../lib/errors");
  try {
    if (command === "create-user") {
      const { parseOrThrow } = await import("../lib/errors");
      const { SignUpInput } = await import("../lib/accounts/schemas");
      const { createUser } = await import("../lib/accounts/create-user");
      const input = parseOrThrow(SignUpInput, { email: v.email, password: v.password });
      const { user, workspaceId } = await createUser(db, { ...input, isAdmin: Boolean(v.admin) });
      console.log(`Created ${user.isAdmin ? "admin" : "user"} ${user.email} (workspace ${workspaceId})`);
      console.log(user.id);
    } else if (command === "create-api-key") {
      const { findUserByEmail } = await import("../lib/accounts/find-user");
      const { loadSessionUser } = await import("../lib/accounts/authenticate");
      const { createApiKey } = await import("../lib/api-keys/api-keys");
      const { systemCtx } = await import("../lib/context");
      const user = await findUserByEmail(db, v.email!);
      const session = user && (await loadSessionUser(db, user.id));
      if (!session) throw new CliFailure(`No user with email ${v.email}`);
      const name = v.name?.trim() || "CLI key";
      const { key } = await createApiKey(systemCtx(db, session.workspaceId, "cli"), { name, createdBy: session.userId });
      console.log(`Created API key "${name}" for ${session.email} (workspace ${session.workspaceId}). It is shown only once:`);
      console.log(key);
    } else if (command === "set-quota") {
      const { findUserByEmail } = await import("../lib/accounts/find-user");
      const { loadSessionUser } = await import("../lib/accounts/authenticate");
      const { setWorkspaceQuotas } = await import("../lib/quotas/quotas");
      const { siteCtx } = await import("../lib/context");
      const user = await findUserByEmail(db, v.email!);
      const session = user && (await loadSessionUser(db, user.id));
      if (!session) throw new CliFailure(`No user with email ${v.email}`);
      const patch: Record<string, number | null> = {};
      for (const [option, quota] of Object.entries(QUOTA_OPTIONS)) {
        const raw = v[option as keyof typeof QUOTA_OPTIONS];
        if (raw === undefined) continue;
        if (raw !== "default" && !/^\d+$/.test(raw)) throw new UsageError(`--${option} must be a whole number or "default"`);
        patch[quota] = raw === "default" ? null : Number(raw);
      }
      const quotas = await setWorkspaceQuotas(siteCtx(db, "cli"), session.workspaceId, patch);
      console.log(`Quotas of ${session.email}'s workspace (${session.workspaceId}):`);
      console.log(JSON.stringify(quotas));
    } else {
      const { createInvite } = await import("../lib/invites/create-invite");
      const { siteCtx } = await import("../lib/context");
      const { invite, url, mailError } = await createInvite(siteCtx(db, "cli"), v.email!);
      if (mailError) console.error(`warning: the invite email could not be sent (${mailError}); pass the link on yourself.`);
      console.log(`Invite for ${invite.email}, valid until ${invite.expiresAt.toISOString()}:`);
      console.log(url);
    }
  } catch (err) {
    if (err instanceof ValidationError) {
      const fields = Object.entries(err.fields ?? {}).map(([k, m]) => `  --${k}: ${m}`);
      throw new UsageError([err.message, ...fields].join("\n"));
    }
    if (err instanceof AppError) throw new CliFailure(err.message);
    throw err;
  }
}

class CliFailure extends Error {}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    console.log(USAGE);
    return 0;
  }
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  try {
    await run(parsed.command, parsed.values);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    console.error(err instanceof CliFailure ? `error: ${err.message}` : err);
    return 1;
  } finally {
    const { closeDb } = await import("../lib/db/client");
    const { closeRedis } = await import("../lib/redis/client");
    await Promise.allSettled([closeDb(), closeRedis()]);
  }
}

// Exit explicitly: a pooled SMTP or Redis socket must not keep an operator's shell waiting.
main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
