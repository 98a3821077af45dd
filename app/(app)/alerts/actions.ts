"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import {
  createAlertChannel,
  deleteAlertChannel,
  resendEmailConfirmation,
  sendTestAlert,
  setAlertChannelMuted,
  updateAlertChannel,
} from "@/lib/alerts/channels";
import { channelInputFromFormData, channelValuesFromFormData, type ChannelFormState } from "@/lib/alerts/channels/form";
import { failureOf, orNotFound, requireSessionCtx, sessionAction } from "../_lib/session";

/** Add (channelId null) or edit a channel from the alerts page's form. */
export async function saveChannelAction(channelId: string | null, prev: ChannelFormState, form: FormData): Promise<ChannelFormState> {
  const values = channelValuesFromFormData(form);
  return sessionAction<ChannelFormState>(
    async ({ ctx }) => {
      const input = channelInputFromFormData(form, values, channelId !== null);
      if (channelId) await updateAlertChannel(ctx, channelId, input);
      else await createAlertChannel(ctx, input);
      revalidatePath("/alerts");
      if (channelId) redirect("/alerts?saved=1");
      return { attempt: prev.attempt + 1, ok: true };
    },
    (failure) => ({ attempt: prev.attempt + 1, values, ...failure }),
  );
}

export async function setChannelMutedAction(id: string, muted: boolean): Promise<void> {
  const { ctx } = await requireSessionCtx();
  await orNotFound(setAlertChannelMuted(ctx, id, muted));
  revalidatePath("/alerts");
}

export async function deleteChannelAction(id: string): Promise<void> {
  const { ctx } = await requireSessionCtx();
  await orNotFound(deleteAlertChannel(ctx, id));
  revalidatePath("/alerts");
}

type Note = { ok: boolean; message: string };

/** Runs a per-channel button's work and turns the outcome into the line shown under the buttons. */
async function note(work: () => Promise<string>): Promise<Note> {
  try {
    const message = await work();
    revalidatePath("/alerts");
    return { ok: true, message };
  } catch (err) {
    return { ok: false, message: failureOf(err).message };
  }
}

export async function sendTestAction(id: string): Promise<Note> {
  const { ctx } = await requireSessionCtx();
  return note(async () => {
    await sendTestAlert(ctx, id);
    return "Test queued: it should arrive within seconds.";
  });
}

export async function resendConfirmationAction(id: string): Promise<Note> {
  const { ctx } = await requireSessionCtx();
  return note(async () => {
    const { sent } = await resendEmailConfirmation(ctx, id);
    return sent ? "Confirmation email sent." : "The confirmation email could not be sent right now; try again later.";
  });
}
