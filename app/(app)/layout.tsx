import { AppNav } from "@/components/shell/app-nav";
import { requireSessionCtx } from "./_lib/session";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // The same per-request session read the page and its actions get (getSessionCtx is cached per request).
  const { user, ctx } = await requireSessionCtx();
  return (
    <div className="min-h-screen">
      <AppNav email={user.email} isAdmin={ctx.actor.operator} />
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}
