import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/badge";
import { ARTIFACT_KIND_LABELS, CALL_OUTCOMES, PIECE_LOOKS, TONE_CHIP, presentActivityStatus, type IconComponent } from "@/components/status-presentation";
import { describeParty, formatPhoneNumber } from "@/lib/format/phone-number";
import { formatClockTime, formatDateTimeFull, formatDateTimeMedium, formatDuration, formatDurationWords } from "@/lib/format/time";
import {
  AlertIcon,
  ArrowDownLeftIcon,
  ArrowUpRightIcon,
  ClockIcon,
  ConversationsIcon,
  FileTextIcon,
  FunnelIcon,
  MessageIcon,
  PaperclipIcon,
  PhoneIcon,
  SparklesIcon,
  TranscriptIcon,
  VoicemailIcon,
  WaveformIcon,
} from "@/components/icons";
import type { TimelineItem as Item } from "@/lib/timeline/queries";
import { mediaProxyUrl } from "@/lib/media/urls";
import { HighlightedText } from "./highlighted-text";
import { MediaThumbnail } from "./media-thumbnail";

const ROW_ACTION =
  "inline-flex size-6 items-center justify-center rounded text-zinc-400 hover:bg-zinc-200/60 hover:text-zinc-700 dark:text-zinc-500 dark:hover:bg-white/10 dark:hover:text-zinc-200";

/** Where a row leads: a call to its call page, a message to its conversation. */
export function itemHref(item: Item): string | null {
  if (item.call) return `/calls/${encodeURIComponent(item.call.openphoneId)}`;
  if (item.conversationId !== null) return `/conversations/${item.conversationId}`;
  return null;
}

export function counterpartLabel(item: Item): string {
  // A group thread's "number" is its participants, comma-joined.
  return item.contact?.name ?? (item.contact?.number ? item.contact.number.split(",").map(formatPhoneNumber).join(", ") : "Unknown number");
}

function inboxLabel(item: Item): string | null {
  if (!item.inbox) return null;
  return item.inbox.name ?? (item.inbox.number ? formatPhoneNumber(item.inbox.number) : null);
}

const MESSAGE_CHIP = "bg-sky-50 text-sky-600 ring-sky-600/15 dark:bg-sky-400/10 dark:text-sky-300 dark:ring-sky-400/20";

/** A message shows the kind's colour until it fails; a call its outcome's (still-ringing calls look live). */
function kindIcon(item: Item): { Icon: IconComponent; tone: string } {
  const status = presentActivityStatus(item.kind, item.status);
  if (item.kind === "message") {
    return status?.tone === "danger" ? { Icon: status.Icon, tone: TONE_CHIP.danger } : { Icon: MessageIcon, tone: MESSAGE_CHIP };
  }
  const { Icon, tone } = status ?? CALL_OUTCOMES.ringing;
  return { Icon, tone: TONE_CHIP[tone] };
}

/** "Incoming call", "Outgoing message"… */
export function kindLabel(item: Item): string {
  const what = item.kind === "message" ? "message" : item.status === "voicemail" || item.hasVoicemail ? "call · voicemail" : "call";
  if (!item.direction) return what.charAt(0).toUpperCase() + what.slice(1);
  return `${item.direction === "incoming" ? "Incoming" : "Outgoing"} ${what}`;
}

/** What a row says when there is no text to show. */
function fallbackText(item: Item): string {
  if (item.kind === "message") {
    const n = item.message?.media.length ?? 0;
    return n > 0 ? `${n} attachment${n === 1 ? "" : "s"}` : "Empty message";
  }
  switch (item.status) {
    case "missed":
      return item.direction === "outgoing" ? "No answer" : "Missed call, no voicemail";
    case "voicemail":
      return item.call?.voicemailSeconds != null ? `Left a ${formatDuration(item.call.voicemailSeconds)} voicemail` : "Left a voicemail";
    case "forwarded":
      return item.call?.forwardedTo ? `Forwarded to ${describeParty(item.call.forwardedTo).label}` : "Forwarded";
    case "ringing":
      return "Ringing…";
    case "in_progress":
      return "Call in progress";
    default:
      return item.hasSummary ? "Summary pending" : "No summary yet";
  }
}

function Chip({ Icon, children, tone = "neutral" }: { Icon: IconComponent; children: ReactNode; tone?: "neutral" | "accent" | "muted" }) {
  return (
    <span
      className={[
        "inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 text-xs whitespace-nowrap",
        tone === "accent"
          ? "bg-indigo-50 text-indigo-700 dark:bg-indigo-400/10 dark:text-indigo-300"
          : tone === "muted"
            ? "text-zinc-500 ring-1 ring-zinc-200 ring-inset dark:text-zinc-400 dark:ring-white/10"
            : "bg-zinc-100 text-zinc-600 dark:bg-white/5 dark:text-zinc-400",
      ].join(" ")}
    >
      <Icon className="size-3 shrink-0" />
      {children}
    </span>
  );
}

/**
 * One message or call. The name is the row's link (stretched over the whole row, so a click
 * anywhere opens it); secondary links sit above it. Pure: rendered by the server and the client feed.
 */
export function TimelineRow({
  item,
  tz,
  contactFilterHref,
  showDate = false,
}: {
  item: Item;
  tz: string;
  contactFilterHref: string | null;
  /** Outside day groups (search results) the time needs its date. */
  showDate?: boolean;
}) {
  const { Icon, tone } = kindIcon(item);
  const status = presentActivityStatus(item.kind, item.status);
  const href = itemHref(item);
  const name = counterpartLabel(item);
  const inbox = inboxLabel(item);
  const date = new Date(item.occurredAt);
  const images = item.message?.media.filter((m) => m.kind === "image") ?? [];
  const files = item.message?.media.filter((m) => m.kind !== "image") ?? [];
  const failed = item.kind === "message" && (item.status === "failed" || item.status === "undelivered");
  const text = item.snippet ? <HighlightedText snippet={item.snippet} /> : item.preview || null;
  const DirectionIcon = item.direction === "outgoing" ? ArrowUpRightIcon : ArrowDownLeftIcon;
  const awaiting = item.call?.awaiting ?? [];
  const hasChips = Boolean(item.call?.durationSeconds) || item.hasRecording || item.hasVoicemail || item.hasSummary || item.hasTranscript || awaiting.length > 0;
  // Calls open their call page; the conversation is a secondary link (messages open it directly).
  const conversationHref = item.call && item.conversationId !== null ? `/conversations/${item.conversationId}` : null;

  return (
    <li
      data-timeline-item
      data-id={item.id}
      className="group relative flex scroll-mt-24 gap-3 px-4 py-3.5 transition-colors hover:bg-zinc-50/80 has-[[data-timeline-link]:focus-visible]:bg-indigo-50/70 has-[[data-timeline-link]:focus-visible]:shadow-[inset_2px_0_0_var(--color-indigo-500)] sm:gap-3.5 sm:px-5 dark:hover:bg-white/[0.025] dark:has-[[data-timeline-link]:focus-visible]:bg-indigo-400/[0.08] dark:has-[[data-timeline-link]:focus-visible]:shadow-[inset_2px_0_0_var(--color-indigo-400)]"
    >
      <span className={`mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-full ring-1 ring-inset sm:size-9 ${tone}`}>
        <Icon className="size-4" />
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline gap-2">
          <div className="flex min-w-0 flex-1 flex-wrap items-center gap-x-2 gap-y-0.5">
            {href ? (
              <Link
                href={href}
                prefetch={false}
                data-timeline-link
                className="truncate text-sm font-semibold text-zinc-950 outline-none after:absolute after:inset-0 after:content-[''] dark:text-white"
              >
                {name}
                <span className="sr-only">, {kindLabel(item).toLowerCase()}</span>
              </Link>
            ) : (
              <span className="truncate text-sm font-semibold text-zinc-950 dark:text-white">{name}</span>
            )}
            <span className="inline-flex items-center gap-1 text-xs whitespace-nowrap text-zinc-500 dark:text-zinc-400">
              <DirectionIcon className="size-3.5 shrink-0" />
              {kindLabel(item)}
            </span>
            {status ? <Badge tone={status.tone}>{status.label}</Badge> : null}
            {contactFilterHref || conversationHref ? (
              <span className="relative z-10 -my-1 inline-flex items-center gap-0.5 opacity-0 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100 [@media(hover:none)]:opacity-100">
                {conversationHref ? (
                  <Link href={conversationHref} prefetch={false} className={ROW_ACTION} title="Open the conversation">
                    <ConversationsIcon className="size-3.5" />
                    <span className="sr-only">Open the conversation with {name}</span>
                  </Link>
                ) : null}
                {contactFilterHref ? (
                  <Link href={contactFilterHref} prefetch={false} className={ROW_ACTION} title={`Only activity with ${name}`}>
                    <FunnelIcon className="size-3.5" />
                    <span className="sr-only">Only activity with {name}</span>
                  </Link>
                ) : null}
              </span>
            ) : null}
          </div>
          <span className="flex shrink-0 items-baseline gap-1.5 text-xs whitespace-nowrap text-zinc-500 tabular-nums dark:text-zinc-400">
            {inbox ? (
              <span className="hidden max-w-40 truncate sm:inline">
                <span className="sr-only">Inbox: </span>
                {inbox}
                <span aria-hidden="true" className="pl-1.5 text-zinc-300 dark:text-zinc-600">
                  ·
                </span>
              </span>
            ) : null}
            <time dateTime={item.occurredAt} title={formatDateTimeFull(date, tz)}>
              {showDate ? formatDateTimeMedium(date, tz) : formatClockTime(date, tz)}
            </time>
          </span>
        </div>

        <p
          className={`mt-1 line-clamp-3 text-sm break-words sm:line-clamp-2 ${text ? "text-zinc-700 dark:text-zinc-300" : "text-zinc-500 italic dark:text-zinc-500"}`}
        >
          {text ?? fallbackText(item)}
        </p>

        {failed && (item.message?.errorMessage || item.message?.errorCode) ? (
          <p className="mt-1 flex items-center gap-1 text-xs text-rose-600 dark:text-rose-400">
            <AlertIcon className="size-3.5 shrink-0" />
            Not delivered: {item.message.errorMessage ?? item.message.errorCode}
          </p>
        ) : null}

        {images.length > 0 || files.length > 0 ? (
          <ul aria-label="Attachments" className="mt-2 flex flex-wrap items-center gap-2">
            {images.slice(0, 4).map((media, i) => (
              <li key={media.id}>
                <MediaThumbnail src={mediaProxyUrl("attachment", media.id)} alt={`Image ${i + 1} from ${name}`} />
              </li>
            ))}
            {images.length > 4 ? <li className="text-xs text-zinc-500 dark:text-zinc-400">+{images.length - 4} more</li> : null}
            {files.map((media) => (
              <li key={media.id}>
                <a
                  href={mediaProxyUrl("attachment", media.id)}
                  className="relative z-10 inline-flex max-w-56 items-center gap-1.5 rounded-md bg-white px-2 py-1 text-xs font-medium text-zinc-700 shadow-xs ring-1 ring-zinc-950/10 ring-inset hover:bg-zinc-50 dark:bg-white/5 dark:text-zinc-300 dark:ring-white/10 dark:hover:bg-white/10"
                >
                  {media.kind === "pdf" ? <FileTextIcon className="size-3.5 shrink-0 text-rose-500" /> : <PaperclipIcon className="size-3.5 shrink-0" />}
                  <span className="truncate">{media.name}</span>
                </a>
              </li>
            ))}
          </ul>
        ) : null}

        {hasChips ? (
          <div className="mt-2 flex flex-wrap items-center gap-1.5">
            {item.call?.durationSeconds ? (
              <Chip Icon={ClockIcon}>
                <span aria-hidden="true">{formatDuration(item.call.durationSeconds)}</span>
                <span className="sr-only">{formatDurationWords(item.call.durationSeconds)}</span>
              </Chip>
            ) : null}
            {item.hasRecording ? (
              <Chip Icon={WaveformIcon} tone="accent">
                Recording
              </Chip>
            ) : null}
            {item.hasVoicemail ? (
              <Chip Icon={VoicemailIcon} tone="accent">
                Voicemail{item.call?.voicemailSeconds != null ? ` ${formatDuration(item.call.voicemailSeconds)}` : ""}
              </Chip>
            ) : null}
            {item.hasSummary ? <Chip Icon={SparklesIcon}>Summary</Chip> : null}
            {item.hasTranscript ? <Chip Icon={TranscriptIcon}>Transcript</Chip> : null}
            {awaiting.map((piece) => {
              const look = PIECE_LOOKS[piece.unavailable ? "unavailable" : "waiting"];
              return (
                <Chip key={piece.kind} Icon={look.Icon} tone="muted">
                  {ARTIFACT_KIND_LABELS[piece.kind]} {piece.unavailable ? "not available" : "pending"}
                </Chip>
              );
            })}
          </div>
        ) : null}
        {inbox ? (
          <p className="mt-1.5 flex items-center gap-1 text-xs text-zinc-500 sm:hidden dark:text-zinc-400">
            <PhoneIcon className="size-3 shrink-0" />
            <span className="sr-only">Inbox: </span>
            {inbox}
          </p>
        ) : null}
      </div>
    </li>
  );
}
