"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/api-keys";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { log } from "@/lib/log";

export type CreateKeyState = { key?: string; name?: string; fields?: Record<string, string>; message?: string; attempt: number };

export async function createApiKeyAction(prev: CreateKeyState, formData: FormData): Promise<CreateKeyState> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const name = String(formData.get("name") ?? "");
  const attempt = prev.attempt + 1;
  try {
    const { key, apiKey } = await createApiKey(db, { workspaceId: user.workspaceId, name, createdBy: user.userId });
    revalidatePath("/settings");
    // The plain key goes to the browser this once; only its hash is stored.
    return { key, name: apiKey.name, attempt };
  } catch (err) {
    if (err instanceof ValidationError) return { fields: err.fields, name, attempt };
    log.error({ err }, "creating an API key failed");
    return { message: "Something went wrong on our side. Please try again in a moment.", name, attempt };
  }
}

export async function revokeApiKeyAction(id: string): Promise<void> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  try {
    await revokeApiKey(db, user.workspaceId, id);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
  revalidatePath("/settings");
}
