"use client";

import { useActionState } from "react";
import { inviteByEmailAction, type InviteState } from "@/app/(app)/admin/actions";
import { Alert } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { InviteResult } from "./invite-result";

const INITIAL: InviteState = {};

export function InviteByEmailForm() {
  const [state, action, pending] = useActionState(inviteByEmailAction, INITIAL);
  const error = state.fields?.email;
  return (
    <div className="space-y-4">
      <form action={action} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-start" data-testid="invite-by-email-form">
        <div className="flex-1">
          <Field label="Invite by email" name="email" error={error}>
            <Input
              name="email"
              type="email"
              required
              placeholder="person@company.com"
              defaultValue={state.ok ? "" : state.values?.email}
              invalid={!!error}
              key={state.ok ? state.link : "form"}
            />
          </Field>
        </div>
        <Button type="submit" disabled={pending} className="sm:mt-7">
          {pending ? "Sending…" : "Send invite"}
        </Button>
      </form>
      {!state.ok && state.message && !error && <Alert tone="error">{state.message}</Alert>}
      {state.ok && state.link && state.email && <InviteResult email={state.email} link={state.link} mailError={state.mailError} />}
    </div>
  );
}
