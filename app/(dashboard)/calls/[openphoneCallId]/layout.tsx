import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/guards";
import { loadCall } from "./load-call";

// Outside the page's loading boundary, so an unknown call id answers a real 404 (and signed-out visitors a redirect).
export default async function CallLayout({ params, children }: { params: Promise<{ openphoneCallId: string }>; children: ReactNode }) {
  await requireUser();
  if (!(await loadCall((await params).openphoneCallId))) notFound();
  return children;
}
