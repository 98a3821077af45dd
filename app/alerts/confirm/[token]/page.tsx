import { Logo } from "@/components/marketing/logo";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { findEmailConfirmation } from "@/lib/alerts/channels";
import { db } from "@/lib/db/client";
import { confirmAlertEmailAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Confirm alerts", robots: { index: false } };

/**
 * Public: the link from the confirmation email. Opening it only shows a button; the POST behind the
 * button confirms, so link scanners and previews can't confirm on the recipient's behalf.
 */
export default async function ConfirmAlertEmailPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ confirmed?: string; invalid?: string }>;
}) {
  const { token } = await params;
  const { confirmed, invalid } = await searchParams;
  const pending = confirmed ? null : await findEmailConfirmation(db, token);
  let body: React.ReactNode;
  if (confirmed) {
    body = (
      <>
        <h1 className="text-lg font-semibold">Address confirmed</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">Vigil alerts will now reach this address. You can close this page.</p>
      </>
    );
  } else if (!pending || pending.expired || invalid) {
    body = (
      <>
        <h1 className="text-lg font-semibold">This link doesn&rsquo;t work</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          It was already used or has expired (links last 7 days). Ask whoever added this address to send a new one from Vigil&rsquo;s Alerts page.
        </p>
      </>
    );
  } else {
    body = (
      <>
        <h1 className="text-lg font-semibold">Receive Vigil alerts?</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          The workspace <strong className="text-slate-900 dark:text-slate-100">{pending.workspaceName}</strong> wants to send monitoring alerts to{" "}
          <strong className="text-slate-900 dark:text-slate-100">{pending.target}</strong>.
        </p>
        <form action={confirmAlertEmailAction.bind(null, token)}>
          <Button type="submit" data-testid="confirm-alert-email">
            Confirm alerts to this address
          </Button>
        </form>
        <p className="text-xs text-slate-500 dark:text-slate-400">Don&rsquo;t want them? Close this page: nothing will be sent.</p>
      </>
    );
  }
  return (
    <div className="flex min-h-screen flex-col items-center bg-gradient-to-b from-brand-50/70 to-transparent px-4 pb-16 pt-12 sm:pt-20 dark:from-slate-900/70">
      <Logo />
      <main className="mt-8 w-full max-w-md">
        <Card className="space-y-4 p-6">{body}</Card>
      </main>
    </div>
  );
}
