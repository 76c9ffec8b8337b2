import Link from "next/link";

export default function CallNotFound() {
  return (
    <div className="flex flex-col items-start py-16 sm:py-24">
      <p className="text-sm font-semibold text-indigo-600 dark:text-indigo-400">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-zinc-950 dark:text-white">Call not found</h1>
      <p className="mt-2 max-w-md text-sm text-zinc-600 dark:text-zinc-400">
        No call with this ID has reached this app. If it just happened, OpenPhone may still be delivering its events.
      </p>
      <Link
        href="/conversations"
        className="mt-6 inline-flex h-9 items-center rounded-md bg-zinc-900 px-3.5 text-sm font-medium text-white shadow-xs hover:bg-zinc-700 dark:bg-white dark:text-zinc-900 dark:hover:bg-zinc-200"
      >
        Back to Conversations
      </Link>
    </div>
  );
}
