import { z } from "zod";
import { BrandingFields } from "./branding";

export const SLUG_PATTERN = /^[a-z0-9](-?[a-z0-9])*$/;

export const Slug = z
  .string()
  .trim()
  .min(3, "Slug must be 3–60 characters")
  .max(60, "Slug must be 3–60 characters")
  .regex(SLUG_PATTERN, "Use lowercase letters, digits and single dashes, starting and ending with a letter or digit");

export const StatusPageMonitorInput = z
  .object({
    monitorId: z.string().uuid("Not a monitor id"),
    displayName: z.string().trim().min(1, "A display name is required").max(100, "At most 100 characters"),
    groupName: z
      .string()
      .trim()
      .max(60, "At most 60 characters")
      .nullish()
      .transform((v) => v || null),
  })
  .strict();

const Monitors = z
  .array(StatusPageMonitorInput)
  .max(100, "At most 100 monitors per page")
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((m, i) => {
      if (seen.has(m.monitorId)) ctx.addIssue({ code: "custom", path: [i, "monitorId"], message: "This monitor is listed twice" });
      seen.add(m.monitorId);
    });
  });

// Without defaults: zod 4 keeps a field's default inside .partial(), so a PATCH naming only the title
// would otherwise reset every defaulted field (the monitor list included).
const StatusPageFields = {
  slug: Slug,
  title: z.string().trim().min(1, "A title is required").max(120, "At most 120 characters"),
  description: z
    .string()
    .trim()
    .max(1000, "At most 1000 characters")
    .nullish()
    .transform((v) => v || null),
  // Order of the list is the order on the page.
  monitors: Monitors,
  ...BrandingFields,
  // Incidents the monitors open by themselves are shown beside the posted ones unless turned off.
  showAutomaticIncidents: z.boolean({ message: "true or false" }),
  // Visitors may subscribe to emails about posted incidents and maintenance (lib/status-pages/subscribers).
  subscribersEnabled: z.boolean({ message: "true or false" }),
};

export const CreateStatusPageInput = z
  .object({
    ...StatusPageFields,
    monitors: Monitors.default([]),
    customDomain: BrandingFields.customDomain.optional(),
    theme: BrandingFields.theme.default("auto"),
    accentColor: BrandingFields.accentColor.optional(),
    logoUrl: BrandingFields.logoUrl.optional(),
    footerLinks: BrandingFields.footerLinks.default([]),
    hidePoweredBy: BrandingFields.hidePoweredBy.default(false),
    showAutomaticIncidents: StatusPageFields.showAutomaticIncidents.default(true),
    subscribersEnabled: StatusPageFields.subscribersEnabled.default(false),
  })
  .strict();
export type CreateStatusPageInput = z.input<typeof CreateStatusPageInput>;

export const UpdateStatusPageInput = z.object(StatusPageFields).partial().strict();
export type UpdateStatusPageInput = z.input<typeof UpdateStatusPageInput>;
