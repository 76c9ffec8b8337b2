import { formatPhoneNumber } from "@/lib/format/phone-number";
import type { AppDatabase } from "../db/types";
import { getTimelinePage } from "./page";
import type { TimelineItem } from "./queries";
import { decodeTimelineCursor, type TimelineCursor } from "../cursor";
import type { TimelineFilters } from "./filters";

/**
 * CSV export of a timeline filter: every matching row, newest first (or by relevance for a search),
 * read in keyset batches and streamed, so memory stays flat whatever the size.
 */

export const CSV_BATCH_SIZE = 500;

export const CSV_COLUMNS = [
  "occurred_at_utc",
  "occurred_at_local",
  "kind",
  "direction",
  "status",
  "contact",
  "contact_number",
  "inbox",
  "inbox_number",
  "duration_seconds",
  "attachments",
  "has_recording",
  "has_voicemail",
  "has_summary",
  "has_transcript",
  "text",
  "link",
] as const;

/**
 * One CSV field (RFC 4180). Spreadsheet apps run a cell that starts with = + - @ (or tab/CR) as a
 * formula (OWASP "CSV injection"), and some locales split cells on ; or tab, so every segment after
 * a , ; or tab gets a leading apostrophe too. Text is always quoted.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return String(value);
  const defused = value.replace(/(^|[;,\t\n])( *)(?=[=+\-@\t\r])/g, "$1$2'");
  return `"${defused.replaceAll('"', '""')}"`;
}

export function csvRow(values: (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

function localTime(iso: string, tz: string): string {
  // sv-SE formats as "2026-05-04 09:15:02", which spreadsheets read as a date-time.
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));
}

function itemLink(item: TimelineItem, baseUrl: string): string {
  if (item.call) return `${baseUrl}/calls/${encodeURIComponent(item.call.openphoneId)}`;
  if (item.conversationId !== null) return `${baseUrl}/conversations/${item.conversationId}`;
  return "";
}

function itemText(item: TimelineItem): string {
  if (item.message) return item.message.text ?? "";
  return item.preview;
}

export function timelineCsvRow(item: TimelineItem, tz: string, baseUrl: string): string {
  return csvRow([
    item.occurredAt,
    localTime(item.occurredAt, tz),
    item.kind === "call" && item.hasVoicemail ? "voicemail" : item.kind,
    item.direction,
    item.status,
    item.contact?.name ?? null,
    item.contact?.number ? formatPhoneNumber(item.contact.number) : null,
    item.inbox?.name ?? null,
    item.inbox?.number ? formatPhoneNumber(item.inbox.number) : null,
    item.call?.durationSeconds ?? null,
    item.message ? item.message.media.length : null,
    item.hasRecording,
    item.hasVoicemail,
    item.hasSummary,
    item.hasTranscript,
    itemText(item),
    itemLink(item, baseUrl),
  ]);
}

/** The export as a byte stream: a BOM (so spreadsheet apps read UTF-8), the header, then batches on demand. */
export function timelineCsvStream(
  db: AppDatabase,
  input: { filters: TimelineFilters; tz: string; baseUrl: string; batchSize?: number },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batchSize = input.batchSize ?? CSV_BATCH_SIZE;
  let cursor: TimelineCursor | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvRow([...CSV_COLUMNS])}`));
        return;
      }
      try {
        const page = await getTimelinePage(db, { filters: input.filters, cursor, limit: batchSize });
        if (page.items.length > 0) {
          controller.enqueue(encoder.encode(page.items.map((item) => timelineCsvRow(item, input.tz, input.baseUrl)).join("")));
        }
        cursor = decodeTimelineCursor(page.nextCursor ?? undefined);
        if (!cursor) controller.close();
      } catch (error) {
        // The 200 and the header row are already sent: end with a visible marker so a cut-off file
        // is never mistaken for a complete one, then fail the stream.
        console.error(JSON.stringify({ level: "error", msg: "csv export failed", error: String(error) }));
        controller.enqueue(encoder.encode(csvRow(["# export failed before the end; download it again"])));
        controller.error(error);
      }
    },
  });
}

/** `activity-2026-05-04.csv` (the day in the export's time zone). */
export function csvFileName(now: Date, tz: string): string {
  return `activity-${localTime(now.toISOString(), tz).slice(0, 10)}.csv`;
}
