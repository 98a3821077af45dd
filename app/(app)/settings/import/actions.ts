"use server";

import { revalidatePath } from "next/cache";
import { importUptimeKuma, type KumaImportResult } from "@/lib/imports/uptime-kuma/import";
import { MAX_IMPORT_BYTES } from "@/lib/imports/uptime-kuma/parse";
import { sessionAction } from "../../_lib/session";

export type KumaImportState = { result?: KumaImportResult; fileName?: string; message?: string; attempt: number };

export async function importUptimeKumaAction(prev: KumaImportState, formData: FormData): Promise<KumaImportState> {
  const attempt = prev.attempt + 1;
  const file = formData.get("file");
  return sessionAction<KumaImportState>(
    async ({ ctx }) => {
      if (!(file instanceof File) || file.size === 0) return { message: "Choose the backup file Uptime Kuma exported (a .json file).", attempt };
      if (file.size > MAX_IMPORT_BYTES) return { message: `The file is too large: an import takes at most ${MAX_IMPORT_BYTES / 1024 / 1024} MiB.`, attempt };
      const result = await importUptimeKuma(ctx, await file.text());
      if (result.created > 0) revalidatePath("/monitors");
      return { result, fileName: file.name, attempt };
    },
    ({ message }) => ({ message, attempt }),
  );
}
