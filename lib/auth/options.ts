import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "../accounts/authenticate";
import { db } from "../db/client";
import { env } from "../env";
import { RateLimitedError } from "../errors";
import { key, kv } from "../redis/client";
import { log } from "../log";
import { enforceRateLimits } from "../redis/rate-limit";
import { requestClientIp } from "../http/client-ip";

export const SIGN_IN_LIMITS = {
  // Per IP is looser than per email: an office or a CI runner behind one NAT signs in many people.
  perIp: { limit: 50, windowSeconds: 300 },
  perEmail: { limit: 10, windowSeconds: 300 },
};

export const SIGN_IN_UNAVAILABLE = "Signing in is not possible right now. Please try again in a minute.";

export function rateLimitMessage(retryAfterSeconds: number): string {
  const wait = retryAfterSeconds >= 90 ? `${Math.ceil(retryAfterSeconds / 60)} minutes` : `${retryAfterSeconds} seconds`;
  return `Too many sign-in attempts. Try again in ${wait}.`;
}

export const authOptions: NextAuthOptions = {
  secret: env.AUTH_SECRET ?? (env.NODE_ENV === "production" ? undefined : "vigil-development-secret-not-for-production"),
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const email = String(credentials?.email ?? "").trim().toLowerCase();
        const password = String(credentials?.password ?? "");
        if (!email || !password) return null;
        // A thrown Error's message reaches the sign-in form (next-auth passes it as `error`), so only
        // messages written for people are thrown; anything unexpected is logged and said plainly.
        try {
          await enforceRateLimits(kv(), [
            { key: key("rl", "signin", "ip", requestClientIp(req?.headers)), rule: SIGN_IN_LIMITS.perIp },
            { key: key("rl", "signin", "email", email), rule: SIGN_IN_LIMITS.perEmail },
          ]);
          const user = await authenticate(db, email, password);
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
