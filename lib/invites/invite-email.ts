export type InviteEmail = { subject: string; text: string; html: string };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const formatDate = (d: Date) => new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(d) + " UTC";

/** The email that carries a sign-up link; plain text first, with a simple HTML twin. */
export function renderInviteEmail(input: { url: string; expiresAt: Date; appUrl: string }): InviteEmail {
  const subject = "You're invited to the Vigil beta";
  const expires = formatDate(input.expiresAt);
  const text = [
    "Hello,",
    "",
    "You have an invite to the Vigil beta: uptime monitoring that checks on time from several regions and only alerts when something is really down.",
    "",
    "Create your account with this link:",
    input.url,
    "",
    `The link works once and expires on ${expires}.`,
    "",
    "If you did not ask for this, you can ignore this email.",
    "",
    `— Vigil (${input.appUrl})`,
  ].join("\n");
  const url = escapeHtml(input.url);
  const html = `<!doctype html>
<html lang="en"><body style="margin:0;padding:24px;background:#f8fafc;font:15px/1.6 system-ui,-apple-system,'Segoe UI',sans-serif;color:#0f172a">
<table role="presentation" width="100%" style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:12px">
<tr><td style="padding:28px">
<p style="margin:0 0 16px;font-weight:600;font-size:17px">Vigil</p>
<p style="margin:0 0 12px">Hello,</p>
<p style="margin:0 0 20px">You have an invite to the Vigil beta: uptime monitoring that checks on time from several regions and only alerts when something is really down.</p>
<p style="margin:0 0 24px"><a href="${url}" style="display:inline-block;background:#2563eb;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:600">Create your account</a></p>
<p style="margin:0 0 8px;color:#475569;font-size:13px">Or paste this link into your browser:<br><a href="${url}" style="color:#2563eb;word-break:break-all">${url}</a></p>
<p style="margin:0;color:#475569;font-size:13px">The link works once and expires on ${escapeHtml(expires)}. If you did not ask for this, ignore this email.</p>
</td></tr></table></body></html>`;
  return { subject, text, html };
}
