import { AppError, isUnstorableTextError, RateLimitedError } from "@/lib/errors";
import { log } from "@/lib/log";

/** What a form's server action returns to its client component (useActionState). */
export type FormState<V extends Record<string, string> = Record<string, string>> = {
  ok?: boolean;
  message?: string;
  fields?: Record<string, string>;
  /** Echoed back so a refused form keeps what the person typed. */
  values?: Partial<V>;
};

export function waitMessage(seconds: number): string {
  return seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
}

/**
 * Our own errors carry messages written for people; anything else is logged and replaced by a
 * generic sentence, so a raw exception never reaches the browser.
 */
export function formError<V extends Record<string, string>>(err: unknown, values?: Partial<V>): FormState<V> {
  if (err instanceof RateLimitedError) {
    return { message: `Too many attempts. Please try again in ${waitMessage(err.retryAfterSeconds)}.`, values };
  }
  if (err instanceof AppError) return { message: err.message, fields: err.fields, values };
  if (isUnstorableTextError(err)) return { message: "Text can't contain NUL (\\u0000) characters: remove them and try again.", values };
  log.error({ err }, "form action failed");
  return { message: "Something went wrong on our side. Please try again in a moment.", values };
}

export function formText(data: FormData, name: string): string {
  const v = data.get(name);
  return typeof v === "string" ? v : "";
}

/** What a refused form echoes back of a field: bounded, so an oversized input is not sent back whole. */
export function echo(value: string, max = 1000): string {
  return value.length > max ? value.slice(0, max) : value;
}
