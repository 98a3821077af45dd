/** A still picture of the product for the landing page: one monitor, checked from three regions. */
const REGIONS = [
  { name: "Frankfurt", code: "eu", ms: 84 },
  { name: "Virginia", code: "us", ms: 112 },
  { name: "Singapore", code: "ap", ms: 197 },
];

// 45 days of history; the one amber day is a short, confirmed incident.
const DAYS = Array.from({ length: 45 }, (_, i) => (i === 31 ? "incident" : "up"));

export function HeroPanel() {
  return (
    <div aria-hidden className="relative">
      <div className="absolute -inset-4 -z-10 rounded-3xl bg-gradient-to-tr from-brand-100 via-white to-emerald-50 blur-2xl dark:from-brand-700/20 dark:via-slate-950 dark:to-emerald-500/10" />
      <div className="rounded-2xl bg-white p-5 shadow-xl ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
        <div className="flex items-center justify-between gap-4">
          <div className="min-w-0">
            <p className="truncate text-sm font-semibold">api.example.com</p>
            <p className="text-xs text-slate-500 dark:text-slate-400">HTTPS · every 30 s · 3 regions</p>
          </div>
          <span className="inline-flex shrink-0 items-center gap-1.5 rounded-full bg-emerald-50 px-2.5 py-1 text-xs font-medium text-emerald-700 ring-1 ring-inset ring-emerald-600/20 dark:bg-emerald-950 dark:text-emerald-300">
            <span className="h-1.5 w-1.5 rounded-full bg-emerald-500" /> Operational
          </span>
        </div>
        <ul className="mt-5 divide-y divide-slate-100 text-sm dark:divide-slate-800">
          {REGIONS.map((r) => (
            <li key={r.code} className="flex items-center justify-between py-2.5">
              <span className="flex items-center gap-2">
                <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] uppercase text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                  {r.code}
                </span>
                {r.name}
              </span>
              <span className="flex items-center gap-3 tabular-nums text-slate-600 dark:text-slate-300">
                {r.ms} ms
                <span className="text-xs text-emerald-600 dark:text-emerald-400">200 OK</span>
              </span>
            </li>
          ))}
        </ul>
        <div className="mt-4">
          <div className="flex h-8 items-end gap-[3px]">
            {DAYS.map((d, i) => (
              <span key={i} className={`h-full flex-1 rounded-sm ${d === "up" ? "bg-emerald-400/80 dark:bg-emerald-500/70" : "bg-amber-400"}`} />
            ))}
          </div>
          <div className="mt-2 flex justify-between text-[11px] text-slate-500 dark:text-slate-400">
            <span>45 days ago</span>
            <span>99.98% uptime</span>
            <span>today</span>
          </div>
        </div>
        <div className="mt-4 rounded-lg bg-slate-50 p-3 text-xs text-slate-600 ring-1 ring-inset ring-slate-200 dark:bg-slate-950 dark:text-slate-400 dark:ring-slate-800">
          <p className="font-medium text-slate-800 dark:text-slate-200">Incident resolved · 4 min</p>
          <p className="mt-0.5">Timeouts seen from eu and us, confirmed before anyone was paged.</p>
        </div>
      </div>
    </div>
  );
}
