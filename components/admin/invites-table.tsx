import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import type { InviteRow } from "@/lib/invites/list-invites";
import type { InviteStatus } from "@/lib/invites/token";
import { formatDate } from "./format";
import { RevokeInviteButton } from "./revoke-invite-button";

const TONE: Record<InviteStatus, BadgeTone> = { pending: "pending", used: "up", expired: "neutral", revoked: "down" };

export function InvitesTable({ invites }: { invites: InviteRow[] }) {
  if (!invites.length) return <EmptyState title="No invites yet">Invites you send appear here with their status.</EmptyState>;
  return (
    <Card className="relative overflow-x-auto">
      <table className="w-full min-w-[640px] text-left text-sm">
        <thead className="whitespace-nowrap border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">
              Email
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              Created (UTC)
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              Expires (UTC)
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              Status
            </th>
            <th scope="col" className="px-4 py-3">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {invites.map((i) => (
            <tr key={i.id} data-testid="invite-row" data-email={i.email} data-status={i.status}>
              <td className="whitespace-nowrap px-4 py-3 font-medium">{i.email}</td>
              <td className="whitespace-nowrap px-4 py-3 text-slate-600 dark:text-slate-400">{formatDate(i.createdAt)}</td>
              <td className="whitespace-nowrap px-4 py-3 text-slate-600 dark:text-slate-400">{formatDate(i.expiresAt)}</td>
              <td className="px-4 py-3">
                <Badge tone={TONE[i.status]}>{i.status}</Badge>
              </td>
              <td className="px-4 py-3 text-right">{i.status === "pending" && <RevokeInviteButton id={i.id} email={i.email} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
