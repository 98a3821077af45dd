import Link from "next/link";
import { DeleteStatusPageButton } from "@/components/status-page/delete-status-page-button";
import { StatusPageForm } from "@/components/status-page/status-page-form";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { getStatusPage } from "@/lib/status-pages/get-status-page";
import { monitorOptions } from "@/lib/status-pages/monitor-options";
import "@/app/status/status.css"; // the branding preview draws with the public page's styles
import { orNotFound, requireSessionCtx } from "../../../_lib/session";
import { deleteStatusPageAction, saveStatusPageAction } from "../../actions";
import { IncidentsPanel, SettingSwitch, SubscribersPanel } from "@/components/status-page/communication-panel";
import { listStatusPageIncidents } from "@/lib/status-pages/incidents/list-incidents";
import { listLinkableIncidents } from "@/lib/status-pages/incidents/references";
import { listSubscribers } from "@/lib/status-pages/subscribers/manage";
import { incidentAction, linkIncidentsAction, removeSubscriberAction, setCommunicationSettingAction } from "../communication-actions";

export const metadata = { title: "Edit status page" };

export default async function EditStatusPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireSessionCtx();
  const { id } = await params;
  const page = await orNotFound(getStatusPage(ctx, id));
  const monitors = await monitorOptions(ctx, { include: page.monitors.map((m) => m.monitorId) });
  const [incidents, linkable, subscribers] = await Promise.all([
    listStatusPageIncidents(ctx, page.id),
    listLinkableIncidents(ctx, page.id),
    listSubscribers(ctx, page.id),
  ]);
  return (
    <div className="max-w-3xl">
      <PageHeader
        title={page.title}
        description={
          <Link href="/status-pages" className="hover:underline">
            ← Status pages
          </Link>
        }
        actions={
          <a href={`/status/${page.slug}`} target="_blank" rel="noreferrer" className={buttonClass("secondary")} data-testid="open-public-page">
            View public page
          </a>
        }
      />
      <StatusPageForm
        action={saveStatusPageAction.bind(null, page.id)}
        initial={{
          slug: page.slug,
          title: page.title,
          description: page.description ?? "",
          monitors: page.monitors.map((m) => ({ ...m, groupName: m.groupName ?? "" })),
          branding: {
            customDomain: page.customDomain ?? "",
            theme: page.theme,
            accentColor: page.accentColor ?? "",
            logoUrl: page.logoUrl ?? "",
            footerLinks: page.footerLinks,
            hidePoweredBy: page.hidePoweredBy,
          },
        }}
        monitors={monitors}
        submitLabel="Save changes"
      />
      <IncidentsPanel
        incidents={incidents}
        services={page.monitors}
        linkable={linkable}
        postAction={incidentAction.bind(null, page.id, null)}
        updateAction={(incidentId) => incidentAction.bind(null, page.id, incidentId)}
        linkAction={(incidentId) => linkIncidentsAction.bind(null, page.id, incidentId)}
      />
      <div className="mt-4">
        <SettingSwitch
          label="Show incidents the monitors open by themselves"
          on={page.showAutomaticIncidents}
          action={setCommunicationSettingAction.bind(null, page.id, "showAutomaticIncidents", !page.showAutomaticIncidents)}
          testId="show-automatic"
        />
      </div>
      <SubscribersPanel
        pageId={page.id}
        enabled={page.subscribersEnabled}
        subscribers={subscribers}
        removeAction={(subscriberId) => removeSubscriberAction.bind(null, page.id, subscriberId)}
        toggleAction={setCommunicationSettingAction.bind(null, page.id, "subscribersEnabled", !page.subscribersEnabled)}
      />
      <div className="mt-10 border-t border-slate-200 pt-6 dark:border-slate-800">
        <h2 className="text-sm font-semibold">Delete this page</h2>
        <p className="mt-1 mb-3 text-sm text-slate-600 dark:text-slate-400">Visitors get a 404 at once. Monitors are not affected.</p>
        <DeleteStatusPageButton action={deleteStatusPageAction.bind(null, page.id)} />
      </div>
    </div>
  );
}
