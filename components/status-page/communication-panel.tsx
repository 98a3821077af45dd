import { formatDateTime } from "@/components/charts/format";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import type { StatusPageIncidentOut } from "@/lib/status-pages/incidents/serialize";
import type { SubscriberOut } from "@/lib/status-pages/subscribers/manage";
import type { LinkableIncident } from "@/lib/status-pages/incidents/references";
import { IncidentForm, type IncidentFormState } from "./incident-form";
import { LinkIncidentsForm, type LinkIncidentsState } from "./link-incidents-form";
import { linkableLabel } from "./linkable-label";

type Action = (prev: IncidentFormState, form: FormData) => Promise<IncidentFormState>;

/** The edit screen's incidents section: post one, then add updates to each open one and link automatic incidents. */
export function IncidentsPanel({
  incidents,
  services,
  linkable,
  postAction,
  updateAction,
  linkAction,
}: {
  incidents: StatusPageIncidentOut[];
  services: { monitorId: string; displayName: string }[];
  linkable: LinkableIncident[];
  postAction: Action;
  updateAction: (incidentId: string) => Action;
  linkAction: (incidentId: string) => (prev: LinkIncidentsState, form: FormData) => Promise<LinkIncidentsState>;
}) {
  const byId = new Map(linkable.map((l) => [l.id, l]));
  return (
    <section className="mt-10 border-t border-slate-200 pt-6 dark:border-slate-800" aria-labelledby="posted-incidents" data-testid="incidents-panel">
      <h2 id="posted-incidents" className="text-base font-semibold">
        Incidents
      </h2>
      <p className="mt-1 mb-4 text-sm text-slate-600 dark:text-slate-400">Tell visitors what is going on. Each update shows on the page with its time.</p>
      <details className="mb-6 rounded-lg p-4 ring-1 ring-slate-200 dark:ring-slate-800" open={incidents.every((i) => i.resolvedAt)}>
        <summary className="cursor-pointer text-sm font-medium">Post an incident</summary>
        <div className="mt-4">
          <IncidentForm action={postAction} services={services} linkable={linkable} />
        </div>
      </details>
      <ul className="space-y-4">
        {incidents.slice(0, 20).map((i) => (
          <li key={i.id} className="rounded-lg p-4 text-sm ring-1 ring-slate-200 dark:ring-slate-800" data-testid="posted-incident-row">
            <p className="font-medium">
              {i.title} <Badge tone={i.resolvedAt ? "up" : i.impact === "none" || i.impact === "minor" ? "pending" : "down"}>{i.status}</Badge>{" "}
              <span className="text-slate-500">impact {i.impact}</span>
            </p>
            <ol className="mt-2 space-y-1 text-slate-600 dark:text-slate-400">
              {i.updates.map((u, n) => (
                <li key={n}>
                  <span className="font-medium">{u.status}</span> · {formatDateTime(u.createdAt)} — <span className="whitespace-pre-line">{u.message}</span>
                </li>
              ))}
            </ol>
            {i.linkedIncidentIds.length > 0 && (
              <p className="mt-2 text-slate-600 dark:text-slate-400" data-testid="linked-incidents">
                Explains:{" "}
                {i.linkedIncidentIds
                  .map((id) => byId.get(id))
                  .map((l) => (l ? linkableLabel(l) : "an incident no longer offered"))
                  .join("; ")}
              </p>
            )}
            {linkable.length > 0 && (
              <details className="mt-3">
                <summary className="cursor-pointer text-sm font-medium">Link automatic incidents ({i.linkedIncidentIds.length} linked)</summary>
                <div className="mt-3">
                  <LinkIncidentsForm action={linkAction(i.id)} linkable={linkable} linked={i.linkedIncidentIds} />
                </div>
              </details>
            )}
            {!i.resolvedAt && (
              <details className="mt-3">
                <summary className="cursor-pointer text-sm font-medium">Add an update</summary>
                <div className="mt-3">
                  <IncidentForm action={updateAction(i.id)} services={services} update initialStatus={i.status} />
                </div>
              </details>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A one-button form flipping a boolean setting (works without JavaScript). */
export function SettingSwitch({ label, on, action, testId }: { label: string; on: boolean; action: () => Promise<void>; testId: string }) {
  return (
    <form action={action} className="flex items-center justify-between gap-3 text-sm">
      <span>
        {label}: <strong data-testid={testId}>{on ? "on" : "off"}</strong>
      </span>
      <button type="submit" className={buttonClass("secondary")}>
        {on ? "Turn off" : "Turn on"}
      </button>
    </form>
  );
}

/** Subscriber count, the on/off switch, CSV export and removal. */
export function SubscribersPanel({
  pageId,
  enabled,
  subscribers,
  removeAction,
  toggleAction,
}: {
  pageId: string;
  enabled: boolean;
  subscribers: SubscriberOut[];
  removeAction: (subscriberId: string) => () => Promise<void>;
  toggleAction: () => Promise<void>;
}) {
  const confirmed = subscribers.filter((s) => s.confirmed).length;
  return (
    <section className="mt-10 border-t border-slate-200 pt-6 dark:border-slate-800" aria-labelledby="subscribers" data-testid="subscribers-panel">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="subscribers" className="text-base font-semibold">
          Subscribers{" "}
          <span className="text-sm font-normal text-slate-500" data-testid="subscriber-count">
            {confirmed} confirmed{subscribers.length > confirmed ? `, ${subscribers.length - confirmed} awaiting confirmation` : ""}
          </span>
        </h2>
        {subscribers.length > 0 && (
          <a href={`/status-pages/${pageId}/subscribers.csv`} className={buttonClass("secondary")}>
            Export CSV
          </a>
        )}
      </div>
      <div className="mt-3">
        <SettingSwitch
          label="Email subscriptions (a subscribe form on the public page, double opt-in)"
          on={enabled}
          action={toggleAction}
          testId="subscribers-enabled"
        />
      </div>
      {subscribers.length > 0 && (
        <ul className="mt-3 divide-y divide-slate-200 text-sm dark:divide-slate-800">
          {subscribers.slice(0, 200).map((s) => (
            <li key={s.id} className="flex items-center justify-between gap-3 py-2">
              <span>
                {s.email} {!s.confirmed && <Badge tone="pending">unconfirmed</Badge>}
              </span>
              <form action={removeAction(s.id)}>
                <button type="submit" className={buttonClass("ghost")} aria-label={`Remove ${s.email}`}>
                  Remove
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
