import Link from "next/link";
import { env } from "@/lib/env";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

const LINKS = [
  { href: "/monitors", label: "Monitors" },
  { href: "/incidents", label: "Incidents" },
  { href: "/status-pages", label: "Status pages" },
  { href: "/maintenance", label: "Maintenance" },
  { href: "/alerts", label: "Alerts" },
  { href: "/settings", label: "Settings" },
];

export function AppNav({ email, isAdmin }: { email: string; isAdmin: boolean }) {
  const links = isAdmin ? [...LINKS, { href: "/admin", label: "Admin" }] : LINKS;
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/monitors" className="flex items-center gap-2 font-semibold tracking-tight">
          <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-full bg-emerald-500 ring-4 ring-emerald-500/20" />
          Vigil
        </Link>
        <NavLinks links={links} />
        <div className="ml-auto flex items-center gap-3 text-sm text-slate-600 dark:text-slate-400">
          <span className="hidden sm:inline" data-testid="current-user">
            {email}
          </span>
          <SignOutButton homeUrl={env.APP_URL} />
        </div>
      </div>
    </header>
  );
}
