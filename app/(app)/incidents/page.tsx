import { IncidentList } from "@/components/incidents/incident-list";
import { PageHeader } from "@/components/ui/card";
import { listIncidents } from "@/lib/incidents/list-incidents";
import { requireSessionCtx } from "../_lib/session";

export const dynamic = "force-dynamic";
export const metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  const { ctx } = await requireSessionCtx();
  const incidents = await listIncidents(ctx, { limit: 100 });
  const open = incidents.filter((i) => i.status === "open").length;
  return (
    <div>
      <PageHeader title="Incidents" description={open ? `${open} open now` : "Nothing is down right now."} />
      <IncidentList incidents={incidents} />
    </div>
  );
}
