"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/monitors/confirm-dialog";

/** Per-channel buttons: send a test email, mute/unmute, delete (with a confirmation dialog). */
export function ChannelActions({
  target,
  muted,
  onTest,
  onMute,
  onDelete,
}: {
  target: string;
  muted: boolean;
  onTest: () => Promise<{ ok: boolean; message: string }>;
  onMute: (muted: boolean) => Promise<void>;
  onDelete: () => Promise<void>;
}) {
  const [pending, start] = useTransition();
  const [note, setNote] = useState<{ ok: boolean; message: string } | null>(null);
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex flex-wrap items-center justify-end gap-1">
        <Button type="button" variant="secondary" disabled={pending} onClick={() => start(async () => setNote(await onTest()))} data-testid="channel-test">
          Send test
        </Button>
        <Button type="button" variant="ghost" disabled={pending} onClick={() => start(() => onMute(!muted))} data-testid="channel-mute">
          {muted ? "Unmute" : "Mute"}
        </Button>
        <ConfirmButton label="Delete" title="Delete this alert channel?" body={<>Alerts will no longer be emailed to <strong>{target}</strong>.</>} confirmLabel="Delete channel" onConfirm={onDelete} testId="channel-delete" />
      </div>
      {note && (
        <p role="status" className={note.ok ? "text-xs text-emerald-700 dark:text-emerald-400" : "text-xs text-red-600 dark:text-red-400"}>
          {note.message}
        </p>
      )}
    </div>
  );
}
