import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "../accounts/authenticate";
import { db } from "../db/client";
import { env } from "../env";
import { RateLimitedError } from "../errors";
import { key, kv } from "../redis/client";
import { enforceRateLimits } from "../redis/rate-limit";

export const SIGN_IN_LIMITS = {
  perIp: { limit: 20, windowSeconds: 300 },
  perEmail: { limit: 10, windowSeconds: 300 },
};

export function clientIp(headers: Record<string, string | string[] | undefined> | Headers | undefined): string {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : (headers?.[name] as string | undefined));
  const forwarded = get("x-forwarded-for");
  return (forwarded?.split(",")[0] ?? get("x-real-ip") ?? "unknown").trim();
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
        try {
          await enforceRateLimits(kv(), [
            { key: key("rl", "signin", "ip", clientIp(req?.headers)), rule: SIGN_IN_LIMITS.perIp },
            { key: key("rl", "signin", "email", email), rule: SIGN_IN_LIMITS.perEmail },
          ]);
        } catch (err) {
          if (err instanceof RateLimitedError) throw new Error(`Too many sign-in attempts. Try again in ${err.retryAfterSeconds} seconds.`);
          throw err;
        }
        const user = await authenticate(db, email, password);
        if (!user) return null;
        return { id: user.userId, email: user.email, name: user.name };
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
