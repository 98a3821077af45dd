import Link from "next/link";
import { cn } from "@/components/ui/cn";

/** Range switcher made of plain links (?range=…), so it works without JavaScript and can be shared. */
export function RangeTabs({ basePath, ranges, current }: { basePath: string; ranges: readonly string[]; current: string }) {
  return (
    <nav aria-label="Chart range" className="inline-flex rounded-md bg-slate-100 p-0.5 text-xs font-medium dark:bg-slate-800">
      {ranges.map((r) => (
        <Link
          key={r}
          href={`${basePath}?range=${r}`}
          scroll={false}
          aria-current={r === current ? "page" : undefined}
          data-testid={`range-${r}`}
          className={cn(
            "rounded px-2.5 py-1",
            r === current
              ? "bg-white text-slate-900 shadow-sm dark:bg-slate-950 dark:text-white"
              : "text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white",
          )}
        >
          {r}
        </Link>
      ))}
    </nav>
  );
}
