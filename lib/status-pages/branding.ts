import { z } from "zod";
import { STATUS_PAGE_THEMES } from "../db/schema/enums";

/**
 * A status page's own look and address: custom domain, theme, accent colour, logo, footer links, and whether
 * "Powered by Vigil" shows. Pure (no database): the form's live preview uses the same rules as the server.
 */

// ---- Accent colour: the banner's background, with text that passes WCAG AA (4.5:1) on it. ----
export const LIGHT_TEXT = "#ffffff";
export const DARK_TEXT = "#0f172a";
const AA = 4.5;

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The banner text colour for an accent: white or near-black, whichever reaches AA (the higher if both); null if neither does. */
export function bannerTextColor(accent: string): string | null {
  const light = contrastRatio(accent, LIGHT_TEXT);
  const dark = contrastRatio(accent, DARK_TEXT);
  if (Math.max(light, dark) < AA) return null;
  return light >= dark ? LIGHT_TEXT : DARK_TEXT;
}

export const AccentColor = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #1d4ed8 (# and six hex digits)")
  .transform((v) => v.toLowerCase())
  .refine((v) => bannerTextColor(v) !== null, "Neither white nor dark text is readable on this colour (WCAG AA 4.5:1): pick a lighter or darker one");

// ---- Custom domain: a bare host name. ----
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why `host` can't be a page's custom domain, or null when it can. */
export function customDomainProblem(host: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(host) || host.includes("/")) return "The host name only: no scheme (https://) or path";
  if ((host.match(/:/g) ?? []).length === 1 && /:\d*$/.test(host)) return "The host name only: no port";
  if (host.includes(":") || /^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return "Use a host name, not an IP address";
  if (host.length > 253) return "At most 253 characters";
  const labels = host.split(".");
  if (labels.length < 2) return "Use a full host name like status.example.com";
  if (!labels.every((l) => LABEL.test(l))) return "Use letters, digits, dashes and dots only, like status.example.com";
  if (/^\d+$/.test(labels[labels.length - 1])) return "Use a host name, not an IP address";
  return null;
}

export const CustomDomain = z
  .string()
  .trim()
  .transform((v) => v.toLowerCase().replace(/\.$/, ""))
  .superRefine((v, ctx) => {
    const problem = customDomainProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

// ---- Links: logo over https only; footer links http(s), at most five. ----
const isHttpUrl = (v: string, protocols: string[]) => {
  try {
    return protocols.includes(new URL(v).protocol);
  } catch {
    return false;
  }
};

export const LogoUrl = z
  .string()
  .trim()
  .max(2000, "At most 2000 characters")
  .refine((v) => isHttpUrl(v, ["https:"]), "Use an https:// address for the logo");

export const FooterLink = z
  .object({
    label: z.string().trim().min(1, "A label is required").max(40, "At most 40 characters"),
    url: z
      .string()
      .trim()
      .max(2000, "At most 2000 characters")
      .refine((v) => isHttpUrl(v, ["http:", "https:"]), "Use an http:// or https:// address"),
  })
  .strict();

export const FooterLinks = z.array(FooterLink).max(5, "At most 5 footer links");

export const Theme = z.enum(STATUS_PAGE_THEMES, { error: "Theme is auto, light or dark" });

// "" (a cleared form field) and null both mean "none".
const optionalText = <T extends z.ZodType<string | null>>(schema: T) =>
  z.preprocess((v) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? null : v), schema.nullable());

/** The fields as the API and form take them, without defaults (a PATCH changes only what it names). */
export const BrandingFields = {
  customDomain: optionalText(CustomDomain),
  theme: Theme,
  accentColor: optionalText(AccentColor),
  logoUrl: optionalText(LogoUrl),
  footerLinks: FooterLinks,
  hidePoweredBy: z.boolean(),
};
