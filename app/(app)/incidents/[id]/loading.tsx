export default function Loading() {
  return (
    <div className="animate-pulse space-y-6" aria-busy="true" aria-label="Loading incident">
      <div className="h-8 w-80 rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-40 rounded-xl bg-slate-200 dark:bg-slate-800" />
      <div className="h-32 rounded-xl bg-slate-200 dark:bg-slate-800" />
    </div>
  );
}
