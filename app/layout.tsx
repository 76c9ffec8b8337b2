import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell";
import { getCurrentUser } from "@/lib/auth/guards";
import { countCallbackQueue } from "@/lib/callbacks/queue";
import { getDatabase } from "@/lib/db";
import { NONCE_HEADER } from "@/lib/auth/security-headers";
import { THEME_INIT_SCRIPT } from "@/lib/theme";
import { signOut, signOutEverywhere } from "./login/actions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "OpenPhone Inbox", template: "%s · OpenPhone Inbox" },
  description: "Messages, calls, recordings, summaries and transcripts from your OpenPhone workspace.",
  robots: { index: false, follow: false },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafafa" },
    { media: "(prefers-color-scheme: dark)", color: "#111113" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // proxy.ts puts a fresh nonce in the CSP of every page; the inline theme script must carry it.
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  // Signed-out pages (/login, /setup/…) render without the shell. This is not the access check:
  // every page calls requireUser()/requireAdmin() itself.
  const user = await getCurrentUser();
  const callbackCount = user ? await countCallbackQueue(getDatabase()) : 0;
  return (
    // The <head> script adds the `dark` class before React hydrates; the mismatch is expected.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_INIT_SCRIPT }} />
      </head>
      <body className="min-h-dvh bg-white font-sans text-zinc-900 antialiased dark:bg-[#111113] dark:text-zinc-100">
        {user ? (
          <AppShell
            user={user}
            signOut={signOut.bind(null, undefined)}
            signOutEverywhere={signOutEverywhere.bind(null, undefined)}
            callbackCount={callbackCount}
          >
            {children}
          </AppShell>
        ) : (
          <main id="main" tabIndex={-1} className="outline-none">
            {children}
          </main>
        )}
      </body>
    </html>
  );
}
