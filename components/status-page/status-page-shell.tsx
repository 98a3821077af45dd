import type { CSSProperties, ReactNode } from "react";
import type { PublicBranding } from "@/lib/status-pages/public";

/**
 * The public page's outer box: its theme (auto follows the visitor's system, light/dark force one) and its
 * accent colour, which paints the "all operational" banner with the text colour chosen for it (WCAG AA,
 * lib/status-pages/branding.ts). Shared by the public page and the editor's preview.
 */
export function StatusPageShell({ branding, children, className }: { branding?: Partial<PublicBranding>; children: ReactNode; className?: string }) {
  const theme = branding?.theme ?? "auto";
  const style =
    branding?.accentColor && branding.bannerText
      ? ({ "--sp-accent": branding.accentColor, "--sp-accent-text": branding.bannerText } as CSSProperties)
      : undefined;
  return (
    <div className={["sp", theme === "auto" ? "" : `sp-${theme}`, className ?? ""].filter(Boolean).join(" ")} data-theme={theme} style={style}>
      {children}
    </div>
  );
}
