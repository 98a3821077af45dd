import { z } from "zod";

export const Email = z
  .string()
  .trim()
  .max(254, "Email is too long")
  .email("Enter a valid email address")
  .transform((e) => e.toLowerCase());

export const Password = z.string().min(8, "Use at least 8 characters").max(200, "Password is too long");

/** An optional display name: blank means none; kept verbatim otherwise (rendered as text, never HTML). */
export const OptionalName = z
  .string()
  .trim()
  .max(100, "Keep the name under 100 characters")
  .optional()
  .transform((v) => (v ? v : undefined));

export const SignUpInput = z.object({ email: Email, password: Password, name: OptionalName });
export type SignUpInput = z.infer<typeof SignUpInput>;
