import { Logo } from "@/components/marketing/logo";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center bg-gradient-to-b from-brand-50/70 to-transparent px-4 pb-16 pt-12 sm:pt-20 dark:from-slate-900/70">
      <Logo />
      <main className="mt-8 w-full max-w-md">{children}</main>
    </div>
  );
}
