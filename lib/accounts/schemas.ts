import { z } from "zod";

import { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH, MAX_PASSWORD_BYTES } from "./limits";

export { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH, MAX_PASSWORD_BYTES };

const withinBytes = (max: number) => (v: string) => Buffer.byteLength(v, "utf8") <= max;

export const Email = z
  .string()
  // Capped before trimming too: a megabyte of spaces is refused, not trimmed.
  .max(MAX_EMAIL_LENGTH + 64, "Email is too long")
  .trim()
  .max(MAX_EMAIL_LENGTH, "Email is too long")
  .email("Enter a valid email address")
  .transform((e) => e.toLowerCase());

export const Password = z
  .string()
  .min(8, "Use at least 8 characters")
  .max(200, "Password is too long")
  .refine(withinBytes(MAX_PASSWORD_BYTES), "Password is too long");

/** An optional display name: blank means none; kept verbatim otherwise (rendered as text, never HTML). */
export const OptionalName = z
  .string()
  .max(MAX_NAME_LENGTH + 64, `Keep the name under ${MAX_NAME_LENGTH} characters`)
  .trim()
  .max(MAX_NAME_LENGTH, `Keep the name under ${MAX_NAME_LENGTH} characters`)
  .optional()
  .transform((v) => (v ? v : undefined));

export const SignUpInput = z.object({ email: Email, password: Password, name: OptionalName });
export type SignUpInput = z.infer<typeof SignUpInput>;

/**
 * What the sign-in form sends, bounded before anything reaches Redis or Postgres. Not the sign-up
 * rules (an account made by an operator may have a password sign-up would refuse), only the sizes.
 */
export const SignInInput = z.object({
  email: z
    .string()
    .max(MAX_EMAIL_LENGTH + 64)
    .trim()
    .min(1)
    .max(MAX_EMAIL_LENGTH)
    .transform((e) => e.toLowerCase()),
  password: z.string().min(1).refine(withinBytes(MAX_PASSWORD_BYTES)),
});
export type SignInInput = z.infer<typeof SignInInput>;
