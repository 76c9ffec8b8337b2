import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin-nav";
import { OpsBanner } from "@/components/ops-banner";
import { requireAdmin } from "@/lib/auth/guards";

// The layout's check makes the status code real (403/redirect before anything streams); every
// admin page and action still calls requireAdmin() itself.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdmin();
  return (
    <>
      <OpsBanner />
      <AdminNav />
      {children}
    </>
  );
}
