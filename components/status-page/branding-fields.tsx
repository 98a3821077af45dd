"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { controlClass, Field, Input, Select } from "@/components/ui/field";
import { bannerTextColor, customDomainProblem } from "@/lib/status-pages/branding";
import { StatusPageShell } from "./status-page-shell";

export type BrandingFormValues = {
  customDomain: string;
  theme: "auto" | "light" | "dark";
  accentColor: string;
  logoUrl: string;
  footerLinks: { label: string; url: string }[];
  hidePoweredBy: boolean;
};
export const DEFAULT_BRANDING: BrandingFormValues = { customDomain: "", theme: "auto", accentColor: "", logoUrl: "", footerLinks: [], hidePoweredBy: false };

const HEX = /^#[0-9a-fA-F]{6}$/;

/**
 * The page's look and address, with a live preview of the top and bottom of the public page as the fields
 * change (before saving). The preview uses the same contrast rule as the server (lib/status-pages/branding.ts).
 */
export function BrandingFields({
  initial,
  errors,
  attempt,
  title,
}: {
  initial: BrandingFormValues;
  errors: Record<string, string>;
  attempt: number;
  title: string;
}) {
  const [b, setB] = useState(initial);
  const set = (patch: Partial<BrandingFormValues>) => setB({ ...b, ...patch });
  const accentOk = HEX.test(b.accentColor);
  const bannerText = accentOk ? bannerTextColor(b.accentColor.toLowerCase()) : null;
  const accentHint = !b.accentColor
    ? "Optional; paints the “All systems operational” banner."
    : !accentOk
      ? "Use # and six hex digits, like #1d4ed8."
      : bannerText
        ? `Banner text will be ${bannerText === "#ffffff" ? "white" : "dark"} (WCAG AA contrast).`
        : "Neither white nor dark text is readable on this colour: pick a lighter or darker one.";
  const domainProblem = b.customDomain.trim() ? customDomainProblem(b.customDomain.trim().toLowerCase()) : null;
  const link = (i: number, patch: Partial<{ label: string; url: string }>) =>
    set({ footerLinks: b.footerLinks.map((l, j) => (j === i ? { ...l, ...patch } : l)) });

  return (
    <Card className="space-y-4 p-5" data-testid="branding-fields">
      <div>
        <h2 className="text-sm font-semibold">Look and address</h2>
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">The preview below follows your changes; nothing is public until you save.</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Custom domain"
          name="customDomain"
          error={errors.customDomain ?? domainProblem ?? undefined}
          hint="Optional, like status.example.com: point a CNAME at this Vigil's host first."
        >
          <Input
            name="customDomain"
            value={b.customDomain}
            onChange={(e) => set({ customDomain: e.target.value })}
            invalid={!!errors.customDomain || !!domainProblem}
            autoCapitalize="none"
            spellCheck={false}
            placeholder="status.example.com"
            key={`cd-${attempt}`}
          />
        </Field>
        <Field label="Theme" name="theme" error={errors.theme}>
          <Select name="theme" value={b.theme} onChange={(e) => set({ theme: e.target.value as BrandingFormValues["theme"] })}>
            <option value="auto">Auto (follows the visitor’s system)</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </Select>
        </Field>
        <Field label="Accent colour" name="accentColor" error={errors.accentColor} hint={accentHint}>
          <div className="flex gap-2">
            <input
              type="color"
              aria-label="Pick the accent colour"
              className="h-9 w-12 shrink-0 cursor-pointer rounded border border-slate-300 bg-transparent dark:border-slate-700"
              value={accentOk ? b.accentColor.toLowerCase() : "#047857"}
              onChange={(e) => set({ accentColor: e.target.value })}
            />
            <Input
              name="accentColor"
              value={b.accentColor}
              onChange={(e) => set({ accentColor: e.target.value })}
              invalid={!!errors.accentColor || (accentOk && !bannerText)}
              placeholder="#047857"
              spellCheck={false}
            />
          </div>
        </Field>
        <Field label="Logo URL" name="logoUrl" error={errors.logoUrl} hint="Optional; an https:// image, shown above the title.">
          <Input
            name="logoUrl"
            value={b.logoUrl}
            onChange={(e) => set({ logoUrl: e.target.value })}
            invalid={!!errors.logoUrl}
            placeholder="https://example.com/logo.svg"
            spellCheck={false}
          />
        </Field>
      </div>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">
          Footer links <span className="font-normal text-slate-500">(up to 5)</span>
        </legend>
        {errors.footerLinks && (
          <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
            {errors.footerLinks}
          </p>
        )}
        {b.footerLinks.map((l, i) => {
          const err = errors[`footerLinks.${i}.label`] ?? errors[`footerLinks.${i}.url`];
          return (
            <div key={i}>
              <div className="grid gap-2 sm:grid-cols-[12rem_1fr_auto]">
                <input
                  aria-label={`Footer link ${i + 1} label`}
                  className={controlClass(!!errors[`footerLinks.${i}.label`])}
                  value={l.label}
                  onChange={(e) => link(i, { label: e.target.value })}
                  placeholder="Label"
                />
                <input
                  aria-label={`Footer link ${i + 1} address`}
                  className={controlClass(!!errors[`footerLinks.${i}.url`])}
                  value={l.url}
                  onChange={(e) => link(i, { url: e.target.value })}
                  placeholder="https://example.com"
                />
                <Button
                  type="button"
                  variant="ghost"
                  onClick={() => set({ footerLinks: b.footerLinks.filter((_, j) => j !== i) })}
                  aria-label={`Remove footer link ${i + 1}`}
                >
                  Remove
                </Button>
              </div>
              {err && (
                <p role="alert" className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">
                  {err}
                </p>
              )}
            </div>
          );
        })}
        <Button
          type="button"
          variant="secondary"
          onClick={() => set({ footerLinks: [...b.footerLinks, { label: "", url: "" }] })}
          disabled={b.footerLinks.length >= 5}
        >
          Add a link
        </Button>
      </fieldset>

      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="hidePoweredBy" checked={b.hidePoweredBy} onChange={(e) => set({ hidePoweredBy: e.target.checked })} />
        Hide “Powered by Vigil”
      </label>
      <input type="hidden" name="footerLinks" value={JSON.stringify(b.footerLinks)} />

      <div>
        <p className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-500">Preview</p>
        <StatusPageShell
          branding={{ theme: b.theme, accentColor: accentOk ? b.accentColor : null, bannerText }}
          className="sp-preview overflow-hidden rounded-lg ring-1 ring-slate-200 dark:ring-slate-800"
        >
          <div className="px-5 py-5" data-testid="branding-preview">
            {/^https:\/\//.test(b.logoUrl) && (
              // eslint-disable-next-line @next/next/no-img-element -- the owner's own image, previewed as the public page shows it
              <img src={b.logoUrl} alt="Logo preview" className="mb-3 h-8 w-auto max-w-[200px] object-contain" />
            )}
            <p className="text-lg font-semibold">{title || "Your status page"}</p>
            <div className="sp-banner-operational mt-3 flex items-center gap-3 rounded-xl px-4 py-3 text-sm font-semibold">
              <span aria-hidden className="flex h-6 w-6 items-center justify-center rounded-full bg-white/20 text-xs">
                ✓
              </span>
              All systems operational
            </div>
            <p className="sp-muted mt-4 flex flex-wrap gap-x-3 border-t sp-border pt-3 text-xs">
              {b.footerLinks
                .filter((l) => l.label)
                .map((l, i) => (
                  <span key={i} className="sp-link underline">
                    {l.label}
                  </span>
                ))}
              {!b.hidePoweredBy && <span>Powered by Vigil</span>}
            </p>
          </div>
        </StatusPageShell>
      </div>
    </Card>
  );
}
