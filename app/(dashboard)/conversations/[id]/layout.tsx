import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/guards";
import { loadConversation } from "./load-conversation";

// Outside the page's loading boundary, so an unknown id answers a real 404 (and signed-out visitors a redirect).
export default async function ConversationLayout({ params, children }: { params: Promise<{ id: string }>; children: ReactNode }) {
  await requireUser();
  if (!(await loadConversation((await params).id))) notFound();
  return children;
}
