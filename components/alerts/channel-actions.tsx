"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { ConfirmButton } from "@/components/monitors/confirm-dialog";
import { Button, buttonClass } from "@/components/ui/button";

type Note = { ok: boolean; message: string };

/** Per-channel buttons: send a test (or resend the confirmation), mute/unmute, edit, delete (confirmed). */
export function ChannelActions({
  id,
  label,
  muted,
  verified,
  onTest,
  onResend,
  onMute,
  onDelete,
}: {
  id: string;
  label: string;
  muted: boolean;
  verified: boolean;
  onTest: () => Promise<Note>;
  onResend: () => Promise<Note>;
  onMute: (muted: boolean) => Promise<void>;
  onDelete: () => Promise<void>;
}) {
  const [pending, start] = useTransition();
  const [note, setNote] = useState<Note | null>(null);
  return (
    <div className="flex shrink-0 flex-col items-start gap-1 sm:items-end">
      <div className="flex flex-wrap items-center justify-end gap-1">
        {verified ? (
          <Button type="button" variant="secondary" disabled={pending} onClick={() => start(async () => setNote(await onTest()))} data-testid="channel-test">
            Send test
          </Button>
        ) : (
          <Button
            type="button"
            variant="secondary"
            disabled={pending}
            onClick={() => start(async () => setNote(await onResend()))}
            data-testid="channel-resend"
          >
            Resend confirmation
          </Button>
        )}
        <Button type="button" variant="ghost" disabled={pending} onClick={() => start(() => onMute(!muted))} data-testid="channel-mute">
          {muted ? "Unmute" : "Mute"}
        </Button>
        <Link href={`/alerts?edit=${id}`} className={buttonClass("ghost")} data-testid="channel-edit" scroll={false}>
          Edit
        </Link>
        <ConfirmButton
          label="Delete"
          title="Delete this alert channel?"
          body={
            <>
              Alerts will no longer go to <strong>{label}</strong>.
            </>
          }
          confirmLabel="Delete channel"
          onConfirm={onDelete}
          testId="channel-delete"
        />
      </div>
      {note && (
        <p
          role="status"
          className={note.ok ? "text-xs text-emerald-700 dark:text-emerald-400" : "text-xs text-red-600 dark:text-red-400"}
          data-testid="channel-note"
        >
          {note.message}
        </p>
      )}
    </div>
  );
}
