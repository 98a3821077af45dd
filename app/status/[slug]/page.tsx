import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PublicStatusPageView } from "@/components/status-page/public-status-page";
import { getPublicStatusPage } from "@/lib/status-pages/cache";
import "../status.css";

/**
 * Incremental static regeneration: the HTML is rendered on the first request for a slug and served
 * from Next's cache for up to 30 s, then re-rendered in the background. The data behind it comes from
 * the DTO cache (memo + Redis), so neither a spike nor a re-render touches Postgres per request.
 */
export const revalidate = 30;
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
