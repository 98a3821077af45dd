import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";
import { safeCallbackPath } from "@/lib/auth/safe-callback";
import { getSessionUser } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  if (await getSessionUser()) redirect("/monitors");
  const { callbackUrl } = await searchParams;
  return (
    <>
      <Card className="p-6 sm:p-8">
        <h1 className="text-xl font-semibold tracking-tight">Sign in to Vigil</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600 dark:text-slate-400">Welcome back. Your monitors kept watch while you were away.</p>
        <SignInForm next={safeCallbackPath(callbackUrl, env.APP_URL)} />
      </Card>
      <p className="mt-6 text-center text-sm text-slate-600 dark:text-slate-400">
        {env.SIGNUP_MODE === "open" ? (
          <>
            No account yet?{" "}
            <Link href="/sign-up" className="font-medium text-brand-600 hover:text-brand-700 dark:text-brand-500">
              Create one
            </Link>
          </>
        ) : (
          <>
            No account yet? Vigil is in private beta:{" "}
            <Link href="/#request-access" className="font-medium text-brand-600 hover:text-brand-700 dark:text-brand-500">
              request access
            </Link>
            .
          </>
        )}
      </p>
    </>
  );
}
