"use client";

import { useActionState } from "react";
import { createApiKeyAction, type CreateKeyState } from "@/app/(app)/settings/actions";
import { CopyButton } from "@/components/monitors/copy-button";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";

export function CreateApiKey() {
  const [state, action, pending] = useActionState<CreateKeyState, FormData>(createApiKeyAction, { attempt: 0 });
  return (
    <div className="space-y-4">
      {state.key && (
        <div
          className="space-y-3 rounded-lg bg-emerald-50 p-4 ring-1 ring-inset ring-emerald-200 dark:bg-emerald-950 dark:ring-emerald-900"
          data-testid="new-api-key"
        >
          <p className="text-sm font-medium text-emerald-900 dark:text-emerald-100">Key “{state.name}” created. Copy it now: you won&apos;t see it again.</p>
          <div className="flex flex-wrap items-center gap-2">
            <code className="min-w-0 flex-1 break-all rounded-md bg-white px-3 py-2 font-mono text-sm dark:bg-slate-900" data-testid="new-api-key-value">
              {state.key}
            </code>
            <CopyButton text={state.key} label="Copy key" testId="copy-api-key" />
          </div>
          <p className="text-xs text-emerald-800 dark:text-emerald-200">
            Use it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code> with the REST API at <code className="font-mono">/api/v1</code>.
          </p>
        </div>
      )}
      {state.message && <Alert>{state.message}</Alert>}
      <form key={state.attempt} action={action} noValidate className="flex flex-wrap items-end gap-3" data-testid="create-api-key-form">
        <div className="min-w-64 flex-1">
          <Field label="Key name" name="name" error={state.fields?.name} hint="What uses it, e.g. “deploy script”.">
            <Input name="name" defaultValue={state.key ? "" : (state.name ?? "")} placeholder="deploy script" invalid={!!state.fields?.name} />
          </Field>
        </div>
        <Button type="submit" disabled={pending} className="mb-[1.625rem]">
          {pending ? "Creating…" : "Create key"}
        </Button>
      </form>
    </div>
  );
}
