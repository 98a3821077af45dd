"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies text to the clipboard; says "Copied" for a moment. Falls back to selecting when the API is unavailable (plain http). */
export function CopyButton({ text, label = "Copy", testId }: { text: string; label?: string; testId?: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  return (
    <Button
      type="button"
      variant="secondary"
      data-testid={testId}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied("yes");
        } catch {
          setCopied("no");
        }
        setTimeout(() => setCopied(null), 2000);
      }}
    >
      <span aria-live="polite">{copied === "yes" ? "Copied" : copied === "no" ? "Select and copy" : label}</span>
    </Button>
  );
}
