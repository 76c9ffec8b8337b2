"use client";

import { useEffect } from "react";
import { AlertIcon, RetryIcon } from "@/components/icons";

/** The timeline could not load (database unavailable, unexpected error). Filters stay in the URL. */
export default function ActivityError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  // Server errors arrive with only a digest (the message stays in the server log).
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <div role="alert" className="flex flex-col items-start py-16">
      <span className="flex size-10 items-center justify-center rounded-lg bg-rose-50 text-rose-600 ring-1 ring-rose-600/15 dark:bg-rose-400/10 dark:text-rose-300 dark:ring-rose-400/20">
        <AlertIcon className="size-5" />
      </span>
      <h1 className="mt-4 text-2xl font-semibold tracking-tight text-zinc-950 dark:text-white">The timeline could not load</h1>
      <p className="mt-2 max-w-md text-sm text-zinc-600 dark:text-zinc-400">
        Nothing is lost: webhooks keep being stored. If the database was briefly unavailable, trying again usually works.
      </p>
      {digest ? (
        <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
          Reference for the server log: <code className="font-mono">{digest}</code>
        </p>
      ) : null}
      <div className="mt-6 flex gap-2">
        <button
          type="button"
          onClick={() => retry()}
          className="inline-flex h-9 items-center gap-2 rounded-md bg-zinc-900 px-3.5 text-sm font-medium text-white shadow-xs hover:bg-zinc-700 dark:bg-white dark:text-zinc-900 dark:hover:bg-zinc-200"
        >
          <RetryIcon className="size-4" />
          Try again
        </button>
        <a href="/activity" className="inline-flex h-9 items-center rounded-md px-3.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-white/5">
          Clear filters
        </a>
      </div>
    </div>
  );
}
