import { randomBytes } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "../accounts/authenticate";
import { SignInInput } from "../accounts/schemas";
import { db } from "../db/client";
import { env } from "../env";
import { RateLimitedError } from "../errors";
import { kv } from "../redis/client";
import { log } from "../log";
import { requestClientIp } from "../http/client-ip";
import { redirectWithinSite } from "./safe-callback";
import { withSignInLimits } from "./sign-in-guard";

export { SIGN_IN_LIMITS } from "./sign-in-guard";

export const SIGN_IN_UNAVAILABLE = "Signing in is not possible right now. Please try again in a minute.";

export function rateLimitMessage(retryAfterSeconds: number): string {
  const wait = retryAfterSeconds >= 90 ? `${Math.ceil(retryAfterSeconds / 60)} minutes` : `${retryAfterSeconds} seconds`;
  return `Too many sign-in attempts. Try again in ${wait}.`;
}

/**
 * The session signing secret. A built-in one only in development (a laptop, `next dev`); tests without
 * AUTH_SECRET get a random one per process; production has none (lib/env.ts refuses to start without it).
 */
export function sessionSecret(e: { AUTH_SECRET?: string; NODE_ENV: string }): string | undefined {
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  if (e.NODE_ENV === "development") return "vigil-development-secret-not-for-production";
  if (e.NODE_ENV === "test") return randomBytes(32).toString("base64url");
  return undefined;
}

/** Secure, __Secure- prefixed cookies whenever the site is served over https (APP_URL or NEXTAUTH_URL). */
export function wantsSecureCookies(appUrl: string, nextAuthUrl: string | undefined): boolean {
  return [appUrl, nextAuthUrl].some((u) => u?.toLowerCase().startsWith("https://"));
}

export const authOptions: NextAuthOptions = {
  secret: sessionSecret(env),
  useSecureCookies: wantsSecureCookies(env.APP_URL, process.env.NEXTAUTH_URL),
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        // Sizes first: an oversized email or password is refused before it becomes a Redis key or a query.
        const parsed = SignInInput.safeParse({ email: String(credentials?.email ?? ""), password: String(credentials?.password ?? "") });
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        // A thrown Error's message reaches the sign-in form (next-auth passes it as `error`), so only
        // messages written for people are thrown; anything unexpected is logged and said plainly.
        try {
          const user = await withSignInLimits(kv(), { clientIp: requestClientIp(req?.headers), email }, () => authenticate(db, email, password));
          if (!user) return null;
          return { id: user.userId, email: user.email, name: user.name };
        } catch (err) {
          if (err instanceof RateLimitedError) throw new Error(rateLimitMessage(err.retryAfterSeconds));
          log.error({ err }, "sign-in failed unexpectedly");
          throw new Error(SIGN_IN_UNAVAILABLE);
        }
      },
    }),
  ],
  callbacks: {
    // Every redirect next-auth makes (after sign-in, after sign-out) stays on this site, on APP_URL.
    async redirect({ url, baseUrl }) {
      return redirectWithinSite(url, baseUrl, env.APP_URL);
    },
    async jwt({ token, user }) {
      if (user) token.uid = user.id;
      return token;
    },
    async session({ session, token }) {
      (session as unknown as { uid?: string }).uid = token.uid as string | undefined;
      return session;
    },
  },
};
