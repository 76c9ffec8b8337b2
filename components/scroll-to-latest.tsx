"use client";

import { useEffect, useRef } from "react";

/** Placed after a thread's newest item: brings it into view on arrival, like a messaging app. */
export function ScrollToLatest() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Not when the visitor came back to a scrolled position or followed an anchor.
    if (window.location.hash || window.scrollY > 0) return;
    ref.current?.scrollIntoView({ block: "end" });
  }, []);
  return <div ref={ref} aria-hidden="true" />;
}
