"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders the server page every few seconds (paused while the tab is hidden). */
export function AutoRefresh({ everyMs = 5_000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const id = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, everyMs);
    return () => clearInterval(id);
  }, [router, everyMs]);
  return (
    <p className="text-xs text-slate-500 dark:text-slate-400" aria-live="off">
      Refreshes every {Math.round(everyMs / 1000)} s
    </p>
  );
}
