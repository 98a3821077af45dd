export default function Loading() {
  return (
    <div className="animate-pulse space-y-4" aria-busy="true" aria-label="Loading status pages">
      <div className="h-8 w-48 rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-40 rounded-xl bg-slate-200 dark:bg-slate-800" />
    </div>
  );
}
