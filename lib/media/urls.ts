/**
 * Every media file (MMS attachment, call recording, voicemail) is shown through our own proxy,
 * never by its upstream URL: the browser only talks to our origin (CSP), access is checked per
 * request, and the upstream (OpenPhone's CDN) URL never reaches the page.
 */
export type MediaKind = "attachment" | "recording" | "voicemail";

export function mediaProxyUrl(kind: MediaKind, id: number): string {
  return `/api/media/${kind}/${id}`;
}
