import { verb } from "../../context";
import { alertChannels, type AlertChannel } from "../../db/schema";
import { parseOrThrow } from "../../errors";
import { withinCountQuota } from "../../quotas/quotas";
import { CreateAlertChannelInput } from "../schemas";
import { isMemberAddress, limitConfirmationEmails, newConfirmation, sendConfirmationEmail, type MailOptions } from "./email-confirmation";
import { ensureDefaultChannel } from "./default-channel";
import { checkMonitorIds } from "./monitor-scope";
import { withoutNulls } from "./update";
import { parseChannelSettings } from "../channel-types/registry";

/**
 * Adds a channel of any type. An email address that isn't a member's starts unconfirmed and is sent
 * a confirmation link; alerts skip it until the link is used.
 */
export const createAlertChannel = verb("admin", async (ctx, input: unknown, opts: MailOptions = {}): Promise<AlertChannel> => {
  const data = parseOrThrow(CreateAlertChannelInput, input);
  const settings = parseChannelSettings(data.type, { target: data.target, config: data.config, secrets: withoutNulls(data.secrets) });
  const monitorIds = await checkMonitorIds(ctx.db, ctx.workspaceId, data.monitorIds);
  const confirm = data.type === "email" && !(await isMemberAddress(ctx.db, ctx.workspaceId, settings.target)) ? newConfirmation(opts.now) : null;
  if (confirm) await limitConfirmationEmails(ctx.workspaceId);
  // The owner's default email channel exists only while a workspace has no channel: make it before the
  // first added one, or a workspace that adds a webhook first would silently stop emailing its owner.
  await ensureDefaultChannel(ctx.db, ctx.workspaceId);
  const [row] = await withinCountQuota(ctx, "alertChannels", (tx) =>
    tx
      .insert(alertChannels)
      .values({
        workspaceId: ctx.workspaceId,
        type: data.type,
        name: data.name,
        muted: data.muted,
        monitorIds,
        ...settings,
        ...(confirm?.columns ?? { verified: true }),
      })
      .returning(),
  );
  if (confirm) await sendConfirmationEmail(ctx.db, row, confirm.token, opts);
  return row;
});
