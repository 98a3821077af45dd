import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/card";
import { MAX_IMPORT_MONITORS } from "@/lib/imports/uptime-kuma/parse";
import { requireSessionCtx } from "../../_lib/session";
import { KumaImportForm } from "./import-form";

export const metadata = { title: "Import · Settings" };

export default async function ImportPage() {
  await requireSessionCtx();
  return (
    <div className="space-y-8">
      <PageHeader
        title="Import from Uptime Kuma"
        description={
          <>
            <Link href="/settings" className="text-brand-700 hover:underline dark:text-brand-300">
              Settings
            </Link>{" "}
            · Bring your Uptime Kuma monitors over in one step.
          </>
        }
      />
      <Card className="space-y-4 p-6">
        <div className="space-y-2 text-sm text-slate-600 dark:text-slate-400">
          <p>
            In Uptime Kuma (1.x), open <span className="font-medium text-slate-800 dark:text-slate-200">Settings → Backup</span> and click{" "}
            <span className="font-medium text-slate-800 dark:text-slate-200">Export</span>, then upload the JSON file here.
          </p>
          <p>
            HTTP, keyword, JSON query, TCP port, DNS and push monitors become Vigil monitors with their intervals, retries, accepted status codes, keywords and
            headers. Push monitors get new ping URLs: point your jobs at them. Paused monitors stay paused. Anything else is listed with the reason. Up to{" "}
            {MAX_IMPORT_MONITORS.toLocaleString("en-US")} monitors per file; all are created together or none.
          </p>
        </div>
        <KumaImportForm />
      </Card>
    </div>
  );
}
