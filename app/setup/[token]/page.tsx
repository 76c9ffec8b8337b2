import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth-card";
import { buttonClass } from "@/components/button-styles";
import { SetupForm } from "@/components/setup-form";
import { findSetupLink } from "@/lib/auth/setup-links";
import { getDatabase } from "@/lib/db";
import { completeFirstAdminSetup, completeSetPassword } from "./actions";

export const metadata: Metadata = { title: "Set up your account", referrer: "no-referrer" };

// Public: the one-time token in the URL is the credential (see lib/auth/setup-links.ts).
export default async function SetupPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await findSetupLink(getDatabase(), token, new Date());
  if (!link) {
    return (
      <AuthCard title="This link no longer works" description="Setup and invite links work once and expire after 24 hours.">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Ask an admin for a new link. Operators can make one with <code className="font-mono text-[13px]">npm run users -- reset-password --email … --link</code>.
        </p>
        <Link href="/login" className={`mt-6 w-full ${buttonClass("secondary")}`}>
          Go to sign in
        </Link>
      </AuthCard>
    );
  }
  return link.purpose === "first_admin" ? (
    <AuthCard title="Create the admin account" description="This is the first account of this inbox. Admins add everyone else.">
      <SetupForm action={completeFirstAdminSetup} token={token} purpose="first_admin" />
    </AuthCard>
  ) : (
    <AuthCard
      title={`Welcome${link.user.name ? `, ${link.user.name}` : ""}`}
      description={
        <>
          Choose a password for <span className="font-medium text-zinc-900 dark:text-white">{link.user.email}</span>.
        </>
      }
    >
      <SetupForm action={completeSetPassword} token={token} purpose="set_password" email={link.user.email} />
    </AuthCard>
  );
}
