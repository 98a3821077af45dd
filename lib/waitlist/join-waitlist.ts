import type { Redis } from "@upstash/redis";
import { z } from "zod";
import { Email, OptionalName } from "../accounts/schemas";
import type { Db } from "../db/client";
import { waitlist } from "../db/schema";
import { parseOrThrow } from "../errors";
import { key } from "../redis/client";
import { bucketId, enforceRateLimits, type RateLimit } from "../redis/rate-limit";

export const JoinWaitlistInput = z.object({
  email: Email,
  name: OptionalName,
  note: z
    .string()
    .max(1100, "Keep the note under 1,000 characters")
    .trim()
    .max(1000, "Keep the note under 1,000 characters")
    .optional()
    .transform((v) => (v ? v : undefined)),
});
export type JoinWaitlistInput = z.input<typeof JoinWaitlistInput>;

// Generous for a person (a typo or two), tight for a script filling the list from one address.
export const WAITLIST_LIMITS: { perIp: RateLimit; perEmail: RateLimit } = {
  perIp: { limit: 10, windowSeconds: 600 },
  perEmail: { limit: 5, windowSeconds: 3600 },
};

/**
 * Adds a visitor to the beta waitlist. Joining again with the same email is not an error (the
 * visitor sees the same confirmation, so the form reveals nothing about who signed up) and keeps the
 * first entry as it was. Rate limited per IP and per email: RateLimitedError.
 */
export async function joinWaitlist(db: Db, kv: Redis, input: JoinWaitlistInput & { ip: string }, limits = WAITLIST_LIMITS): Promise<{ created: boolean }> {
  const data = parseOrThrow(JoinWaitlistInput, { email: input.email, name: input.name, note: input.note });
  await enforceRateLimits(kv, [
    { key: key("rl", "waitlist", "ip", bucketId(input.ip || "unknown")), rule: limits.perIp },
    { key: key("rl", "waitlist", "email", bucketId(data.email)), rule: limits.perEmail },
  ]);
  const rows = await db
    .insert(waitlist)
    .values({ email: data.email, name: data.name ?? null, note: data.note ?? null })
    .onConflictDoNothing({ target: waitlist.email })
    .returning({ id: waitlist.id });
  return { created: rows.length > 0 };
}
