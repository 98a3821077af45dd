import type { AlertChannelType } from "@/lib/db/schema/enums";
import { cn } from "@/components/ui/cn";
import { TYPE_MARK } from "./channel-type-info";

export function TypeMark({ type, label }: { type: AlertChannelType; label: string }) {
  const mark = TYPE_MARK[type];
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      className={cn("inline-flex h-9 w-9 shrink-0 items-center justify-center rounded-lg font-mono text-sm font-bold shadow-sm", mark.className)}
      data-testid="channel-type-mark"
    >
      {mark.glyph}
    </span>
  );
}
