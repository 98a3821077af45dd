import { randomUUID } from "node:crypto";
import { verb } from "../../context";
import { alertOutbox } from "../../db/schema";
import { ValidationError } from "../../errors";
import { getQuotas } from "../../quotas/quotas";
import { kv, key } from "../../redis/client";
import { enforceRateLimits } from "../../redis/rate-limit";
import { notifyOutbox } from "../notify";
import { findChannelOrThrow } from "./get";

// A test is a real send to someone else's service: a few per channel, and the workspace's
// `testSendsPerHour` quota across all of them.
export const TEST_SENDS_PER_CHANNEL = { limit: 5, windowSeconds: 600 };

/** "Send test": one 'test' outbox row, delivered by the fleet through the same code as real alerts. */
export const sendTestAlert = verb("admin", async (ctx, id: string): Promise<string> => {
  const channel = await findChannelOrThrow(ctx.db, ctx.workspaceId, id);
  // A test to an unconfirmed address would be exactly the unsolicited mail confirmation prevents.
  if (!channel.verified) throw new ValidationError("This address hasn't confirmed yet: resend the confirmation email first");
  await enforceRateLimits(kv(), [
    { key: key("rl", "alert-test", "ch", channel.id), rule: TEST_SENDS_PER_CHANNEL },
    { key: key("rl", "alert-test", "ws", ctx.workspaceId), rule: { limit: (await getQuotas(ctx.db, ctx.workspaceId)).testSendsPerHour, windowSeconds: 3600 } },
  ]);
  const [row] = await ctx.db
    .insert(alertOutbox)
    .values({ workspaceId: ctx.workspaceId, channelId: channel.id, event: "test", idempotencyKey: `test:${channel.id}:${randomUUID()}`, payload: {} })
    .returning({ id: alertOutbox.id });
  await notifyOutbox(ctx.db);
  return row.id;
});
