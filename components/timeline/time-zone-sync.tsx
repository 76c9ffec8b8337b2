"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { TZ_COOKIE } from "@/lib/time-zone";

/**
 * The server renders times and day groups in the zone of the `tz` cookie. This leaf writes the
 * browser's zone into that cookie and, when it differs from what the server used, re-renders once.
 */
export function TimeZoneSync({ serverTz }: { serverTz: string }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) return;
    const stored = document.cookie.split("; ").find((c) => c.startsWith(`${TZ_COOKIE}=`))?.slice(TZ_COOKIE.length + 1);
    if (stored !== encodeURIComponent(zone)) {
      document.cookie = `${TZ_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    }
    if (zone !== serverTz) router.refresh();
  }, [router, serverTz]);
  return null;
}
