/** Where OpenPhone must deliver webhooks; keeps any path prefix of the public base URL (e.g. behind a proxy). */
export const WEBHOOK_PATH = "/api/webhooks/openphone";

export function webhookEndpointUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${WEBHOOK_PATH}`;
}

/** OpenPhone delivers over the internet: a localhost or private-network base URL cannot receive it. */
export function isLocalUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host === "[::1]" ||
    /^127\./.test(host) ||
    /^10\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    host === "0.0.0.0"
  );
}
