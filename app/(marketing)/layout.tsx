import Link from "next/link";
import { Logo } from "@/components/marketing/logo";
import { buttonClass } from "@/components/ui/button";

export default function MarketingLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200/70 bg-white/80 backdrop-blur dark:border-slate-800 dark:bg-slate-950/80">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
          <Logo />
          <nav aria-label="Site" className="flex items-center gap-1 text-sm sm:gap-2">
            <a
              href="#features"
              className="hidden rounded-md px-3 py-2 font-medium text-slate-600 hover:text-slate-900 sm:inline dark:text-slate-400 dark:hover:text-white"
            >
              Features
            </a>
            <a
              href="#request-access"
              className="hidden rounded-md px-3 py-2 font-medium text-slate-600 hover:text-slate-900 sm:inline dark:text-slate-400 dark:hover:text-white"
            >
              Get access
            </a>
            <Link href="/sign-in" className={buttonClass("secondary")}>
              Sign in
            </Link>
          </nav>
        </div>
      </header>
      <div className="flex-1">{children}</div>
      <footer className="border-t border-slate-200 dark:border-slate-800">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-6 text-sm text-slate-500 sm:px-6 dark:text-slate-400">
          <p>Vigil · open-source uptime monitoring</p>
          <p className="flex gap-4">
            <Link href="/sign-in" className="hover:text-slate-900 dark:hover:text-white">
              Sign in
            </Link>
            <a href="#request-access" className="hover:text-slate-900 dark:hover:text-white">
              Get access
            </a>
          </p>
        </div>
      </footer>
    </div>
  );
}
