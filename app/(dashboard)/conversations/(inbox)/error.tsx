"use client";

import { RouteError } from "@/components/route-error";

export default function ConversationsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError error={error} retry={retry} title="Conversations could not be loaded" backHref="/activity" backLabel="Go to Activity" />;
}
