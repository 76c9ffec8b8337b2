import type { ComponentType } from "react";
import { Badge, formatStatus, statusTone } from "@/components/badge";
import { formatDateTime, formatPhoneNumber } from "@/components/format";
import {
  ArrowDownLeftIcon,
  ArrowUpRightIcon,
  MessageIcon,
  PaperclipIcon,
  PhoneIcon,
  PhoneMissedIcon,
  SparklesIcon,
  TranscriptIcon,
  VoicemailIcon,
  WaveformIcon,
} from "@/components/icons";
import type { RecentActivity } from "@/lib/activity/queries";

type IconComponent = ComponentType<{ className?: string }>;

/** Reverse-chronological list of timeline rows (interim view until the full timeline lands). */
export function ActivityList({ activities }: { activities: RecentActivity[] }) {
  return (
    <ul
      aria-label="Recent activity"
      className="divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs dark:divide-white/10 dark:border-white/10 dark:bg-zinc-900"
    >
      {activities.map((activity) => (
        <ActivityRow key={activity.id} activity={activity} />
      ))}
    </ul>
  );
}

function ActivityRow({ activity }: { activity: RecentActivity }) {
  const { Icon, tone } = kindIcon(activity);
  const counterpart = counterpartName(activity);
  const attachments = attachmentChips(activity);
  return (
    <li className="flex gap-3.5 px-4 py-3.5 transition-colors hover:bg-zinc-50 sm:px-5 dark:hover:bg-white/[0.02]">
      <span className={`mt-0.5 flex size-9 shrink-0 items-center justify-center rounded-full ring-1 ring-inset ${tone}`}>
        <Icon className="size-4" />
        <span className="sr-only">{activity.kind === "message" ? "Message" : "Call"}</span>
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span className="truncate text-sm font-medium text-zinc-950 dark:text-white">{counterpart}</span>
          {activity.direction ? <Direction direction={activity.direction} /> : null}
          {activity.status ? <Badge tone={statusTone(activity.status)}>{formatStatus(activity.status)}</Badge> : null}
        </div>
        <p className="mt-1 line-clamp-2 text-sm text-zinc-600 dark:text-zinc-400">
          {activity.preview || <span className="text-zinc-500 dark:text-zinc-500">{fallbackPreview(activity)}</span>}
        </p>
        {attachments.length > 0 ? (
          <ul aria-label="Attachments" className="mt-2 flex flex-wrap gap-1.5">
            {attachments.map(({ label, Icon: ChipIcon }) => (
              <li
                key={label}
                className="inline-flex items-center gap-1 rounded-md bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-600 dark:bg-white/5 dark:text-zinc-400"
              >
                <ChipIcon className="size-3" />
                {label}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <time
        dateTime={activity.occurredAt.toISOString()}
        className="shrink-0 pt-0.5 text-xs whitespace-nowrap text-zinc-500 tabular-nums dark:text-zinc-400"
      >
        {formatDateTime(activity.occurredAt)}
      </time>
    </li>
  );
}

function Direction({ direction }: { direction: "incoming" | "outgoing" }) {
  const Icon = direction === "incoming" ? ArrowDownLeftIcon : ArrowUpRightIcon;
  return (
    <span className="inline-flex items-center gap-0.5 text-xs text-zinc-500 dark:text-zinc-400">
      <Icon className="size-3.5" />
      {direction === "incoming" ? "Incoming" : "Outgoing"}
    </span>
  );
}

function kindIcon(activity: RecentActivity): { Icon: IconComponent; tone: string } {
  if (activity.kind === "message") {
    return { Icon: MessageIcon, tone: "bg-indigo-50 text-indigo-600 ring-indigo-600/15 dark:bg-indigo-400/10 dark:text-indigo-300 dark:ring-indigo-400/20" };
  }
  if (activity.status === "missed") {
    return { Icon: PhoneMissedIcon, tone: "bg-rose-50 text-rose-600 ring-rose-600/15 dark:bg-rose-400/10 dark:text-rose-300 dark:ring-rose-400/20" };
  }
  if (activity.status === "voicemail") {
    return { Icon: VoicemailIcon, tone: "bg-amber-50 text-amber-700 ring-amber-600/15 dark:bg-amber-400/10 dark:text-amber-300 dark:ring-amber-400/20" };
  }
  return { Icon: PhoneIcon, tone: "bg-emerald-50 text-emerald-600 ring-emerald-600/15 dark:bg-emerald-400/10 dark:text-emerald-300 dark:ring-emerald-400/20" };
}

function counterpartName(activity: RecentActivity): string {
  const contact = activity.contact;
  const name = [contact?.firstName, contact?.lastName].filter(Boolean).join(" ");
  const number = activity.conversation?.participant ?? contact?.number;
  return name || contact?.company || (number ? formatPhoneNumber(number) : "Unknown number");
}

function attachmentChips(activity: RecentActivity): { label: string; Icon: IconComponent }[] {
  const chips: { label: string; Icon: IconComponent }[] = [];
  if (activity.hasMedia) chips.push({ label: "Media", Icon: PaperclipIcon });
  if (activity.hasRecording) chips.push({ label: "Recording", Icon: WaveformIcon });
  if (activity.hasVoicemail) chips.push({ label: "Voicemail", Icon: VoicemailIcon });
  if (activity.hasSummary) chips.push({ label: "Summary", Icon: SparklesIcon });
  if (activity.hasTranscript) chips.push({ label: "Transcript", Icon: TranscriptIcon });
  return chips;
}

/** What a row says when the projection had no text to show (calls, media-only messages). */
function fallbackPreview(activity: RecentActivity): string {
  if (activity.kind === "message") return activity.hasMedia ? "Attachment" : "Empty message";
  switch (activity.status) {
    case "missed":
      return "Missed call";
    case "voicemail":
      return activity.hasVoicemail ? "Left a voicemail" : "Voicemail";
    case "ringing":
      return "Ringing…";
    case "in_progress":
      return "Call in progress";
    case "forwarded":
      return "Forwarded call";
    default:
      return "Call";
  }
}
