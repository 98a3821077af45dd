"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/card";
import { controlClass } from "@/components/ui/field";

/** After an invite: whether the email went out, and the link itself (shown once) to pass on by hand. */
export function InviteResult({ email, link, mailError }: { email: string; link: string; mailError?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-2" data-testid="invite-result">
      {mailError ? (
        <Alert tone="error">The invite for {email} was created, but the email could not be sent. Send them this link yourself.</Alert>
      ) : (
        <Alert tone="success">Invite sent to {email}. The link below works once, for 7 days.</Alert>
      )}
      <div className="flex gap-2">
        <input
          readOnly
          value={link}
          aria-label="Sign-up link"
          className={controlClass(false) + " font-mono text-xs"}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          onClick={() =>
            navigator.clipboard?.writeText(link).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
          className="shrink-0 rounded-md px-3 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 dark:text-slate-200 dark:ring-slate-700 dark:hover:bg-slate-800"
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}
