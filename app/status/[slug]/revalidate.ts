import { revalidatePath } from "next/cache";

/** Drops the ISR copy of a public page after an edit; a no-op outside a Next request (unit tests). */
export function revalidateStatusPage(...slugs: string[]): void {
  for (const slug of slugs) {
    try {
      revalidatePath(`/status/${slug}`);
    } catch {
      // Not inside a Next request: nothing is cached there to drop.
    }
  }
}
