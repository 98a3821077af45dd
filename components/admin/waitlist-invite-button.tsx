"use client";

import { useActionState } from "react";
import { inviteFromWaitlistAction, type InviteState } from "@/app/(app)/admin/actions";
import { Button } from "@/components/ui/button";
import { InviteResult } from "./invite-result";

const INITIAL: InviteState = {};

export function WaitlistInviteButton({ id, email, invited }: { id: string; email: string; invited: boolean }) {
  const [state, action, pending] = useActionState(inviteFromWaitlistAction, INITIAL);
  return (
    <div className="space-y-2">
      <form action={action}>
        <input type="hidden" name="id" value={id} />
        <Button
          type="submit"
          variant={invited ? "secondary" : "primary"}
          disabled={pending}
          className="whitespace-nowrap"
          aria-label={`${invited ? "Invite again" : "Invite"} ${email}`}
        >
          {pending ? "Inviting…" : invited ? "Invite again" : "Invite"}
        </Button>
      </form>
      {state.message && (
        <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
          {state.message}
        </p>
      )}
      {state.ok && state.link && state.email && state.mailError && <InviteResult email={state.email} link={state.link} mailError={state.mailError} />}
      {state.ok && !state.mailError && (
        <p role="status" className="text-xs text-emerald-700 dark:text-emerald-400">
          Invite sent
        </p>
      )}
    </div>
  );
}
