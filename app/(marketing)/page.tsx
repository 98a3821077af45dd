import Link from "next/link";
import { Features } from "@/components/marketing/features";
import { HeroPanel } from "@/components/marketing/hero-panel";
import { WaitlistForm } from "@/components/marketing/waitlist-form";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { env } from "@/lib/env";

// Rendered per request so the calls to action follow SIGNUP_MODE at run time, not at build time.
export const dynamic = "force-dynamic";

const PROMISES = [
  ["On time", "Checks run on their schedule, every interval, spread evenly instead of bunched at the top of the minute."],
  ["Confirmed", "One failing probe is a blip. An incident opens when the failure is seen again, from more than one region."],
  ["Delivered", "Each alert is recorded before it's sent and sent exactly once, even if a worker or the mail server restarts."],
] as const;

export default function LandingPage() {
  const open = env.SIGNUP_MODE === "open";
  return (
    <main>
      <section className="mx-auto grid max-w-6xl items-center gap-12 px-4 pb-16 pt-12 sm:px-6 sm:pt-20 lg:grid-cols-[1.1fr_1fr] lg:gap-16">
        <div>
          <p className="inline-flex items-center gap-2 rounded-full bg-brand-50 px-3 py-1 text-xs font-medium text-brand-700 ring-1 ring-inset ring-brand-100 dark:bg-slate-900 dark:text-brand-100 dark:ring-slate-800">
            <span className="h-1.5 w-1.5 rounded-full bg-brand-500" /> {open ? "Open-source uptime monitoring" : "Private beta"}
          </p>
          <h1 className="mt-5 text-4xl font-semibold leading-tight tracking-tight text-balance sm:text-5xl">Know it&apos;s down before your customers do.</h1>
          <p className="mt-5 max-w-xl text-lg leading-8 text-slate-600 dark:text-slate-400">
            Vigil checks your sites and APIs on time from several regions, watches your cron jobs, and wakes you only when something is really broken. Then it
            tells your customers, on a status page they can trust.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            {open ? (
              <Link href="/sign-up" className={buttonClass("primary", "px-5 py-2.5")}>
                Create your account
              </Link>
            ) : (
              <a href="#request-access" className={buttonClass("primary", "px-5 py-2.5")}>
                Request beta access
              </a>
            )}
            <Link href="/sign-in" className={buttonClass("secondary", "px-5 py-2.5")}>
              Sign in
            </Link>
          </div>
        </div>
        <HeroPanel />
      </section>

      <section className="border-y border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900/40">
        <dl className="mx-auto grid max-w-6xl gap-8 px-4 py-10 sm:grid-cols-3 sm:px-6">
          {PROMISES.map(([term, text]) => (
            <div key={term}>
              <dt className="text-sm font-semibold text-slate-900 dark:text-white">{term}</dt>
              <dd className="mt-1 text-sm leading-6 text-slate-600 dark:text-slate-400">{text}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section id="features" className="mx-auto max-w-6xl scroll-mt-16 px-4 py-16 sm:px-6 sm:py-20">
        <div className="max-w-2xl">
          <h2 className="text-2xl font-semibold tracking-tight sm:text-3xl">Monitoring you can leave alone</h2>
          <p className="mt-3 text-slate-600 dark:text-slate-400">
            Set a URL or a schedule once. Vigil does the watching and keeps quiet until there is something you need to know.
          </p>
        </div>
        <div className="mt-10">
          <Features />
        </div>
      </section>

      <section id="request-access" className="scroll-mt-16 bg-gradient-to-b from-transparent to-brand-50/60 dark:to-slate-900/60">
        <div className="mx-auto grid max-w-6xl gap-10 px-4 pb-20 pt-4 sm:px-6 lg:grid-cols-2 lg:items-start">
          <div className="lg:pt-6">
            <h2 className="text-2xl font-semibold tracking-tight sm:text-3xl">{open ? "Get started" : "Request beta access"}</h2>
            <p className="mt-3 max-w-md text-slate-600 dark:text-slate-400">
              {open
                ? "Create an account and add your first monitor in a minute."
                : "We're letting people in a few at a time, so every new team gets a calm, well-tended service. Leave your email and we'll send an invite link when there's room."}
            </p>
            <p className="mt-6 text-sm text-slate-600 dark:text-slate-400">
              Already have an account?{" "}
              <Link href="/sign-in" className="font-medium text-brand-600 hover:text-brand-700 dark:text-brand-500">
                Sign in
              </Link>
            </p>
          </div>
          <Card className="p-6 sm:p-8">
            {open ? (
              <div className="space-y-4">
                <p className="text-sm text-slate-600 dark:text-slate-400">Sign-up is open on this installation: no invite needed.</p>
                <Link href="/sign-up" className={buttonClass("primary", "w-full")}>
                  Create your account
                </Link>
              </div>
            ) : (
              <WaitlistForm />
            )}
          </Card>
        </div>
      </section>
    </main>
  );
}
