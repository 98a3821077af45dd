import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PublicStatusPageView } from "@/components/status-page/public-status-page";
import { getPublicStatusPage } from "@/lib/status-pages/cache";
import "../status.css";

/**
 * Incremental static regeneration: the HTML is rendered on the first request for a slug and served
 * from Next's cache for up to 10 s, then re-rendered in the background. The web server's response cache
 * (server.ts) sits in front, and the data behind comes from the DTO cache (memo + Redis), so neither a
 * spike nor a re-render touches Postgres per request. Freshness adds up along the chain: ≤ 5 + 10 + 10 +
 * 20 s (response cache, ISR, memo, Redis copy) under steady traffic, inside the 60 s we promise.
 */
export const revalidate = 10;
export const dynamicParams = true;
export async function generateStaticParams() {
  return [];
}

const SLUG = /^[a-z0-9](-?[a-z0-9])*$/;

async function load(slug: string) {
  if (!SLUG.test(slug) || slug.length > 60) return null;
  return getPublicStatusPage(slug);
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const page = await load((await params).slug);
  return page ? { title: { absolute: `${page.title} status` }, description: page.description ?? undefined } : { title: "Status page not found" };
}

export default async function StatusPage({ params }: { params: Promise<{ slug: string }> }) {
  const page = await load((await params).slug);
  if (!page) notFound();
  return (
    <div className="sp">
      <PublicStatusPageView page={page} />
    </div>
  );
}
