import "server-only";
import { cache } from "react";
import { getConversation } from "@/lib/conversations/queries";
import { getDatabase } from "@/lib/db";

/** One read per request, shared by the layout (404 check), generateMetadata and the page. */
export const loadConversation = cache(async (rawId: string) => {
  const id = /^\d{1,9}$/.test(rawId) ? Number(rawId) : null;
  return id ? getConversation(getDatabase(), id) : null;
});
