import type { Metadata } from "next";
import Link from "next/link";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Alert, Card } from "@/components/ui/card";
import { INVITE_REQUIRED } from "@/lib/accounts/sign-up";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { lookupInvite } from "@/lib/invites/redeem-invite";
import { INVITE_MESSAGES } from "@/lib/invites/token";

export const metadata: Metadata = { title: "Create your account" };
export const dynamic = "force-dynamic";

function Problem({ title = "This invite link can't be used", message }: { title?: string; message: string }) {
  return (
    <Card className="p-6 sm:p-8">
      <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      <div className="mt-4" data-testid="invite-error">
        <Alert tone="error">{message}</Alert>
      </div>
      <p className="mt-6 text-sm text-slate-600 dark:text-slate-400">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-brand-600 hover:text-brand-700 dark:text-brand-500">
          Sign in
        </Link>
        {" · "}
        <Link href="/#request-access" className="font-medium text-brand-600 hover:text-brand-700 dark:text-brand-500">
          Request access
        </Link>
      </p>
    </Card>
  );
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" && raw ? raw : undefined;

  let invitedEmail: string | undefined;
  if (token) {
    const invite = await lookupInvite(db, token);
    if (invite.status !== "pending") return <Problem message={INVITE_MESSAGES[invite.status]} />;
    invitedEmail = invite.email ?? undefined;
  } else if (env.SIGNUP_MODE === "invite") {
    return <Problem title="Sign-up is by invitation" message={INVITE_REQUIRED} />;
  }

  return (
    <>
      <Card className="p-6 sm:p-8">
        <h1 className="text-xl font-semibold tracking-tight">Create your Vigil account</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600 dark:text-slate-400">
          {invitedEmail ? "Welcome to the beta. Choose a password and you're in." : "Start monitoring in a minute."}
        </p>
        <SignUpForm token={token} invitedEmail={invitedEmail} />
      </Card>
      <p className="mt-6 text-center text-sm text-slate-600 dark:text-slate-400">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-brand-600 hover:text-brand-700 dark:text-brand-500">
          Sign in
        </Link>
      </p>
    </>
  );
}
