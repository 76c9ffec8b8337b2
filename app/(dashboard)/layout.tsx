import type { ReactNode } from "react";
import { OpsBanner } from "@/components/ops-banner";
import { requireUser } from "@/lib/auth/guards";

// Checked here too so a signed-out visitor gets a real redirect status: a page below a loading.tsx
// boundary streams first and could only redirect with a <meta refresh>. Every page still calls
// requireUser() itself.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <>
      {user.role === "admin" ? <OpsBanner /> : null}
      {children}
    </>
  );
}
