"use server";

import { revalidatePath } from "next/cache";
import { formError, formText, type FormState } from "@/app/(auth)/form-state";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/errors";
import { createInvite, type CreatedInvite } from "@/lib/invites/create-invite";
import { revokeInvite } from "@/lib/invites/revoke-invite";
import { inviteFromWaitlist } from "@/lib/waitlist/invite-from-waitlist";

export type InviteState = FormState<{ email: string }> & { link?: string; email?: string; mailError?: string };

/** Each action checks the session itself: a server action is a public endpoint, whatever page shows it. */
async function adminId(): Promise<string> {
  const user = await getSessionUser();
  if (!user?.isAdmin) throw new ForbiddenError("Only admins can do that");
  return user.userId;
}

function invited(created: CreatedInvite): InviteState {
  revalidatePath("/admin");
  return { ok: true, email: created.invite.email, link: created.url, mailError: created.mailError };
}

export async function inviteByEmailAction(_prev: InviteState, data: FormData): Promise<InviteState> {
  const values = { email: formText(data, "email") };
  try {
    return invited(await createInvite(db, { email: values.email, invitedBy: await adminId() }));
  } catch (err) {
    return formError(err, values);
  }
}

export async function inviteFromWaitlistAction(_prev: InviteState, data: FormData): Promise<InviteState> {
  try {
    return invited(await inviteFromWaitlist(db, await adminId(), formText(data, "id")));
  } catch (err) {
    return formError(err);
  }
}

export async function revokeInviteAction(_prev: FormState, data: FormData): Promise<FormState> {
  try {
    await revokeInvite(db, await adminId(), formText(data, "id"));
    revalidatePath("/admin");
    return { ok: true };
  } catch (err) {
    return formError(err);
  }
}
