import type { Metadata } from "next";
import { InviteByEmailForm } from "@/components/admin/invite-by-email-form";
import { InvitesTable } from "@/components/admin/invites-table";
import { WaitlistTable } from "@/components/admin/waitlist-table";
import { Card, PageHeader } from "@/components/ui/card";
import { listInvites } from "@/lib/invites/list-invites";
import { listWaitlist } from "@/lib/waitlist/list-waitlist";
import { requireOperatorCtx } from "../_lib/session";

export const metadata: Metadata = { title: "Waitlist & invites" };
export const dynamic = "force-dynamic";

export default async function AdminPage() {
  const { ctx } = await requireOperatorCtx();
  const [entries, invites] = await Promise.all([listWaitlist(ctx), listInvites(ctx)]);
  const waiting = entries.filter((e) => !e.invitedAt).length;
  return (
    <div className="space-y-10">
      <PageHeader
        title="Waitlist & invites"
        description="Let people into the beta. Each invite is a single-use sign-up link for one email address, valid for 7 days."
      />
      <Card className="p-5 sm:p-6">
        <InviteByEmailForm />
      </Card>
      <section aria-labelledby="waitlist-heading" className="space-y-3">
        <h2 id="waitlist-heading" className="text-lg font-semibold">
          Waitlist{" "}
          <span className="text-sm font-normal text-slate-500 dark:text-slate-400">
            · {entries.length} {entries.length === 1 ? "request" : "requests"}, {waiting} waiting
          </span>
        </h2>
        <WaitlistTable entries={entries} />
      </section>
      <section aria-labelledby="invites-heading" className="space-y-3">
        <h2 id="invites-heading" className="text-lg font-semibold">
          Invites
        </h2>
        <InvitesTable invites={invites} />
      </section>
    </div>
  );
}
