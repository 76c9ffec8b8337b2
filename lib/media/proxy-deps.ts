import "server-only";
import { env } from "../env";
import { readDemoFile } from "./demo-files";
import { createGuardedFetch, type MediaFetch } from "./guarded-fetch";
import type { ProxyDeps } from "./proxy";

let guardedFetch: MediaFetch | undefined;

/** The real dependencies of the media proxy for one incoming request. */
export function mediaProxyDeps(request: Request): ProxyDeps {
  const ownHosts = [request.headers.get("host"), safeHost(env().WEBHOOK_BASE_URL)].filter((h): h is string => !!h);
  const allowedHosts = env().MEDIA_ALLOWED_HOSTS;
  guardedFetch ??= createGuardedFetch({ allowedHosts });
  return {
    fetch: guardedFetch,
    allowedHosts,
    readLocalFile: readDemoFile,
    ownHosts,
    signal: request.signal,
    download: new URL(request.url).searchParams.get("download") === "1",
  };
}

function safeHost(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
