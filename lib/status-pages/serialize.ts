import type { StatusPage } from "../db/schema";

export type StatusPageMonitorOut = { monitorId: string; displayName: string; groupName: string | null };
export type StatusPageOut = {
  id: string;
  slug: string;
  title: string;
  description: string | null;
  monitors: StatusPageMonitorOut[];
  customDomain: string | null;
  theme: StatusPage["theme"];
  accentColor: string | null;
  logoUrl: string | null;
  footerLinks: StatusPage["footerLinks"];
  hidePoweredBy: boolean;
  showAutomaticIncidents: boolean;
  subscribersEnabled: boolean;
  createdAt: string;
  updatedAt: string;
};

/** The contract's StatusPage shape (extended with groupName, createdAt, updatedAt). */
export function serializeStatusPage(page: StatusPage, monitors: StatusPageMonitorOut[]): StatusPageOut {
  return {
    id: page.id,
    slug: page.slug,
    title: page.title,
    description: page.description,
    monitors,
    customDomain: page.customDomain,
    theme: page.theme,
    accentColor: page.accentColor,
    logoUrl: page.logoUrl,
    footerLinks: page.footerLinks,
    hidePoweredBy: page.hidePoweredBy,
    showAutomaticIncidents: page.showAutomaticIncidents,
    subscribersEnabled: page.subscribersEnabled,
    createdAt: page.createdAt.toISOString(),
    updatedAt: page.updatedAt.toISOString(),
  };
}
