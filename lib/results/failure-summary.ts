import type { CheckRunResult } from "./types";

/** A short, human failure text for incident causes: "HTTP 503", "Timed out after 10 s", "Connection refused". */
export function failureSummary(r: CheckRunResult, timeoutSeconds: number): string | null {
  if (r.ok) return null;
  switch (r.errorClass) {
    case "timeout":
      return `Timed out after ${timeoutSeconds} s`;
    case "status":
      return r.statusCode ? `HTTP ${r.statusCode}` : "Unexpected status";
    case "keyword":
      return r.error?.slice(0, 120) || "Keyword check failed";
    case "dns":
      return "DNS lookup failed";
    case "refused":
      return "Connection refused";
    case "reset":
      return "Connection reset";
    case "tls":
      return "TLS error";
    case "blocked":
      return "Blocked address";
    default:
      if (r.statusCode && r.statusCode >= 400) return `HTTP ${r.statusCode}`;
      return r.error?.slice(0, 120) || "Check failed";
  }
}
