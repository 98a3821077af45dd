import { notFound } from "next/navigation";
import { AdminTabs } from "@/components/admin/admin-tabs";
import { getSessionUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** Non-admins get a plain 404: the admin area's existence is nobody else's business. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser();
  if (!user?.isAdmin) notFound();
  return (
    <div>
      <AdminTabs />
      {children}
    </div>
  );
}
