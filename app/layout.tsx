import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Vigil — uptime monitoring", template: "%s · Vigil" },
  description: "Checks that fire on time, alerts that are never false and never lost, status pages your customers trust.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
