"use client";

import { useActionState } from "react";
import { joinWaitlistAction, type WaitlistValues } from "@/app/(marketing)/actions";
import type { FormState } from "@/lib/forms/form-state";
import { Alert } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { controlClass, Field, Input } from "@/components/ui/field";

const INITIAL: FormState<WaitlistValues> = {};

export function WaitlistForm() {
  const [state, action, pending] = useActionState(joinWaitlistAction, INITIAL);
  if (state.ok) {
    return (
      <div data-testid="waitlist-success" className="space-y-3">
        <Alert tone="success">
          <p className="font-medium">{state.message}</p>
        </Alert>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Invites go out in small batches. The email comes from Vigil and contains a sign-up link that works for 7 days.
        </p>
      </div>
    );
  }
  const f = state.fields ?? {};
  const v = state.values ?? {};
  const showMessage = state.message && !f.email && !f.name && !f.note;
  return (
    <form action={action} noValidate className="space-y-4" data-testid="waitlist-form">
      {showMessage && <Alert tone="error">{state.message}</Alert>}
      <Field label="Work email" name="email" error={f.email}>
        <Input name="email" type="email" autoComplete="email" required placeholder="you@company.com" defaultValue={v.email} invalid={!!f.email} />
      </Field>
      <Field label="Name (optional)" name="name" error={f.name}>
        <Input name="name" autoComplete="name" maxLength={100} defaultValue={v.name} invalid={!!f.name} />
      </Field>
      <Field label="What would you monitor? (optional)" name="note" error={f.note} hint="A few words help us pick who to invite first.">
        <textarea
          id="note"
          name="note"
          rows={3}
          maxLength={1000}
          defaultValue={v.note}
          aria-invalid={!!f.note || undefined}
          aria-describedby={f.note ? "note-error" : undefined}
          className={controlClass(!!f.note)}
        />
      </Field>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Sending…" : "Request beta access"}
      </Button>
    </form>
  );
}
