"use server";

import { revalidatePath } from "next/cache";
import { formText, type FormState } from "@/lib/forms/form-state";
import { createInvite, type CreatedInvite } from "@/lib/invites/create-invite";
import { revokeInvite } from "@/lib/invites/revoke-invite";
import { inviteFromWaitlist } from "@/lib/waitlist/invite-from-waitlist";
import { sessionAction } from "../_lib/session";

export type InviteState = FormState<{ email: string }> & { link?: string; email?: string; mailError?: string };

// A server action is a public endpoint, whatever page shows it: the verbs themselves require an operator
// (ForbiddenError otherwise), with the admin flag read fresh from the database for this request.

function invited(created: CreatedInvite): InviteState {
  revalidatePath("/admin");
  return { ok: true, email: created.invite.email, link: created.url, mailError: created.mailError };
}

export async function inviteByEmailAction(_prev: InviteState, data: FormData): Promise<InviteState> {
  const values = { email: formText(data, "email") };
  return sessionAction(
    async ({ ctx }) => invited(await createInvite(ctx, values.email)),
    (failure) => ({ ...failure, values }),
  );
}

export async function inviteFromWaitlistAction(_prev: InviteState, data: FormData): Promise<InviteState> {
  return sessionAction(
    async ({ ctx }) => invited(await inviteFromWaitlist(ctx, formText(data, "id"))),
    (failure) => failure,
  );
}

export async function revokeInviteAction(_prev: FormState, data: FormData): Promise<FormState> {
  return sessionAction<FormState>(
    async ({ ctx }) => {
      await revokeInvite(ctx, formText(data, "id"));
      revalidatePath("/admin");
      return { ok: true };
    },
    (failure) => failure,
  );
}
