import Link from "next/link";
import { redirect } from "next/navigation";
import { StatusPageForm } from "@/components/status-page/status-page-form";
import { PageHeader } from "@/components/ui/card";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { monitorOptions } from "@/lib/status-pages/monitor-options";
import { saveStatusPageAction } from "../actions";

export const metadata = { title: "New status page" };

export default async function NewStatusPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const monitors = await monitorOptions(db, user.workspaceId);
  return (
    <div className="max-w-3xl">
      <PageHeader title="New status page" description={<Link href="/status-pages" className="hover:underline">← Status pages</Link>} />
      <StatusPageForm action={saveStatusPageAction.bind(null, null)} initial={{ slug: "", title: "", description: "", monitors: [] }} monitors={monitors} submitLabel="Create status page" />
    </div>
  );
}
