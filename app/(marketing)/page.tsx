import Link from "next/link";

export default function LandingPage() {
  return (
    <main className="mx-auto max-w-3xl px-6 py-24">
      <h1 className="text-4xl font-semibold tracking-tight">Vigil</h1>
      <p className="mt-4 text-lg text-slate-600 dark:text-slate-400">Uptime monitoring that fires on time and never cries wolf.</p>
      <Link href="/sign-in" className="mt-8 inline-block text-brand-600 underline">Sign in</Link>
    </main>
  );
}
