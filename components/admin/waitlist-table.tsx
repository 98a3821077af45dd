import { Badge } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import type { WaitlistEntry } from "@/lib/db/schema";
import { formatDate } from "./format";
import { WaitlistInviteButton } from "./waitlist-invite-button";

export function WaitlistTable({ entries }: { entries: WaitlistEntry[] }) {
  if (!entries.length) {
    return <EmptyState title="Nobody is waiting">Requests from the landing page&apos;s beta form show up here.</EmptyState>;
  }
  return (
    <Card className="relative overflow-x-auto">
      <table className="w-full min-w-[720px] text-left text-sm">
        <thead className="whitespace-nowrap border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">
              Email
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              Name
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              Note
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              Requested (UTC)
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              Invited (UTC)
            </th>
            <th scope="col" className="px-4 py-3">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {entries.map((e) => (
            <tr key={e.id} data-testid="waitlist-row" data-email={e.email} className="align-top">
              <td className="whitespace-nowrap px-4 py-3 font-medium">{e.email}</td>
              <td className="px-4 py-3 break-words">{e.name ?? <span className="text-slate-400">—</span>}</td>
              <td className="min-w-48 max-w-xs px-4 py-3 text-slate-600 whitespace-pre-line break-words dark:text-slate-400">
                {e.note ?? <span className="text-slate-400">—</span>}
              </td>
              <td className="whitespace-nowrap px-4 py-3 text-slate-600 dark:text-slate-400">{formatDate(e.createdAt)}</td>
              <td className="whitespace-nowrap px-4 py-3">
                {e.invitedAt ? <Badge tone="up">{formatDate(e.invitedAt)}</Badge> : <Badge tone="neutral">waiting</Badge>}
              </td>
              <td className="px-4 py-3 text-right">
                <WaitlistInviteButton id={e.id} email={e.email} invited={!!e.invitedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
