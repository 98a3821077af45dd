import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { ChannelOverview } from "@/lib/alerts/overview";
import { ChannelActions } from "./channel-actions";
import type { ChannelTypeInfo } from "./channel-type-info";
import { TypeMark } from "./type-mark";

type Note = { ok: boolean; message: string };
type Actions = {
  test: (id: string) => Promise<Note>;
  resend: (id: string) => Promise<Note>;
  mute: (id: string, muted: boolean) => Promise<void>;
  remove: (id: string) => Promise<void>;
};

function when(d: Date): string {
  return d.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

/** What a channel delivers to, as shown: PagerDuty's only address is its (secret) routing key. */
function shownTarget(c: ChannelOverview): string {
  if (c.type === "pagerduty") return c.secrets.routingKey ? "routing key set" : "no routing key";
  return c.target;
}

function lastDeliveryLine(c: ChannelOverview): string {
  if (c.lastDelivery) {
    const status = c.lastDelivery.status === "sent" ? "delivered" : c.lastDelivery.status;
    return `Last ${c.lastDelivery.event} alert: ${status} · ${when(c.lastDelivery.at)}`;
  }
  if (c.lastDeliveryAt) return `Last delivery ${when(c.lastDeliveryAt)}`;
  return "Nothing sent yet";
}

/** Every channel of the workspace, with its type, scope, state and last delivery. */
export function ChannelList({
  channels,
  monitors,
  types,
  actions,
}: {
  channels: ChannelOverview[];
  monitors: { id: string; name: string }[];
  types: ChannelTypeInfo[];
  actions: Actions;
}) {
  const names = new Map(monitors.map((m) => [m.id, m.name]));
  const labels = new Map(types.map((t) => [t.type, t.label]));
  return (
    <Card className="h-fit divide-y divide-slate-200 dark:divide-slate-800">
      <h2 className="px-5 py-3 text-sm font-semibold">Channels</h2>
      {channels.length === 0 && <p className="px-5 py-6 text-sm text-slate-600 dark:text-slate-400">No channels yet.</p>}
      <ul className="divide-y divide-slate-200 dark:divide-slate-800">
        {channels.map((c) => {
          const typeLabel = labels.get(c.type) ?? c.type;
          const title = c.name || (c.type === "email" ? c.target : typeLabel);
          return (
            <li
              key={c.id}
              className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-start sm:justify-between"
              data-testid="alert-channel"
              data-type={c.type}
            >
              <div className="flex min-w-0 flex-1 gap-3">
                <TypeMark type={c.type} label={typeLabel} />
                <div className="min-w-0 space-y-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="truncate font-medium" data-testid="channel-name">
                      {title}
                    </span>
                    {title !== typeLabel && <span className="text-xs text-slate-500 dark:text-slate-400">{typeLabel}</span>}
                    {c.muted && <Badge tone="paused">muted</Badge>}
                    {!c.verified && <Badge tone="pending">awaiting confirmation</Badge>}
                    {c.lastError && <Badge tone="down">delivery failing</Badge>}
                  </div>
                  <p className="truncate font-mono text-xs text-slate-600 dark:text-slate-400" data-testid="channel-target">
                    {shownTarget(c)}
                  </p>
                  <p className="text-xs text-slate-600 dark:text-slate-400">
                    {c.monitorIds.length === 0 ? "All monitors" : `Only: ${c.monitorIds.map((id) => names.get(id) ?? "deleted monitor").join(", ")}`}
                  </p>
                  {!c.verified && (
                    <p className="text-xs text-amber-700 dark:text-amber-400">We emailed a confirmation link to this address; alerts start once it is used.</p>
                  )}
                  <p className="text-xs text-slate-500 dark:text-slate-400" data-testid="channel-last-delivery">
                    {lastDeliveryLine(c)}
                  </p>
                  {c.lastError && (
                    <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400" data-testid="channel-error">
                      Last delivery error{c.lastErrorAt ? ` (${when(c.lastErrorAt)})` : ""}: {c.lastError}
                    </p>
                  )}
                </div>
              </div>
              <ChannelActions
                id={c.id}
                label={title}
                muted={c.muted}
                verified={c.verified}
                onTest={actions.test.bind(null, c.id)}
                onResend={actions.resend.bind(null, c.id)}
                onMute={actions.mute.bind(null, c.id)}
                onDelete={actions.remove.bind(null, c.id)}
              />
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
