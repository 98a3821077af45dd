/** Compact text buttons for table rows and page headers (plain module: usable from server and client components). */
const ACTION_BASE = "rounded-md px-2.5 py-1.5 text-sm font-medium disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-brand-600";
export const ROW_ACTION = `${ACTION_BASE} text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800`;
export const DANGER_ACTION = `${ACTION_BASE} text-red-600 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950`;
