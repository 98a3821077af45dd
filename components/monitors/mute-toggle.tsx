"use client";

import { useTransition } from "react";
import { setMutedAction } from "@/app/(app)/monitors/actions";
import { Button } from "@/components/ui/button";

/** The monitor page's Mute/Unmute button: alerts stop, checks and incidents go on. */
export function MuteToggle({ id, muted }: { id: string; muted: boolean }) {
  const [pending, start] = useTransition();
  return (
    <Button
      type="button"
      variant="secondary"
      disabled={pending}
      onClick={() => start(() => setMutedAction(id, !muted))}
      title={muted ? "Send this monitor's alerts again" : "Stop this monitor's alerts; checks and incidents go on"}
      data-testid={muted ? "unmute-monitor" : "mute-monitor"}
    >
      {muted ? "Unmute alerts" : "Mute alerts"}
    </Button>
  );
}
