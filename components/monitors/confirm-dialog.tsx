"use client";

import { useId, useRef, useTransition } from "react";
import { Button } from "@/components/ui/button";

/**
 * A button that opens a native <dialog> asking for confirmation before running `onConfirm`
 * (a server action). Escape or Cancel closes it without doing anything.
 */
export function ConfirmButton({
  label,
  title,
  body,
  confirmLabel,
  onConfirm,
  variant = "ghost",
  testId,
  triggerClassName,
}: {
  label: string;
  title: string;
  body: React.ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  variant?: "ghost" | "danger" | "secondary";
  testId?: string;
  /** Replaces the trigger's button styling (compact table rows). */
  triggerClassName?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [pending, start] = useTransition();
  const titleId = useId();
  return (
    <>
      {triggerClassName ? (
        <button type="button" className={triggerClassName} onClick={() => ref.current?.showModal()} data-testid={testId}>
          {label}
        </button>
      ) : (
        <Button type="button" variant={variant} onClick={() => ref.current?.showModal()} data-testid={testId}>
          {label}
        </Button>
      )}
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-md whitespace-normal rounded-xl bg-white p-0 text-left text-slate-900 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/40 dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-800"
      >
        <div className="space-y-3 p-6">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          <div className="text-sm text-slate-600 dark:text-slate-400">{body}</div>
        </div>
        <div className="flex justify-end gap-2 rounded-b-xl bg-slate-50 px-6 py-3 dark:bg-slate-950">
          <Button type="button" variant="secondary" onClick={() => ref.current?.close()} disabled={pending}>
            Cancel
          </Button>
          <Button
            type="button"
            variant="danger"
            disabled={pending}
            onClick={() =>
              start(async () => {
                await onConfirm();
                ref.current?.close();
              })
            }
          >
            {pending ? "Working…" : confirmLabel}
          </Button>
        </div>
      </dialog>
    </>
  );
}
