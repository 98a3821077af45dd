/** Small helpers every kind's form codec uses (FormData → strings, strings → schema input). */

export const str = (fd: FormData, k: string): string => {
  const v = fd.get(k);
  return typeof v === "string" ? v : "";
};

/** "" → left out (the schema's default applies); digits → a number; anything else stays text so the schema names it. */
export function num(v: unknown): number | string | undefined {
  const t = String(v ?? "").trim();
  if (t === "") return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

/** Text lines → a list, blank lines dropped (expected values, one per line). */
export const lines = (v: unknown): string[] =>
  String(v ?? "")
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
