import type { Db } from "../db/client";
import type { User } from "../db/schema";
import { env } from "../env";
import { parseOrThrow, ValidationError } from "../errors";
import { redeemInvite } from "../invites/redeem-invite";
import { createUser } from "./create-user";
import { SignUpInput } from "./schemas";

export const INVITE_REQUIRED = "Vigil is in private beta: you need an invite link to sign up. Request access on the home page.";

/**
 * Sign-up as SIGNUP_MODE says: in "invite" mode only through a valid invite for the same email; in
 * "open" mode anyone, and an invite link given anyway is still used up.
 */
export async function signUp(
  db: Db,
  input: { token?: string | null; email: string; password: string; name?: string | null },
  mode: "invite" | "open" = env.SIGNUP_MODE,
): Promise<{ user: User; workspaceId: string }> {
  if (input.token) return redeemInvite(db, { ...input, token: input.token });
  if (mode === "invite") throw new ValidationError(INVITE_REQUIRED, { token: INVITE_REQUIRED });
  const data = parseOrThrow(SignUpInput, { email: input.email, password: input.password, name: input.name ?? undefined });
  return createUser(db, data);
}
