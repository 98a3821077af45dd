import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { KIND_FORMS } from "./kinds/registry";

/** A plain GET form: filters live in the URL, work without JavaScript and survive a reload. */
export function MonitorFilters({ status, type, q }: { status?: string; type?: string; q?: string }) {
  const active = !!(status || type || q);
  return (
    <form method="get" action="/monitors" role="search" className="mb-4 flex flex-wrap items-end gap-2" data-testid="monitor-filters">
      <div className="min-w-48 flex-1">
        <label htmlFor="q" className="sr-only">
          Search by name
        </label>
        <Input name="q" type="search" placeholder="Search by name" defaultValue={q ?? ""} />
      </div>
      <div>
        <label htmlFor="status" className="sr-only">
          Status
        </label>
        <Select name="status" defaultValue={status ?? ""}>
          <option value="">All statuses</option>
          <option value="up">Up</option>
          <option value="down">Down</option>
          <option value="pending">Pending</option>
          <option value="paused">Paused</option>
        </Select>
      </div>
      <div>
        <label htmlFor="type" className="sr-only">
          Type
        </label>
        <Select name="type" defaultValue={type ?? ""}>
          <option value="">All types</option>
          {KIND_FORMS.map((k) => (
            <option key={k.type} value={k.type}>
              {k.label}
            </option>
          ))}
        </Select>
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        Filter
      </button>
      {active && (
        <Link href="/monitors" className={buttonClass("ghost")}>
          Clear
        </Link>
      )}
    </form>
  );
}
