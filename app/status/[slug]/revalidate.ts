import { revalidatePath } from "next/cache";
import { invalidateCachedResponses } from "@/lib/http/response-cache";
import { publicStatusPrefix } from "@/lib/status-pages/public-paths";

/**
 * Drops the ISR copy of a public page after an edit, then the web server's response cache copy (again:
 * a visitor may have refilled it from the old ISR copy in between). revalidatePath is a no-op outside a
 * Next request (unit tests).
 */
export function revalidateStatusPage(...slugs: string[]): void {
  for (const slug of slugs) {
    try {
      revalidatePath(`/status/${slug}`);
    } catch {
      // Not inside a Next request: nothing is cached there to drop.
    }
    invalidateCachedResponses(publicStatusPrefix(slug));
  }
}
