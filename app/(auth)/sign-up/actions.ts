"use server";

import { headers } from "next/headers";
import { echo, formError, formText, type FormState } from "@/lib/forms/form-state";
import { signUpFromForm } from "@/lib/accounts/sign-up";
import { requestClientIp } from "@/lib/http/client-ip";
import { db } from "@/lib/db/client";
import { kv } from "@/lib/redis/client";

export type SignUpValues = { email: string; name: string };

export async function signUpAction(_prev: FormState<SignUpValues>, data: FormData): Promise<FormState<SignUpValues>> {
  const email = formText(data, "email");
  const name = formText(data, "name");
  const values = { email: echo(email), name: echo(name) };
  try {
    const ip = requestClientIp(await headers());
    await signUpFromForm(db, kv(), { token: formText(data, "token") || null, email, password: formText(data, "password"), name, ip });
    // The browser signs in next with the password it still holds (next-auth sets the cookie).
    return { ok: true, values };
  } catch (err) {
    return formError(err, values);
  }
}
