"use client";

import { signOut } from "next-auth/react";

/** Signs out and lands on the site's home (APP_URL): next-auth's redirect callback keeps it there too. */
export function SignOutButton({ homeUrl = "/" }: { homeUrl?: string }) {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: homeUrl })}
      className="rounded-md px-2.5 py-1.5 font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800"
    >
      Sign out
    </button>
  );
}
