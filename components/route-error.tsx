"use client";

import Link from "next/link";
import { useEffect } from "react";
import { AlertIcon, RetryIcon } from "@/components/icons";

/** Body of a segment's error.tsx: what failed, a retry, and a way back. Server errors arrive with only a digest. */
export function RouteError({
  error,
  retry,
  title,
  description = "Something went wrong while loading this page. If the database was briefly unavailable, trying again usually works.",
  backHref,
  backLabel,
}: {
  error: unknown;
  retry: () => void;
  title: string;
  description?: string;
  backHref?: string;
  backLabel?: string;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <div role="alert" className="flex flex-col items-start py-16 sm:py-20">
      <span className="flex size-10 items-center justify-center rounded-lg bg-rose-50 text-rose-600 ring-1 ring-rose-600/15 dark:bg-rose-400/10 dark:text-rose-300 dark:ring-rose-400/20">
        <AlertIcon className="size-5" />
      </span>
      <h1 className="mt-4 text-2xl font-semibold tracking-tight text-zinc-950 dark:text-white">{title}</h1>
      <p className="mt-2 max-w-md text-sm text-zinc-600 dark:text-zinc-400">{description}</p>
      {digest ? (
        <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
          Reference for the server log: <code className="font-mono">{digest}</code>
        </p>
      ) : null}
      <div className="mt-6 flex items-center gap-3">
        <button
          type="button"
          onClick={() => retry()}
          className="inline-flex h-9 items-center gap-2 rounded-md bg-zinc-900 px-3.5 text-sm font-medium text-white shadow-xs hover:bg-zinc-700 dark:bg-white dark:text-zinc-900 dark:hover:bg-zinc-200"
        >
          <RetryIcon className="size-4" />
          Try again
        </button>
        {backHref ? (
          <Link href={backHref} className="text-sm font-medium text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white">
            {backLabel}
          </Link>
        ) : null}
      </div>
    </div>
  );
}
