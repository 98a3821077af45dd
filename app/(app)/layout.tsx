import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { AppNav } from "@/components/shell/app-nav";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  return (
    <div className="min-h-screen">
      <AppNav email={user.email} isAdmin={user.isAdmin} />
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}
