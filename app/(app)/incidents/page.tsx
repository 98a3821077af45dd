import { redirect } from "next/navigation";
import { IncidentList } from "@/components/incidents/incident-list";
import { PageHeader } from "@/components/ui/card";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { listIncidents } from "@/lib/incidents/list-incidents";

export const dynamic = "force-dynamic";
export const metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const incidents = await listIncidents(db, user.workspaceId, { limit: 100 });
  const open = incidents.filter((i) => i.status === "open").length;
  return (
    <div>
      <PageHeader title="Incidents" description={open ? `${open} open now` : "Nothing is down right now."} />
      <IncidentList incidents={incidents} />
    </div>
  );
}
