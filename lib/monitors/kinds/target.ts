import net from "node:net";
import { z } from "zod";
import { isAllowedHost } from "../../checks/connector";
import { blockedMessage, isBlockedAddress } from "../../checks/ssrf";
import { env } from "../../env";

// A DNS name: labels of letters, digits, hyphens (underscores too: _sip._tcp, _dmarc), at most 253 characters.
const LABEL = /^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$/;

export function hostProblem(value: string, what: string): string | null {
  const v = value.trim();
  if (v === "") return `${what} is required`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) || v.includes("/")) return `${what} is a host name or IP address, not a URL: leave out the scheme and path`;
  if (net.isIP(v.replace(/^\[|\]$/g, ""))) return null;
  if (v.includes(":")) return `${what} must not include a port`;
  const name = v.replace(/\.$/, "");
  if (name.length > 253 || !name.split(".").every((l) => LABEL.test(l))) return `${what} must be a valid host name like db.example.com, or an IP address`;
  return null;
}

/** A host name or IP literal (no scheme, path or port); IPv6 may come in brackets, stored without. */
export const HostField = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .max(253, `${what} must be at most 253 characters`)
    .superRefine((v, ctx) => {
      const problem = hostProblem(v, what);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform((v) =>
      v
        .replace(/^\[|\]$/g, "")
        .replace(/\.$/, "")
        .toLowerCase(),
    );

export const PortField = z
  .number({ error: "Port must be a number from 1 to 65535" })
  .int("Port must be a whole number")
  .min(1, "Port must be from 1 to 65535")
  .max(65535, "Port must be from 1 to 65535");

/**
 * A target typed as a private IP literal is refused when saved unless the operator allows it (the
 * check path refuses names that resolve to private addresses, on every check). null = fine.
 */
export function privateTargetProblem(
  ip: string,
  port: number,
  allowance = { allowPrivate: env.CHECKS_ALLOW_PRIVATE, allowHosts: env.CHECKS_ALLOW_HOSTS },
): string | null {
  if (!net.isIP(ip) || allowance.allowPrivate || isAllowedHost(allowance.allowHosts, ip, port)) return null;
  const verdict = isBlockedAddress(ip);
  return verdict.blocked ? blockedMessage(ip, ip, verdict.reason!, port) : null;
}
