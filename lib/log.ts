import pino from "pino";
import { env } from "./env";

/** Structured logs; secrets are redacted by path so a logged object can never leak them. */
export const log = pino({
  level: env.NODE_ENV === "test" ? "silent" : env.LOG_LEVEL,
  redact: {
    paths: [
      "password",
      "*.password",
      "passwordHash",
      "*.passwordHash",
      "token",
      "*.token",
      "key",
      "*.key",
      "authorization",
      "*.authorization",
      "headers.authorization",
      "headers.cookie",
    ],
    censor: "[redacted]",
  },
  base: { pid: process.pid },
});

export type Logger = typeof log;
