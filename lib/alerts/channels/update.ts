import { eq } from "drizzle-orm";
import { verb } from "../../context";
import { alertChannels, type AlertChannel } from "../../db/schema";
import { ValidationError, parseOrThrow } from "../../errors";
import { UpdateAlertChannelInput } from "../schemas";
import { isMemberAddress, limitConfirmationEmails, newConfirmation, sendConfirmationEmail, type MailOptions } from "./email-confirmation";
import { findChannelOrThrow } from "./get";
import { checkMonitorIds } from "./monitor-scope";
import { parseChannelSettings } from "../channel-types/registry";

export const withoutNulls = (o: Record<string, string | null>) => Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => e[1] !== null));

/** The stored secrets a PATCH keeps: all but those it clears with null (absent or "" keeps one). */
function keptSecrets(stored: Record<string, string>, patch: Record<string, string | null> | undefined): Record<string, string> {
  const kept = { ...stored };
  for (const [k, v] of Object.entries(patch ?? {})) if (v === null) delete kept[k];
  return kept;
}

/**
 * PATCH a channel: name, target, monitorIds, config, secrets, muted. The row is locked and the merged
 * channel validated as a whole by its type's module. A new email address must confirm again.
 */
export const updateAlertChannel = verb("admin", async (ctx, id: string, patch: unknown, opts: MailOptions = {}): Promise<AlertChannel> => {
  const data = parseOrThrow(UpdateAlertChannelInput, patch);
  const { row, token } = await ctx.db.transaction(async (tx) => {
    const current = await findChannelOrThrow(tx, ctx.workspaceId, id, { lock: true });
    if (data.type !== undefined && data.type !== current.type) {
      throw new ValidationError("Some fields are invalid", { type: "A channel's type can't be changed; create a new channel instead" });
    }
    const settings = parseChannelSettings(
      current.type,
      { target: data.target, config: data.config, secrets: withoutNulls(data.secrets ?? {}) },
      { target: current.target, config: current.config, secrets: keptSecrets(current.secrets, data.secrets) },
    );
    const monitorIds = data.monitorIds ? await checkMonitorIds(tx, ctx.workspaceId, data.monitorIds) : current.monitorIds;
    const newAddress = current.type === "email" && settings.target !== current.target;
    const confirm = newAddress && !(await isMemberAddress(tx, ctx.workspaceId, settings.target)) ? newConfirmation(opts.now) : null;
    if (confirm) await limitConfirmationEmails(ctx.workspaceId, current.id);
    const verification = confirm ? confirm.columns : newAddress ? { verified: true, verifyTokenHash: null, verifySentAt: null } : {};
    const [row] = await tx
      .update(alertChannels)
      .set({
        ...settings,
        monitorIds,
        ...(data.name !== undefined ? { name: data.name } : {}),
        ...(data.muted !== undefined ? { muted: data.muted } : {}),
        ...verification,
        updatedAt: new Date(),
      })
      .where(eq(alertChannels.id, current.id))
      .returning();
    return { row, token: confirm?.token };
  });
  if (token) await sendConfirmationEmail(ctx.db, row, token, opts);
  return row;
});

export const setAlertChannelMuted = verb("admin", async (ctx, id: string, muted: boolean): Promise<AlertChannel> => {
  const current = await findChannelOrThrow(ctx.db, ctx.workspaceId, id);
  const [row] = await ctx.db.update(alertChannels).set({ muted, updatedAt: new Date() }).where(eq(alertChannels.id, current.id)).returning();
  return row;
});
