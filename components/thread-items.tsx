import Link from "next/link";
import { AudioPlayer } from "@/components/audio-player";
import { formatDuration } from "@/lib/format/time";
import { describeParty } from "@/lib/format/phone-number";
import {
  AlertIcon,
  CheckIcon,
  ChevronRightIcon,
  ClockIcon,
  DownloadIcon,
  FileTextIcon,
  PaperclipIcon,
  SparklesIcon,
} from "@/components/icons";
import { LightboxThumb } from "@/components/lightbox";
import { LocalTime } from "@/components/local-time";
import { TONE_CHIP, describeCall, presentActivityStatus } from "@/components/status-presentation";
import type { ThreadCall, ThreadMedia, ThreadMessage } from "@/lib/conversations/queries";
import { formatBytes } from "@/lib/media/attachment-kind";

/** Chat bubbles and call cards of a conversation thread. Incoming on the left, outgoing on the right. */

function alignment(direction: "incoming" | "outgoing" | null): string {
  return direction === "outgoing" ? "items-end" : "items-start";
}

export function MessageBubble({ message, imageAlt }: { message: ThreadMessage; imageAlt: string }) {
  const outgoing = message.direction === "outgoing";
  const failed = presentActivityStatus("message", message.status)?.tone === "danger";
  const images = message.media.filter((m) => m.kind === "image");
  const audio = message.media.filter((m) => m.kind === "audio");
  const files = message.media.filter((m) => m.kind !== "image" && m.kind !== "audio");
  const label = `${outgoing ? "Sent" : "Received"} message`;

  return (
    <article
      aria-label={label}
      data-message-id={message.openphoneId}
      data-direction={message.direction}
      className={`flex flex-col gap-1 ${alignment(message.direction)}`}
    >
      <div className={`flex max-w-[88%] flex-col gap-1 sm:max-w-[72%] ${alignment(message.direction)}`}>
        {images.length > 0 ? (
          <div className={`grid gap-1 ${images.length > 1 ? "grid-cols-2" : "grid-cols-1"}`}>
            {images.map((image, i) => (
              <LightboxThumb
                key={image.id}
                image={{ id: image.id, url: image.url, alt: images.length > 1 ? `${imageAlt} (${i + 1} of ${images.length})` : imageAlt }}
                className={images.length > 1 ? "aspect-square w-32 sm:w-40" : "aspect-[4/3] w-60 sm:w-72"}
              />
            ))}
          </div>
        ) : null}
        {audio.map((clip) => (
          <div key={clip.id} className="w-72 max-w-full rounded-2xl bg-white p-2.5 shadow-xs ring-1 ring-zinc-950/10 dark:bg-zinc-900 dark:ring-white/10">
            <AudioPlayer sources={[{ id: clip.id, url: clip.url, duration: clip.duration }]} title="Audio message" variant="compact" />
          </div>
        ))}
        {files.map((file) => (
          <FileChip key={file.id} file={file} />
        ))}
        {message.text ? (
          <p
            className={[
              "rounded-2xl px-3.5 py-2 text-[15px] leading-6 break-words whitespace-pre-wrap",
              outgoing
                ? `rounded-br-md text-white ${failed ? "bg-indigo-600/60 dark:bg-indigo-500/40" : "bg-indigo-600 dark:bg-indigo-500"}`
                : "rounded-bl-md bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100",
            ].join(" ")}
          >
            {message.text}
          </p>
        ) : null}
      </div>
      <p className={`flex items-center gap-1.5 px-1 text-xs text-zinc-500 dark:text-zinc-400 ${failed ? "text-rose-700 dark:text-rose-300" : ""}`}>
        <LocalTime iso={message.occurredAt.toISOString()} format="clock" className="tabular-nums" />
        {outgoing ? <DeliveryStatus message={message} /> : null}
      </p>
    </article>
  );
}

function DeliveryStatus({ message }: { message: ThreadMessage }) {
  switch (message.status) {
    case "delivered":
      return (
        <span className="inline-flex items-center gap-0.5">
          <span aria-hidden="true">·</span>
          <CheckIcon className="size-3.5" />
          Delivered
        </span>
      );
    case "sent":
      return (
        <span className="inline-flex items-center gap-0.5">
          <span aria-hidden="true">·</span>
          Sent
        </span>
      );
    case "queued":
      return (
        <span className="inline-flex items-center gap-0.5">
          <span aria-hidden="true">·</span>
          <ClockIcon className="size-3.5" />
          Sending
        </span>
      );
    case "failed":
    case "undelivered": {
      const reason = [message.errorCode ? `Error ${message.errorCode}` : null, message.errorMessage].filter(Boolean).join(": ");
      return (
        <span className="inline-flex items-center gap-1 font-medium text-rose-700 dark:text-rose-300" role="status">
          <span aria-hidden="true" className="font-normal text-zinc-400">·</span>
          <AlertIcon className="size-3.5" />
          {message.status === "failed" ? "Failed" : "Not delivered"}
          {reason ? <span className="font-normal">({reason})</span> : null}
        </span>
      );
    }
    default:
      return null;
  }
}

function FileChip({ file }: { file: ThreadMedia }) {
  const size = formatBytes(file.size);
  const Icon = file.kind === "pdf" ? FileTextIcon : PaperclipIcon;
  return (
    <div className="flex w-72 max-w-full items-center gap-3 rounded-xl bg-white py-2 pr-2 pl-3 shadow-xs ring-1 ring-zinc-950/10 dark:bg-zinc-900 dark:ring-white/10">
      <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-rose-50 text-rose-600 ring-1 ring-rose-600/10 ring-inset dark:bg-rose-400/10 dark:text-rose-300 dark:ring-rose-400/20">
        <Icon className="size-4.5" />
      </span>
      <a href={file.url} target="_blank" rel="noopener" className="min-w-0 flex-1 hover:underline">
        <span className="block truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">{file.fileName}</span>
        <span className="block text-xs text-zinc-500 dark:text-zinc-400">
          {[file.kind === "pdf" ? "PDF" : (file.contentType ?? "File"), size].filter(Boolean).join(" · ")}
        </span>
      </a>
      <a
        href={`${file.url}?download=1`}
        download={file.fileName}
        aria-label={`Download ${file.fileName}`}
        className="inline-flex size-8 shrink-0 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-white/10 dark:hover:text-white"
      >
        <DownloadIcon className="size-4" />
      </a>
    </div>
  );
}

export function CallCard({ call }: { call: ThreadCall }) {
  const { title, outcome, Icon, tone } = describeCall(call);
  const chip = TONE_CHIP[tone];
  const facts = [outcome, call.duration ? formatDuration(call.duration) : null].filter(Boolean).join(" · ");
  const summary = call.summary?.lines.join(" ");
  return (
    <article aria-label={title} data-call-id={call.openphoneId} className={`flex flex-col ${alignment(call.direction)}`}>
      <div className="w-full max-w-md rounded-2xl border border-zinc-200 bg-white p-3.5 shadow-xs dark:border-white/10 dark:bg-zinc-900">
        <div className="flex items-start gap-3">
          <span className={`flex size-9 shrink-0 items-center justify-center rounded-full ring-1 ring-inset ${chip}`}>
            <Icon className="size-4" />
          </span>
          <div className="min-w-0 flex-1">
            <p className="text-sm font-medium text-zinc-950 dark:text-white">{title}</p>
            <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
              <span className="tabular-nums">{facts}</span>
              <span aria-hidden="true"> · </span>
              <LocalTime iso={call.occurredAt.toISOString()} format="clock" className="tabular-nums" />
              {call.forwardedTo ? <> · to {describeParty(call.forwardedTo).label}</> : null}
            </p>
          </div>
        </div>
        {summary ? (
          <p className="mt-3 flex gap-2 rounded-lg bg-zinc-50 px-3 py-2 text-sm leading-6 text-zinc-700 dark:bg-white/[0.03] dark:text-zinc-300">
            <SparklesIcon className="mt-1 size-3.5 shrink-0 text-violet-500 dark:text-violet-400" />
            <span className="line-clamp-3">{summary}</span>
          </p>
        ) : null}
        {call.recordings.length > 0 ? (
          <div className="mt-3">
            <AudioPlayer sources={call.recordings} title="Call recording" variant="compact" />
          </div>
        ) : call.voicemail ? (
          <div className="mt-3">
            <AudioPlayer sources={[call.voicemail]} title="Voicemail" variant="compact" />
          </div>
        ) : null}
        <div className="mt-3 flex items-center justify-between gap-2 border-t border-zinc-100 pt-2.5 dark:border-white/[0.06]">
          <span className="text-xs text-zinc-500 dark:text-zinc-400">
            {[call.recordings.length ? "Recording" : null, call.voicemail ? "Voicemail" : null, call.summary ? "Summary" : null, call.hasTranscript ? "Transcript" : null]
              .filter(Boolean)
              .join(" · ") || "No recording"}
          </span>
          <Link
            href={`/calls/${encodeURIComponent(call.openphoneId)}`}
            className="inline-flex items-center gap-0.5 rounded text-xs font-medium text-indigo-700 hover:text-indigo-900 dark:text-indigo-300 dark:hover:text-indigo-200"
          >
            Call details
            <ChevronRightIcon className="size-3.5" />
          </Link>
        </div>
      </div>
    </article>
  );
}
