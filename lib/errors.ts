/** One error hierarchy for the product; each edge (API, forms, jobs) maps it once. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, fields?: Record<string, string>) {
    super("invalid_input", 400, message, fields);
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = "Authentication required") {
    super("unauthorized", 401, message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = "You are not allowed to do that") {
    super("forbidden", 403, message);
  }
}
export class NotFoundError extends AppError {
  constructor(what = "Resource") {
    super("not_found", 404, `${what} not found`);
  }
}
export class ConflictError extends AppError {
  constructor(message: string, fields?: Record<string, string>) {
    super("conflict", 409, message, fields);
  }
}
export class PayloadTooLargeError extends AppError {
  constructor(readonly maxBytes: number) {
    super("payload_too_large", 413, `Request body is too large; the limit is ${Math.floor(maxBytes / 1024)} KiB`);
  }
}
export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", 429, `Too many requests; retry in ${retryAfterSeconds}s`);
  }
}

/**
 * Postgres refused text it can't store: a NUL character (\u0000) in a text or jsonb value. No field of
 * Vigil means anything with one, so at the edges this is the client's mistake (400), not a crash.
 * drizzle wraps the driver's error, so the code is looked for on the error and its causes.
 */
export function isUnstorableTextError(err: unknown): boolean {
  let e = err as { code?: unknown; cause?: unknown } | null;
  for (let i = 0; e && typeof e === "object" && i < 4; i++, e = e.cause as typeof e) if (e.code === "22021" || e.code === "22P05") return true;
  return false;
}

/** Turns a zod error into field messages keyed by dotted path. */
export function fieldsFromZod(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

export function parseOrThrow<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } },
  input: unknown,
): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError("Some fields are invalid", fieldsFromZod(result.error.issues));
  return result.data;
}
