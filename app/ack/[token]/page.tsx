import { Logo } from "@/components/marketing/logo";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/components/charts/format";
import { db } from "@/lib/db/client";
import { findAckLinkTarget } from "@/lib/incidents/acknowledge-by-link";
import { acknowledgeFromLink } from "./actions";

export const metadata = { title: "Acknowledge incident", robots: { index: false } };
export const dynamic = "force-dynamic";

const REASONS = {
  malformed: "This acknowledge link is not valid. Copy the whole link from the alert email.",
  invalid: "This acknowledge link is not valid. Copy the whole link from the alert email.",
  expired: "This acknowledge link has expired (links work for 7 days). Acknowledge the incident in the app instead.",
  gone: "This incident no longer exists.",
};

/** Public page behind the alert email's "Acknowledge" link: shows what will be acknowledged; the button POSTs. */
export default async function AckPage({ params }: { params: Promise<{ token: string }> }) {
  const token = decodeURIComponent((await params).token);
  const view = await findAckLinkTarget(db, token);
  return (
    <div className="flex min-h-screen flex-col items-center px-4 pb-16 pt-12 sm:pt-20">
      <Logo />
      <main className="mt-8 w-full max-w-md">
        <Card className="p-6" data-testid="ack-page">
          {!view.ok ? (
            <p className="text-sm text-slate-700 dark:text-slate-300">{REASONS[view.reason]}</p>
          ) : (
            <div className="space-y-4 text-sm">
              <h1 className="text-lg font-semibold">
                {view.monitorName}: {view.incident.status === "open" ? "ongoing incident" : "resolved incident"}
              </h1>
              <dl className="space-y-1 text-slate-700 dark:text-slate-300">
                <div>
                  <dt className="inline font-medium">Cause: </dt>
                  <dd className="inline">{view.incident.cause}</dd>
                </div>
                <div>
                  <dt className="inline font-medium">Started: </dt>
                  <dd className="inline">{formatDateTime(view.incident.startedAt)}</dd>
                </div>
                {view.incident.resolvedAt && (
                  <div>
                    <dt className="inline font-medium">Resolved: </dt>
                    <dd className="inline">{formatDateTime(view.incident.resolvedAt)}</dd>
                  </div>
                )}
              </dl>
              {view.incident.acknowledgedAt ? (
                <p className="rounded-md bg-emerald-50 p-3 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300" data-testid="ack-done">
                  Acknowledged by {view.incident.acknowledgedBy?.label ?? "someone"} at {formatDateTime(view.incident.acknowledgedAt)}. Reminders have stopped.
                </p>
              ) : view.incident.status === "open" ? (
                <form action={acknowledgeFromLink}>
                  <input type="hidden" name="token" value={token} />
                  <p className="mb-3 text-slate-600 dark:text-slate-400">
                    Acknowledging tells everyone on this incident&apos;s channels that someone is on it, and stops reminders.
                  </p>
                  <Button type="submit" data-testid="ack-button">
                    Acknowledge incident
                  </Button>
                </form>
              ) : (
                <p className="text-slate-600 dark:text-slate-400">This incident is resolved: there is nothing to acknowledge.</p>
              )}
            </div>
          )}
        </Card>
      </main>
    </div>
  );
}
