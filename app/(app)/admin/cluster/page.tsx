import { AutoRefresh } from "@/components/ui/auto-refresh";
import { FailedJobs } from "@/components/cluster/failed-jobs";
import { InstancesTable } from "@/components/cluster/instances-table";
import { RegionQueues } from "@/components/cluster/region-queues";
import { Alert, PageHeader } from "@/components/ui/card";
import { getClusterOverview } from "@/lib/cluster/cluster-overview";
import { env } from "@/lib/env";
import { requireOperatorCtx } from "../../_lib/session";

export const dynamic = "force-dynamic";
export const metadata = { title: "Cluster" };

export default async function ClusterPage() {
  const { ctx } = await requireOperatorCtx();
  const overview = await getClusterOverview(ctx, env.REGIONS);
  return (
    <div className="space-y-8">
      <PageHeader title="Cluster" description="Worker instances, check queues and schedule lag per region." actions={<AutoRefresh />} />
      {overview.queueError && <Alert tone="error">{overview.queueError}</Alert>}
      <section aria-labelledby="regions-h" className="space-y-3">
        <h2 id="regions-h" className="text-lg font-semibold">
          Regions
        </h2>
        <RegionQueues regions={overview.regions} />
      </section>
      <section aria-labelledby="instances-h" className="space-y-3">
        <h2 id="instances-h" className="text-lg font-semibold">
          Instances
        </h2>
        <InstancesTable instances={overview.instances} />
      </section>
      <section aria-labelledby="failed-h" className="space-y-3">
        <h2 id="failed-h" className="text-lg font-semibold">
          Failed jobs
        </h2>
        <FailedJobs jobs={overview.failedJobs} />
      </section>
    </div>
  );
}
