"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { ArrowUpIcon } from "@/components/icons";

type Status = "connecting" | "live" | "reconnecting";

/** No heartbeat for this long means the connection is dead even if the browser has not noticed. */
const STALE_AFTER_MS = 45_000;
const MAX_RETRY_MS = 30_000;

/**
 * Live updates for the timeline: listens to GET /api/live (Server-Sent Events), and on each
 * `activity` event asks the API how many rows matching the current filters arrived since the page
 * was rendered. Shows "N new" instead of moving the list; clicking it loads the newest items.
 */
export function LiveUpdates({ latestId, apiQuery, firstPageHref }: { latestId: number; apiQuery: string; firstPageHref: string }) {
  const router = useRouter();
  const [status, setStatus] = useState<Status>("connecting");
  const [count, setCount] = useState(0);
  const latest = useRef(latestId);
  const query = useRef(apiQuery);

  useEffect(() => {
    latest.current = latestId;
    query.current = apiQuery;
    setCount(0);
  }, [latestId, apiQuery]);

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let checkTimer: ReturnType<typeof setTimeout> | undefined;
    let lastSeen = Date.now();
    let attempt = 0;
    let stopped = false;
    let everOpened = false;

    const check = async () => {
      const q = query.current;
      try {
        const response = await fetch(`/api/activity?${q ? `${q}&` : ""}after=${latest.current}&limit=100`, { headers: { accept: "application/json" } });
        if (!response.ok || stopped || q !== query.current) return;
        const page = (await response.json()) as { items: unknown[] };
        setCount(page.items.length);
      } catch {
        // offline: the next event or reconnect checks again
      }
    };
    const scheduleCheck = () => {
      clearTimeout(checkTimer);
      checkTimer = setTimeout(check, 250);
    };

    const open = () => {
      if (stopped) return;
      source?.close();
      const current = new EventSource("/api/live");
      source = current;
      lastSeen = Date.now();
      current.addEventListener("open", () => {
        attempt = 0;
        lastSeen = Date.now();
        setStatus("live");
        // Events sent while we were away are lost: look for new rows once.
        if (everOpened) scheduleCheck();
        everOpened = true;
      });
      current.addEventListener("heartbeat", () => (lastSeen = Date.now()));
      current.addEventListener("activity", () => {
        lastSeen = Date.now();
        scheduleCheck();
      });
      current.addEventListener("resync", scheduleCheck);
      current.addEventListener("error", () => {
        setStatus("reconnecting");
        // CONNECTING: the browser retries by itself. CLOSED (e.g. an HTTP error): we retry, backing off.
        if (current.readyState === EventSource.CLOSED) reconnectLater();
      });
    };
    const reconnectLater = () => {
      source?.close();
      clearTimeout(retryTimer);
      retryTimer = setTimeout(open, Math.min(MAX_RETRY_MS, 1000 * 2 ** attempt++));
    };

    const watchdog = setInterval(() => {
      if (Date.now() - lastSeen > STALE_AFTER_MS) {
        setStatus("reconnecting");
        lastSeen = Date.now();
        open();
      }
    }, 5_000);
    const onOffline = () => setStatus("reconnecting");
    const onOnline = () => open();
    window.addEventListener("offline", onOffline);
    window.addEventListener("online", onOnline);
    open();

    return () => {
      stopped = true;
      source?.close();
      clearTimeout(retryTimer);
      clearTimeout(checkTimer);
      clearInterval(watchdog);
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
    };
  }, []);

  function showNewest() {
    setCount(0);
    const href = firstPageHref;
    if (`${window.location.pathname}${window.location.search}` === href) router.refresh();
    else router.push(href);
    window.scrollTo({ top: 0, behavior: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
  }

  return (
    <>
      <span
        data-testid="live-status"
        data-status={status}
        className="inline-flex h-9 items-center gap-1.5 rounded-md px-2 text-xs font-medium text-zinc-500 dark:text-zinc-400"
      >
        <span
          aria-hidden="true"
          className={[
            "size-2 rounded-full",
            status === "live" ? "bg-emerald-500 shadow-[0_0_0_3px] shadow-emerald-500/20" : "",
            status === "reconnecting" ? "bg-amber-500 motion-safe:animate-pulse" : "",
            status === "connecting" ? "bg-zinc-300 dark:bg-zinc-600" : "",
          ].join(" ")}
        />
        {status === "live" ? "Live" : status === "reconnecting" ? "Reconnecting…" : "Connecting…"}
      </span>
      <div aria-live="polite" className="pointer-events-none fixed inset-x-0 top-3 z-40 flex justify-center md:top-5 md:pl-60">
        {count > 0 ? (
          <button
            type="button"
            onClick={showNewest}
            className="pointer-events-auto inline-flex items-center gap-1.5 rounded-full bg-indigo-600 py-1.5 pr-3.5 pl-3 text-sm font-medium text-white shadow-lg shadow-indigo-600/25 ring-1 ring-white/10 transition hover:bg-indigo-500 motion-safe:animate-[pill-in_180ms_ease-out] dark:bg-indigo-500 dark:hover:bg-indigo-400"
          >
            <ArrowUpIcon className="size-4" />
            {count >= 100 ? "99+" : count} new
            <span className="sr-only">{count === 1 ? " item" : " items"}: show the newest</span>
          </button>
        ) : null}
      </div>
    </>
  );
}
