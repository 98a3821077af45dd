import { notFound } from "next/navigation";
import { IncidentDetailView } from "@/components/incidents/incident-detail";
import { getIncidentDetail } from "@/lib/incidents/incident-detail";
import { requireSessionCtx } from "../../_lib/session";

export const metadata = { title: "Incident" };

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireSessionCtx();
  const detail = await getIncidentDetail(ctx, (await params).id);
  if (!detail) notFound();
  return <IncidentDetailView detail={detail} />;
}
