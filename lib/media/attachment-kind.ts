/** How an attachment is shown: images inline (lightbox), audio/video with a player, the rest as file chips. */
export type AttachmentKind = "image" | "audio" | "video" | "pdf" | "file";

const EXTENSION_TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  heic: "image/heic",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  wav: "audio/wav",
  ogg: "audio/ogg",
  amr: "audio/amr",
  mp4: "video/mp4",
  mov: "video/quicktime",
  "3gp": "video/3gpp",
  pdf: "application/pdf",
  vcf: "text/vcard",
  txt: "text/plain",
};

function lastPathSegment(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
  } catch {
    return "";
  }
}

function extensionOf(name: string): string {
  const match = /\.([a-z0-9]{1,5})$/i.exec(name);
  return match ? match[1]!.toLowerCase() : "";
}

/** The stored content type, else a guess from the URL's extension, else null. */
export function resolveContentType(contentType: string | null, url: string): string | null {
  const stored = contentType?.split(";")[0]?.trim().toLowerCase();
  if (stored && stored !== "application/octet-stream") return stored;
  return EXTENSION_TYPES[extensionOf(lastPathSegment(url))] ?? stored ?? null;
}

export function attachmentKind(contentType: string | null): AttachmentKind {
  const type = contentType ?? "";
  // SVG can carry script: never rendered inline, always a download.
  if (type.startsWith("image/") && type !== "image/svg+xml") return "image";
  if (type.startsWith("audio/")) return "audio";
  if (type.startsWith("video/")) return "video";
  if (type === "application/pdf") return "pdf";
  return "file";
}

const KIND_NAMES: Record<AttachmentKind, string> = { image: "Image", audio: "Audio", video: "Video", pdf: "Document", file: "File" };

/**
 * A human file name for a download chip: the URL's last segment when it looks like a file name
 * (never the URL itself), otherwise "Attachment 2.pdf".
 */
export function attachmentFileName(url: string, contentType: string | null, position: number): string {
  const segment = lastPathSegment(url);
  if (/^[\w][\w .()-]{0,80}\.[a-z0-9]{1,5}$/i.test(segment)) return segment;
  const type = resolveContentType(contentType, url);
  const extension = Object.entries(EXTENSION_TYPES).find(([, t]) => t === type)?.[0];
  return `${KIND_NAMES[attachmentKind(type)]} ${position + 1}${extension ? `.${extension}` : ""}`;
}

/** "2.6 KB", "1.2 MB" */
export function formatBytes(bytes: number | null): string | null {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return null;
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
