const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The email that asks an address to confirm it wants a workspace's alerts; plain text with an HTML twin. */
export function renderConfirmationEmail(input: { url: string; workspaceName: string; appUrl: string }) {
  const subject = "Confirm Vigil alerts to this address";
  const text = [
    "Hello,",
    "",
    `Someone in the Vigil workspace "${input.workspaceName}" asked to send monitoring alerts (downtime, recovery) to this address.`,
    "",
    "To receive them, confirm with this link (valid for 7 days):",
    input.url,
    "",
    "If you don't want these alerts, ignore this email: nothing will be sent to you.",
    "",
    `— Vigil (${input.appUrl})`,
  ].join("\n");
  const url = escapeHtml(input.url);
  const html = `<!doctype html>
<html lang="en"><body style="margin:0;padding:24px;background:#f8fafc;font:15px/1.6 system-ui,-apple-system,'Segoe UI',sans-serif;color:#0f172a">
<table role="presentation" width="100%" style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:12px">
<tr><td style="padding:28px">
<p style="margin:0 0 16px;font-weight:600;font-size:17px">Vigil</p>
<p style="margin:0 0 12px">Someone in the Vigil workspace <strong>${escapeHtml(input.workspaceName)}</strong> asked to send monitoring alerts (downtime, recovery) to this address.</p>
<p style="margin:0 0 24px"><a href="${url}" style="display:inline-block;background:#2563eb;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:600">Confirm alerts</a></p>
<p style="margin:0 0 8px;color:#475569;font-size:13px">Or paste this link into your browser:<br><a href="${url}" style="color:#2563eb;word-break:break-all">${url}</a></p>
<p style="margin:0;color:#475569;font-size:13px">The link is valid for 7 days. If you don't want these alerts, ignore this email: nothing will be sent to you.</p>
</td></tr></table></body></html>`;
  return { subject, text, html };
}
