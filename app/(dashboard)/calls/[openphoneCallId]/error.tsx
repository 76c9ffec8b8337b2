"use client";

import { RouteError } from "@/components/route-error";

export default function CallError({ error, retry }: { error: unknown; retry: () => void }) {
  return <RouteError error={error} retry={retry} title="This call could not be loaded" backHref="/conversations" backLabel="Back to Conversations" />;
}
