"use server";

import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { acknowledgeByLink } from "@/lib/incidents/acknowledge-by-link";

/** The POST behind the page's button: the only thing that changes state (GETs are followed by link scanners). */
export async function acknowledgeFromLink(formData: FormData): Promise<void> {
  const token = String(formData.get("token") ?? "").slice(0, 200);
  await acknowledgeByLink(db, token);
  redirect(`/ack/${encodeURIComponent(token)}`);
}
