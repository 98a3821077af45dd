import { notFound, redirect } from "next/navigation";
import { IncidentDetailView } from "@/components/incidents/incident-detail";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getIncidentDetail } from "@/lib/incidents/incident-detail";

export const metadata = { title: "Incident" };

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const detail = await getIncidentDetail(db, user.workspaceId, (await params).id);
  if (!detail) notFound();
  return <IncidentDetailView detail={detail} />;
}
