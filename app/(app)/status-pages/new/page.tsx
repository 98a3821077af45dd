import Link from "next/link";
import { StatusPageForm } from "@/components/status-page/status-page-form";
import { PageHeader } from "@/components/ui/card";
import { monitorOptions } from "@/lib/status-pages/monitor-options";
import "@/app/status/status.css"; // the branding preview draws with the public page's styles
import { requireSessionCtx } from "../../_lib/session";
import { saveStatusPageAction } from "../actions";

export const metadata = { title: "New status page" };

export default async function NewStatusPage() {
  const { ctx } = await requireSessionCtx();
  const monitors = await monitorOptions(ctx);
  return (
    <div className="max-w-3xl">
      <PageHeader
        title="New status page"
        description={
          <Link href="/status-pages" className="hover:underline">
            ← Status pages
          </Link>
        }
      />
      <StatusPageForm
        action={saveStatusPageAction.bind(null, null)}
        initial={{ slug: "", title: "", description: "", monitors: [] }}
        monitors={monitors}
        submitLabel="Create status page"
      />
    </div>
  );
}
