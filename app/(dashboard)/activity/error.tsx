"use client";

import { RouteError } from "@/components/route-error";

/** The timeline could not load (database unavailable, unexpected error). Filters stay in the URL. */
export default function ActivityError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <RouteError
      error={error}
      retry={retry}
      title="The timeline could not load"
      description="Nothing is lost: webhooks keep being stored. If the database was briefly unavailable, trying again usually works."
      backHref="/activity"
      backLabel="Clear filters"
    />
  );
}
