import { z } from "zod";

export const Email = z
  .string()
  .trim()
  .max(254, "Email is too long")
  .email("Enter a valid email address")
  .transform((e) => e.toLowerCase());

export const Password = z.string().min(8, "Use at least 8 characters").max(200, "Password is too long");
