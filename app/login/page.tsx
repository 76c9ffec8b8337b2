import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { SignInForm } from "@/components/sign-in-form";
import { getCurrentUser } from "@/lib/auth/guards";
import { isSafeNextPath } from "@/lib/auth/paths";
import { signIn } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

// Public: the one page a signed-out visitor may see (besides /setup/<token>).
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const raw = (await searchParams).next;
  const next = typeof raw === "string" && isSafeNextPath(raw) && !raw.startsWith("/login") ? raw : undefined;
  if (await getCurrentUser()) redirect(next ?? "/activity");
  return (
    <AuthCard
      title="Sign in"
      description="Messages, calls and recordings from your OpenPhone workspace."
      footer="Forgot your password? Ask an admin to send you a reset link."
    >
      <SignInForm action={signIn} next={next} />
    </AuthCard>
  );
}
