"use client";

import { useTransition } from "react";
import { Button } from "@/components/ui/button";

export function DeleteStatusPageButton({ action }: { action: () => Promise<void> }) {
  const [pending, start] = useTransition();
  return (
    <Button
      type="button"
      variant="danger"
      disabled={pending}
      onClick={() => {
        if (confirm("Delete this status page? Its public address stops working at once.")) start(() => action());
      }}
    >
      {pending ? "Deleting…" : "Delete page"}
    </Button>
  );
}
