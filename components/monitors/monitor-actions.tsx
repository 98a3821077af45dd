"use client";

import { useTransition } from "react";
import { deleteMonitorAction, setMutedAction, setPausedAction } from "@/app/(app)/monitors/actions";
import { DANGER_ACTION, ROW_ACTION } from "./action-styles";
import { ConfirmButton } from "./confirm-dialog";

/** Pause/resume, mute/unmute (when `muted` is given) and delete (confirmed), for a list row or the edit page. */
export function MonitorActions({
  id,
  name,
  paused,
  muted,
  afterDelete,
}: {
  id: string;
  name: string;
  paused: boolean;
  muted?: boolean;
  afterDelete?: "/monitors";
}) {
  const [pending, start] = useTransition();
  return (
    <div className="flex items-center justify-end gap-1">
      <button
        type="button"
        className={ROW_ACTION}
        disabled={pending}
        onClick={() => start(() => setPausedAction(id, !paused))}
        data-testid={paused ? "resume-monitor" : "pause-monitor"}
      >
        {paused ? "Resume" : "Pause"}
      </button>
      {muted !== undefined && (
        <button
          type="button"
          className={ROW_ACTION}
          disabled={pending}
          onClick={() => start(() => setMutedAction(id, !muted))}
          data-testid={muted ? "unmute-monitor" : "mute-monitor"}
          title={muted ? "Send this monitor's alerts again" : "Stop this monitor's alerts; checks go on"}
        >
          {muted ? "Unmute" : "Mute"}
        </button>
      )}
      <ConfirmButton
        label="Delete"
        title="Delete this monitor?"
        body={
          <>
            <strong className="font-medium text-slate-900 dark:text-slate-100">{name}</strong> and its check history, pings and incidents will be deleted. This
            can&apos;t be undone.
          </>
        }
        confirmLabel="Delete monitor"
        onConfirm={() => deleteMonitorAction(id, afterDelete)}
        testId="delete-monitor"
        triggerClassName={DANGER_ACTION}
      />
    </div>
  );
}
