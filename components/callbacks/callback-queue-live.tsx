"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

/**
 * Keeps the callback queue current: listens to GET /api/live (Server-Sent Events) and re-renders
 * the page from the server when activity arrives, so a callback (an outgoing call or text) takes
 * its missed calls off the list, and new missed calls appear. The browser's EventSource reconnects
 * by itself; after a reconnect the page re-renders once, since events may have been missed.
 */
export function CallbackQueueLive() {
  const router = useRouter();
  const [live, setLive] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let opened = false;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => router.refresh(), 200);
    };
    const source = new EventSource("/api/live");
    source.addEventListener("open", () => {
      setLive(true);
      if (opened) refresh();
      opened = true;
    });
    source.addEventListener("activity", refresh);
    source.addEventListener("resync", refresh);
    source.addEventListener("error", () => setLive(false));
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [router]);
  return (
    <span data-live={live ? "true" : "false"} className="inline-flex items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400">
      <span className={`size-1.5 rounded-full ${live ? "bg-emerald-500" : "bg-zinc-400"}`} aria-hidden="true" />
      {live ? "Live" : "Connecting…"}
    </span>
  );
}
