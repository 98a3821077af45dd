"use server";

import { redirect } from "next/navigation";
import { confirmEmailChannel } from "@/lib/alerts/channels";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";

/** The button on the confirmation page (POST only: a mail scanner fetching the link confirms nothing). */
export async function confirmAlertEmailAction(token: string): Promise<void> {
  let outcome = "confirmed=1";
  try {
    await confirmEmailChannel(db, token);
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    outcome = "invalid=1";
  }
  redirect(`/alerts/confirm/${encodeURIComponent(token)}?${outcome}`);
}
