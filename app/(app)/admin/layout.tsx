import { AdminTabs } from "@/components/admin/admin-tabs";
import { requireOperatorCtx } from "../_lib/session";

export const dynamic = "force-dynamic";

/** Non-admins get a plain 404: the admin area's existence is nobody else's business. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireOperatorCtx();
  return (
    <div>
      <AdminTabs />
      {children}
    </div>
  );
}
