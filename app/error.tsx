"use client";

import { RouteError } from "@/components/route-error";

/** Error boundary for every page below the root layout. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <RouteError
      error={error}
      retry={retry}
      title="Something went wrong"
      description="This page could not be loaded. If the database was briefly unavailable, trying again usually works."
    />
  );
}
