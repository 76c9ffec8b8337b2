import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/guards";

// Checked here too so a signed-out visitor gets a real redirect status: a page below a loading.tsx
// boundary streams first and could only redirect with a <meta refresh>. Every page still calls
// requireUser() itself.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  await requireUser();
  return children;
}
