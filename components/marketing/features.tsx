const FEATURES = [
  {
    title: "Checks on time, from several regions",
    body: "Every monitor runs on its schedule from workers in different regions, so a slow route or a regional outage shows up as what it is.",
    icon: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Zm0-18c2.5 2.7 3.75 5.7 3.75 9S14.5 18.3 12 21m0-18C9.5 5.7 8.25 8.7 8.25 12S9.5 18.3 12 21M3.5 9h17M3.5 15h17",
  },
  {
    title: "Alerts that are never false, never lost",
    body: "A failure is confirmed from more than one place before anyone is paged, and every alert is written down before it is sent, so none go missing.",
    icon: "M14.857 17.082a23.85 23.85 0 0 0 5.454-1.31A8.967 8.967 0 0 1 18 9.75V9A6 6 0 0 0 6 9v.75a8.967 8.967 0 0 1-2.312 6.022c1.733.64 3.56 1.085 5.455 1.31m5.714 0a24.255 24.255 0 0 1-5.714 0m5.714 0a3 3 0 1 1-5.714 0",
  },
  {
    title: "Heartbeats for cron jobs",
    body: "Your backups and queues ping a URL when they run. Vigil knows the schedule, cron expression and time zone included, and tells you when a run is missing or late.",
    icon: "M12 6v6h4.5m4.5 0a9 9 0 1 1-18 0 9 9 0 0 1 18 0Z",
  },
  {
    title: "Public status pages",
    body: "Show customers what's up and what's being fixed, on a fast page that works without JavaScript and never reveals your internal URLs.",
    icon: "M3.75 3v11.25A2.25 2.25 0 0 0 6 16.5h2.25M3.75 3h-1.5m1.5 0h16.5m0 0h1.5m-1.5 0v11.25A2.25 2.25 0 0 1 18 16.5h-2.25m-7.5 0h7.5m-7.5 0-1 3m8.5-3 1 3m0 0 .5 1.5m-.5-1.5h-9.5m0 0-.5 1.5M9 11.25v1.5M12 9v3.75m3-6v6.75",
  },
];

export function Features() {
  return (
    <ul className="grid gap-5 sm:grid-cols-2">
      {FEATURES.map((f) => (
        <li key={f.title} className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
          <span className="inline-flex h-9 w-9 items-center justify-center rounded-lg bg-brand-50 text-brand-600 ring-1 ring-inset ring-brand-100 dark:bg-slate-800 dark:text-brand-100 dark:ring-slate-700">
            <svg
              aria-hidden
              viewBox="0 0 24 24"
              fill="none"
              stroke="currentColor"
              strokeWidth={1.6}
              strokeLinecap="round"
              strokeLinejoin="round"
              className="h-5 w-5"
            >
              <path d={f.icon} />
            </svg>
          </span>
          <h3 className="mt-4 text-base font-semibold">{f.title}</h3>
          <p className="mt-2 text-sm leading-6 text-slate-600 dark:text-slate-400">{f.body}</p>
        </li>
      ))}
    </ul>
  );
}
