import type { ReactNode } from "react";

const C = { text: "#0f172a", muted: "#475569", border: "#e2e8f0", bg: "#f8fafc" };

/** Email-safe layout: tables and inline styles only, since mail clients ignore stylesheets. */
export function EmailLayout({
  title,
  tone,
  intro,
  facts,
  link,
  ackUrl = null,
  children,
}: {
  title: string;
  tone: "down" | "up" | "warn" | "info";
  intro: string;
  facts: [string, string][];
  link: string | null;
  ackUrl?: string | null;
  children?: ReactNode;
}) {
  const color = { down: "#dc2626", up: "#059669", warn: "#d97706", info: "#2563eb" }[tone];
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width" />
        <title>{title}</title>
      </head>
      <body style={{ margin: 0, padding: "24px 0", background: C.bg, fontFamily: "-apple-system, Segoe UI, Helvetica, Arial, sans-serif", color: C.text }}>
        <table role="presentation" width="100%" cellPadding={0} cellSpacing={0}>
          <tbody>
            <tr>
              <td align="center">
                <table
                  role="presentation"
                  width={560}
                  cellPadding={0}
                  cellSpacing={0}
                  style={{ background: "#ffffff", border: `1px solid ${C.border}`, borderRadius: 8 }}
                >
                  <tbody>
                    <tr>
                      <td style={{ height: 4, background: color, borderRadius: "8px 8px 0 0" }} />
                    </tr>
                    <tr>
                      <td style={{ padding: "24px 28px 8px" }}>
                        <h1 style={{ margin: 0, fontSize: 20, lineHeight: "28px" }}>{title}</h1>
                        <p style={{ margin: "8px 0 0", fontSize: 14, lineHeight: "22px", color: C.muted }}>{intro}</p>
                      </td>
                    </tr>
                    <tr>
                      <td style={{ padding: "12px 28px" }}>
                        <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} style={{ fontSize: 14, lineHeight: "20px" }}>
                          <tbody>
                            {facts.map(([k, v]) => (
                              <tr key={k}>
                                <td style={{ padding: "6px 12px 6px 0", color: C.muted, whiteSpace: "nowrap", verticalAlign: "top", width: 130 }}>{k}</td>
                                <td style={{ padding: "6px 0", wordBreak: "break-word" }}>{v}</td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                        {children}
                      </td>
                    </tr>
                    {link && (
                      <tr>
                        <td style={{ padding: "8px 28px 24px" }}>
                          <a
                            href={link}
                            style={{
                              display: "inline-block",
                              background: C.text,
                              color: "#ffffff",
                              padding: "10px 16px",
                              borderRadius: 6,
                              fontSize: 14,
                              textDecoration: "none",
                            }}
                          >
                            View incident
                          </a>
                          {ackUrl && (
                            <a
                              href={ackUrl}
                              style={{
                                display: "inline-block",
                                marginLeft: 8,
                                background: "#ffffff",
                                color: C.text,
                                border: `1px solid ${C.border}`,
                                padding: "9px 15px",
                                borderRadius: 6,
                                fontSize: 14,
                                textDecoration: "none",
                              }}
                            >
                              Acknowledge
                            </a>
                          )}
                        </td>
                      </tr>
                    )}
                    <tr>
                      <td style={{ padding: "16px 28px", borderTop: `1px solid ${C.border}`, fontSize: 12, color: C.muted }}>
                        Sent by Vigil. You receive this because this address is an alert channel of the workspace; mute it on the Alerts page.
                      </td>
                    </tr>
                  </tbody>
                </table>
              </td>
            </tr>
          </tbody>
        </table>
      </body>
    </html>
  );
}
