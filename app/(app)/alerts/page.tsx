import { redirect } from "next/navigation";
import { AddChannelForm } from "@/components/alerts/add-channel-form";
import { ChannelActions } from "@/components/alerts/channel-actions";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { loadAlertsOverview } from "@/lib/alerts/overview";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { createChannelAction, deleteChannelAction, sendTestAction, setChannelMutedAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Alerts · Vigil" };

function when(d: Date): string {
  return d.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

export default async function AlertsPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const { channels, monitors } = await loadAlertsOverview(db, user.workspaceId);
  const names = new Map(monitors.map((m) => [m.id, m.name]));
  return (
    <>
      <PageHeader title="Alerts" description="Who gets an email when a monitor goes down, recovers or starts flapping. One email per incident event and channel." />
      <div className="grid gap-6 lg:grid-cols-[1fr_320px]">
        <Card className="h-fit divide-y divide-slate-200 dark:divide-slate-800">
          <h2 className="px-5 py-3 text-sm font-semibold">Email channels</h2>
          {channels.length === 0 && <p className="px-5 py-6 text-sm text-slate-600 dark:text-slate-400">No channels yet.</p>}
          <ul className="divide-y divide-slate-200 dark:divide-slate-800">
            {channels.map((c) => (
              <li key={c.id} className="flex flex-wrap items-start justify-between gap-4 px-5 py-4" data-testid="alert-channel">
                <div className="min-w-0 space-y-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="truncate font-medium" data-testid="channel-target">{c.target}</span>
                    {c.muted && <Badge tone="paused">muted</Badge>}
                    {c.lastError && <Badge tone="down">delivery failing</Badge>}
                  </div>
                  <p className="text-xs text-slate-600 dark:text-slate-400">
                    {c.monitorIds.length === 0 ? "All monitors" : `Only: ${c.monitorIds.map((id) => names.get(id) ?? "deleted monitor").join(", ")}`}
                  </p>
                  <p className="text-xs text-slate-500 dark:text-slate-400">
                    {c.lastDelivery
                      ? `Last ${c.lastDelivery.event} email: ${c.lastDelivery.status === "sent" ? "delivered" : c.lastDelivery.status} · ${when(c.lastDelivery.at)}`
                      : "Nothing sent yet"}
                  </p>
                  {c.lastError && (
                    <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400" data-testid="channel-error">
                      Last delivery error{c.lastErrorAt ? ` (${when(c.lastErrorAt)})` : ""}: {c.lastError}
                    </p>
                  )}
                </div>
                <ChannelActions
                  target={c.target}
                  muted={c.muted}
                  onTest={sendTestAction.bind(null, c.id)}
                  onMute={setChannelMutedAction.bind(null, c.id)}
                  onDelete={deleteChannelAction.bind(null, c.id)}
                />
              </li>
            ))}
          </ul>
        </Card>
        <Card className="h-fit p-5">
          <h2 className="mb-4 text-sm font-semibold">Add an email channel</h2>
          <AddChannelForm action={createChannelAction} monitors={monitors} />
          <p className="mt-4 text-xs text-slate-500 dark:text-slate-400">
            A monitor that flaps (more than a few state changes in a short window) sends one &ldquo;flapping&rdquo; email and a summary once it settles. Mute a monitor on its page to silence it without stopping checks.
          </p>
        </Card>
      </div>
    </>
  );
}
