"use client";

import { signIn } from "next-auth/react";
import { useActionState, useEffect, useRef, useState } from "react";
import { signUpAction, type SignUpValues } from "@/app/(auth)/sign-up/actions";
import type { FormState } from "@/lib/forms/form-state";
import { Alert } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

const INITIAL: FormState<SignUpValues> = {};

/** Sign-up; with an invite the email is the invite's and cannot be changed. Signs in on success. */
export function SignUpForm({ token, invitedEmail }: { token?: string; invitedEmail?: string }) {
  const [state, action, pending] = useActionState(signUpAction, INITIAL);
  const password = useRef("");
  const [signInError, setSignInError] = useState<string | null>(null);

  useEffect(() => {
    if (!state.ok || !state.values?.email) return;
    signIn("credentials", { email: state.values.email, password: password.current, redirect: false })
      .then((res) => {
        // A full load on purpose: the app shell and every server component then read the new session cookie.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        if (res?.ok && !res.error) window.location.assign("/monitors");
        else setSignInError("Your account is ready, but signing in failed. Please sign in with your new password.");
      })
      .catch(() => setSignInError("Your account is ready, but signing in failed. Please sign in with your new password."));
  }, [state]);

  if (state.ok) {
    return (
      <div className="space-y-3" data-testid="sign-up-success">
        <Alert tone="success">Your account is ready. Signing you in…</Alert>
        {signInError && (
          <Alert tone="error">
            {signInError}{" "}
            <a href="/sign-in" className="font-medium underline">
              Go to sign in
            </a>
          </Alert>
        )}
      </div>
    );
  }

  const f = state.fields ?? {};
  const v = state.values ?? {};
  const showMessage = state.message && !f.email && !f.password && !f.name;
  return (
    <form
      action={action}
      onSubmit={(e) => (password.current = String(new FormData(e.currentTarget).get("password") ?? ""))}
      noValidate
      className="space-y-4"
      data-testid="sign-up-form"
    >
      {showMessage && <Alert tone="error">{state.message}</Alert>}
      {token && <input type="hidden" name="token" value={token} />}
      <Field label="Email" name="email" error={f.email} hint={invitedEmail ? "Your invite is for this address." : undefined}>
        {invitedEmail ? (
          <Input
            name="email"
            type="email"
            value={invitedEmail}
            readOnly
            className="cursor-default bg-slate-100! text-slate-600! dark:bg-slate-800! dark:text-slate-300!"
          />
        ) : (
          <Input name="email" type="email" autoComplete="email" required maxLength={254} defaultValue={v.email} invalid={!!f.email} />
        )}
      </Field>
      <Field label="Name (optional)" name="name" error={f.name}>
        <Input name="name" autoComplete="name" maxLength={100} defaultValue={v.name} invalid={!!f.name} />
      </Field>
      <Field label="Password" name="password" error={f.password} hint="At least 8 characters. A passphrase works well.">
        <Input name="password" type="password" autoComplete="new-password" required minLength={8} maxLength={200} invalid={!!f.password} />
      </Field>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
