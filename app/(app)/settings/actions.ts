"use server";

import { revalidatePath } from "next/cache";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/api-keys";
import { orNotFound, requireSessionCtx, sessionAction } from "../_lib/session";

export type CreateKeyState = { key?: string; name?: string; fields?: Record<string, string>; message?: string; attempt: number };

export async function createApiKeyAction(prev: CreateKeyState, formData: FormData): Promise<CreateKeyState> {
  const name = String(formData.get("name") ?? "");
  const attempt = prev.attempt + 1;
  return sessionAction<CreateKeyState>(
    async ({ ctx }) => {
      const { key, apiKey } = await createApiKey(ctx, { name });
      revalidatePath("/settings");
      // The plain key goes to the browser this once; only its hash is stored.
      return { key, name: apiKey.name, attempt };
    },
    ({ message, fields }) => (fields ? { fields, name, attempt } : { message, name, attempt }),
  );
}

export async function revokeApiKeyAction(id: string): Promise<void> {
  const { ctx } = await requireSessionCtx();
  await orNotFound(revokeApiKey(ctx, id));
  revalidatePath("/settings");
}
