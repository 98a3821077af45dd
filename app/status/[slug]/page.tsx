import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PublicStatusPageView } from "@/components/status-page/public-status-page";
import { getPublicStatusPage } from "@/lib/status-pages/cache";
import { statusPageTitle } from "@/lib/status-pages/page-text";
import "../status.css";

/**
 * Rendered per request, not ISR: Next's ISR serves its stale copy to the first visitor after a quiet spell
 * (however old), which a status page must never do. The web server's response cache (server.ts) sits in
 * front and renders each URL at most once per STATUS_CACHE_FRESH_SECONDS per instance, and the data comes
 * from the DTO cache (memo + Redis), so neither a spike nor a render touches Postgres per request. A visitor's
 * copy is at most STATUS_CACHE_MAX_AGE_SECONDS + STATUS_DATA_FRESH_SECONDS old (7 + 2 s), and a monitor's
 * status change drops the copies at once (lib/status-pages/change-feed.ts).
 */
export const dynamic = "force-dynamic";

const SLUG = /^[a-z0-9](-?[a-z0-9])*$/;

async function load(slug: string) {
  if (!SLUG.test(slug) || slug.length > 60) return null;
  return getPublicStatusPage(slug);
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const page = await load((await params).slug);
  if (!page) return { title: "Status page not found" };
  const base = `/status/${page.slug}`;
  return {
    title: { absolute: statusPageTitle(page.title) },
    description: page.description ?? undefined,
    alternates: {
      types: {
        "application/rss+xml": [{ url: `${base}/feed.rss`, title: `${statusPageTitle(page.title)} (RSS)` }],
        "application/atom+xml": [{ url: `${base}/feed.atom`, title: `${statusPageTitle(page.title)} (Atom)` }],
        "application/feed+json": [{ url: `${base}/feed.json`, title: `${statusPageTitle(page.title)} (JSON)` }],
      },
    },
  };
}

export default async function StatusPage({ params }: { params: Promise<{ slug: string }> }) {
  const page = await load((await params).slug);
  if (!page) notFound();
  return <PublicStatusPageView page={page} />;
}
