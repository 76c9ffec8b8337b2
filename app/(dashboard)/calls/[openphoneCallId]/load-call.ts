import "server-only";
import { cache } from "react";
import { getCallDetail } from "@/lib/calls/detail";
import { getCallCompleteness } from "@/lib/completeness/queries";
import { getDatabase } from "@/lib/db";

/** One read per request, shared by the layout (404 check), generateMetadata and the page. */
export const loadCall = cache(async (raw: string) => {
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    return null;
  }
  return id.length > 0 && id.length <= 128 ? getCallDetail(getDatabase(), id) : null;
});

/** The completeness line of the call page (what has arrived, what the watch still waits for). */
export async function loadCallCompleteness(openphoneCallId: string, now: Date) {
  return getCallCompleteness(getDatabase(), openphoneCallId, now);
}
