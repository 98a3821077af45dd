"use client";

import { useActionState, useState } from "react";
import { revokeInviteAction } from "@/app/(app)/admin/actions";
import type { FormState } from "@/lib/forms/form-state";
import { Button } from "@/components/ui/button";

const INITIAL: FormState = {};

/** Two steps (Revoke → Confirm) so a stray click cannot kill someone's link. */
export function RevokeInviteButton({ id, email }: { id: string; email: string }) {
  const [state, action, pending] = useActionState(revokeInviteAction, INITIAL);
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <Button type="button" variant="ghost" onClick={() => setConfirming(true)} aria-label={`Revoke invite for ${email}`}>
        Revoke
      </Button>
    );
  }
  return (
    <form action={action} className="flex flex-wrap items-center justify-end gap-2">
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? "Revoking…" : "Confirm revoke"}
      </Button>
      <Button type="button" variant="ghost" onClick={() => setConfirming(false)} disabled={pending}>
        Cancel
      </Button>
      {state.message && (
        <p role="alert" className="w-full text-xs font-medium text-red-600 dark:text-red-400">
          {state.message}
        </p>
      )}
    </form>
  );
}
