"use client";

import { RouteError } from "@/components/route-error";

export default function ConversationError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError error={error} retry={retry} title="This conversation could not be loaded" backHref="/conversations" backLabel="Back to Conversations" />;
}
