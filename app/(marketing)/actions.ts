"use server";

import { headers } from "next/headers";
import { echo, formError, formText, type FormState } from "@/lib/forms/form-state";
import { requestClientIp } from "@/lib/http/client-ip";
import { db } from "@/lib/db/client";
import { kv } from "@/lib/redis/client";
import { joinWaitlist } from "@/lib/waitlist/join-waitlist";

export type WaitlistValues = { email: string; name: string; note: string };

export async function joinWaitlistAction(_prev: FormState<WaitlistValues>, data: FormData): Promise<FormState<WaitlistValues>> {
  const raw = { email: formText(data, "email"), name: formText(data, "name"), note: formText(data, "note") };
  const values = { email: echo(raw.email), name: echo(raw.name), note: echo(raw.note, 2000) };
  try {
    await joinWaitlist(db, kv(), { ...raw, ip: requestClientIp(await headers()) });
    // The same answer whether or not the address was already on the list.
    return { ok: true, message: "Thanks! You're on the list. We'll email you an invite as soon as there's room in the beta." };
  } catch (err) {
    return formError(err, values);
  }
}
