import Link from "next/link";
import { ApiKeyList } from "@/components/settings/api-key-list";
import { CreateApiKey } from "@/components/settings/create-api-key";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { listApiKeys } from "@/lib/api-keys/api-keys";
import { requireSessionCtx } from "../_lib/session";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const { ctx, user } = await requireSessionCtx();
  const keys = await listApiKeys(ctx);
  return (
    <div className="space-y-8">
      <PageHeader
        title="Settings"
        description={
          <>
            Signed in as <span className="font-medium">{user.email}</span>.
          </>
        }
      />
      <section aria-labelledby="api-keys" className="space-y-4">
        <div>
          <h2 id="api-keys" className="text-lg font-semibold">
            API keys
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Keys act for this workspace through the REST API (<code className="font-mono">/api/v1</code>, see docs/api.md). Vigil stores only a hash of each
            key.
          </p>
        </div>
        <Card className="p-6">
          <CreateApiKey />
        </Card>
        <Card>
          <ApiKeyList keys={keys.map(({ id, name, prefix, createdAt, lastUsedAt, revokedAt }) => ({ id, name, prefix, createdAt, lastUsedAt, revokedAt }))} />
        </Card>
      </section>
      <section aria-labelledby="import" className="space-y-4">
        <div>
          <h2 id="import" className="text-lg font-semibold">
            Import
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Moving from another tool? Bring its monitors over in one step.</p>
        </div>
        <Card className="flex flex-wrap items-center justify-between gap-4 p-6">
          <p className="text-sm">Uptime Kuma: upload the backup JSON it exports.</p>
          <Link href="/settings/import" className={buttonClass("secondary")}>
            Import from Uptime Kuma
          </Link>
        </Card>
      </section>
    </div>
  );
}
