"use client";

import { useEffect, useRef, useState } from "react";
import { ImageIcon } from "@/components/icons";

/** A lazy image thumbnail through the media proxy; a quiet placeholder when it cannot load. */
export function MediaThumbnail({ src, alt }: { src: string; alt: string }) {
  const [failed, setFailed] = useState(false);
  const ref = useRef<HTMLImageElement>(null);
  useEffect(() => {
    // An error before hydration fired no React handler: check once on mount.
    const img = ref.current;
    if (img && img.complete && img.naturalWidth === 0) setFailed(true);
  }, []);
  const frame =
    "block size-16 overflow-hidden rounded-lg bg-zinc-100 ring-1 ring-zinc-950/10 ring-inset sm:size-[4.5rem] dark:bg-white/5 dark:ring-white/10";
  if (failed) {
    return (
      <span role="img" aria-label={`${alt} (unavailable)`} className={`${frame} flex items-center justify-center text-zinc-400 dark:text-zinc-500`}>
        <ImageIcon className="size-5" />
      </span>
    );
  }
  return (
    <span className={frame}>
      {/* Proxied media sized by CSS; next/image would fetch it again through its optimizer. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img ref={ref} src={src} alt={alt} loading="lazy" decoding="async" onError={() => setFailed(true)} className="size-full object-cover" />
    </span>
  );
}
