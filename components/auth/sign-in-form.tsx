"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Alert } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { MAX_EMAIL_LENGTH, MAX_PASSWORD_BYTES } from "@/lib/accounts/limits";
import { safeCallbackPath } from "@/lib/auth/safe-callback";

const WRONG_CREDENTIALS = "That email and password don't match an account. Check them and try again.";

export function SignInForm({ next }: { next?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    if (!email || !password) {
      setError("Enter your email and password.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", { email, password, redirect: false });
      if (res?.ok && !res.error) {
        // Only a path on this site: a callbackUrl pointing elsewhere would make this form an open redirect.
        window.location.assign(safeCallbackPath(next, window.location.origin));
        return;
      }
      // authorize() throws messages meant for people (rate limit, service trouble); a null user is CredentialsSignin.
      setError(!res?.error || res.error === "CredentialsSignin" ? WRONG_CREDENTIALS : res.error);
    } catch {
      setError("We couldn't reach Vigil. Check your connection and try again.");
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="sign-in-form">
      {error && <Alert tone="error">{error}</Alert>}
      <Field label="Email" name="email">
        <Input name="email" type="email" autoComplete="email" required autoFocus maxLength={MAX_EMAIL_LENGTH} />
      </Field>
      <Field label="Password" name="password">
        <Input name="password" type="password" autoComplete="current-password" required maxLength={MAX_PASSWORD_BYTES} />
      </Field>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
