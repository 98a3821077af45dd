import { ChannelForm } from "@/components/alerts/channel-form";
import { ChannelList } from "@/components/alerts/channel-list";
import { SECRET_FIELDS, type ChannelTypeInfo } from "@/components/alerts/channel-type-info";
import { Alert, Card, PageHeader } from "@/components/ui/card";
import { getAlertChannelOrThrow } from "@/lib/alerts/channels";
import { channelValuesFromRow } from "@/lib/alerts/channels/form";
import { CHANNEL_TYPES } from "@/lib/alerts/channel-types/registry";
import { getAlertsOverview } from "@/lib/alerts/overview";
import { orNotFound, requireSessionCtx } from "../_lib/session";
import { deleteChannelAction, resendConfirmationAction, saveChannelAction, sendTestAction, setChannelMutedAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Alerts · Vigil" };

const TYPES: ChannelTypeInfo[] = Object.values(CHANNEL_TYPES).map((m) => ({
  type: m.type,
  label: m.label,
  targetLabel: m.targetLabel,
  targetPlaceholder: m.targetPlaceholder,
  hasTarget: m.type !== "pagerduty",
  hasHeaders: m.type === "webhook",
  secrets: (SECRET_FIELDS[m.type] ?? []).map((s) => ({ ...s, required: m.requiredSecrets.includes(s.name) })),
}));

export default async function AlertsPage({ searchParams }: { searchParams: Promise<{ edit?: string; saved?: string }> }) {
  const { ctx } = await requireSessionCtx();
  const { edit, saved } = await searchParams;
  const { channels, monitors } = await getAlertsOverview(ctx);
  const editing = edit ? await orNotFound(getAlertChannelOrThrow(ctx, edit)) : null;
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Where Vigil tells you a monitor went down, recovered or started flapping: email, webhooks, Slack, Discord, Teams, Mattermost, Telegram, PagerDuty and ntfy. One message per incident event and channel."
      />
      {saved && (
        <div className="mb-4">
          <Alert tone="success">Channel saved.</Alert>
        </div>
      )}
      <div className="grid gap-6 lg:grid-cols-[1fr_360px]">
        <ChannelList
          channels={channels}
          monitors={monitors}
          types={TYPES}
          actions={{ test: sendTestAction, resend: resendConfirmationAction, mute: setChannelMutedAction, remove: deleteChannelAction }}
        />
        <Card className="h-fit p-5">
          <h2 className="mb-4 text-sm font-semibold">
            {editing ? `Edit ${editing.name || TYPES.find((t) => t.type === editing.type)?.label + " channel"}` : "Add a channel"}
          </h2>
          {editing ? (
            <ChannelForm
              key={editing.id}
              action={saveChannelAction.bind(null, editing.id)}
              types={TYPES}
              monitors={monitors}
              initial={channelValuesFromRow(editing)}
              secretsSet={Object.keys(editing.secrets).filter((k) => editing.secrets[k])}
            />
          ) : (
            <ChannelForm key="new" action={saveChannelAction.bind(null, null)} types={TYPES} monitors={monitors} />
          )}
          <p className="mt-4 text-xs text-slate-500 dark:text-slate-400">
            A monitor that flaps (more than a few state changes in a short window) sends one &ldquo;flapping&rdquo; alert and a summary once it settles. Mute a
            monitor on its page to silence it without stopping checks.
          </p>
        </Card>
      </div>
    </>
  );
}
