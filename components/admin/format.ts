const FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

/** Dates in admin tables, always in UTC (the column headers say so), so server render and reader agree. */
export function formatDate(d: Date | null | undefined): string {
  return d ? FORMAT.format(d) : "—";
}
