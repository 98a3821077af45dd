"use server";

import { headers } from "next/headers";
import { formError, formText, type FormState } from "@/app/(auth)/form-state";
import { signUp } from "@/lib/accounts/sign-up";
import { requestClientIp } from "@/lib/http/client-ip";
import { db } from "@/lib/db/client";
import { key, kv } from "@/lib/redis/client";
import { enforceRateLimits } from "@/lib/redis/rate-limit";

export type SignUpValues = { email: string; name: string };

// Each attempt hashes a password (argon2id): bound how much of that one address can ask for.
const SIGN_UP_PER_IP = { limit: 30, windowSeconds: 600 };

export async function signUpAction(_prev: FormState<SignUpValues>, data: FormData): Promise<FormState<SignUpValues>> {
  const values = { email: formText(data, "email"), name: formText(data, "name") };
  try {
    await enforceRateLimits(kv(), [{ key: key("rl", "signup", "ip", requestClientIp(await headers())), rule: SIGN_UP_PER_IP }]);
    await signUp(db, { token: formText(data, "token") || null, email: values.email, password: formText(data, "password"), name: values.name });
    // The browser signs in next with the password it still holds (next-auth sets the cookie).
    return { ok: true, values };
  } catch (err) {
    return formError(err, values);
  }
}
