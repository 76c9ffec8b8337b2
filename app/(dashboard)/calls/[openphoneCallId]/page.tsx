import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { AudioPlayer } from "@/components/audio-player";
import { Badge } from "@/components/badge";
import { CallPlaybackProvider } from "@/components/call-playback";
import { CallTranscript } from "@/components/call-transcript";
import { CopyButton } from "@/components/copy-button";
import { formatDuration, formatDurationWords } from "@/lib/format/time";
import { formatPhoneNumber } from "@/lib/format/phone-number";
import { ChevronLeftIcon, ListChecksIcon, SparklesIcon, TranscriptIcon, VoicemailIcon, WaveformIcon } from "@/components/icons";
import { LocalTime } from "@/components/local-time";
import { OpenInOpenPhone } from "@/components/open-in-openphone";
import { TONE_CHIP, describeCall } from "@/components/status-presentation";
import { Fact } from "@/components/call-detail/fact";
import { Party } from "@/components/call-detail/party";
import { NotYet } from "@/components/call-detail/not-yet";
import { Panel } from "@/components/call-detail/panel";
import { SentimentBadge } from "@/components/call-detail/sentiment-badge";
import { VoicemailTranscript } from "@/components/call-detail/voicemail-transcript";
import type { CallDetail } from "@/lib/calls/detail";
import type { ArtifactKind } from "@/lib/completeness/rules";
import { contactDisplayName, contactFullName } from "@/lib/contacts/name";
import { requireUser } from "@/lib/auth/guards";
import { CompletenessLine } from "@/components/call-detail/completeness-line";
import { getDatabase } from "@/lib/db";
import { openPhoneUserNames } from "@/lib/openphone/directory";
import { loadCall, loadCallCompleteness } from "./load-call";

type Params = Promise<{ openphoneCallId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  await requireUser();
  const call = await loadCall((await params).openphoneCallId);
  return { title: call ? `Call with ${contactDisplayName(call.contact, call.participant)}` : "Call" };
}

export default async function CallPage({ params }: { params: Params }) {
  await requireUser();
  await connection();
  const call = await loadCall((await params).openphoneCallId);
  if (!call) notFound();
  const now = new Date();
  const pieces = await loadCallCompleteness(call.openphoneId, now);
  const gaveUp = (kind: ArtifactKind) => pieces.some((p) => p.kind === kind && p.state === "unavailable");

  const name = contactDisplayName(call.contact, call.participant);
  const teammates = await openPhoneUserNames(getDatabase(), [call.answeredBy, call.initiatedBy, call.forwardedFrom, call.forwardedTo]);
  const { title, outcome, Icon, tone } = describeCall(call);
  const hasAudio = call.recordings.length > 0 || call.voicemail !== null;
  const hasVoicemail = call.voicemail !== null || call.voicemailTranscript !== null;
  const workspaceLabel = call.phoneNumber
    ? [call.phoneNumber.name, call.phoneNumber.number ? formatPhoneNumber(call.phoneNumber.number) : null].filter(Boolean).join(" · ")
    : null;

  return (
    <CallPlaybackProvider>
      <Link
        href={call.conversationId ? `/conversations/${call.conversationId}` : "/activity"}
        className="mb-4 inline-flex items-center gap-1 rounded text-sm font-medium text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white"
      >
        <ChevronLeftIcon className="size-4" />
        {call.conversationId ? name : "Activity"}
      </Link>

      <header className="mb-6 flex flex-wrap items-start gap-4">
        <span className={`flex size-12 shrink-0 items-center justify-center rounded-xl ring-1 ring-inset ${TONE_CHIP[tone]}`}>
          <Icon className="size-5" />
        </span>
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight text-zinc-950 dark:text-white">
            {call.hasDetails ? title : "Call"} <span className="text-zinc-500 dark:text-zinc-400">with</span> {name}
          </h1>
          <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-zinc-500 dark:text-zinc-400">
            {call.occurredAt ? <LocalTime iso={call.occurredAt.toISOString()} format="medium" /> : <span>Time not known yet</span>}
            {call.duration ? (
              <>
                <span aria-hidden="true">·</span>
                <span className="tabular-nums">
                  <span className="sr-only">Duration: </span>
                  {formatDuration(call.duration)}
                </span>
              </>
            ) : null}
            {workspaceLabel ? (
              <>
                <span aria-hidden="true">·</span>
                <span>via {workspaceLabel}</span>
              </>
            ) : null}
            {call.hasDetails ? <Badge tone={tone}>{outcome}</Badge> : null}
          </p>
          {pieces.length > 0 ? (
            <div className="mt-2">
              <CompletenessLine pieces={pieces} now={now} />
            </div>
          ) : null}
        </div>
        <div className="ml-auto">
          <OpenInOpenPhone href={call.openphoneUrl} what="call" />
        </div>
      </header>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="min-w-0 space-y-6">
          <Panel
            title={call.recordings.length > 1 ? `Recording · ${call.recordings.length} parts` : call.recordings.length === 0 && hasVoicemail ? "Voicemail" : "Recording"}
            Icon={call.recordings.length > 0 || !hasVoicemail ? WaveformIcon : VoicemailIcon}
            className="lg:sticky lg:top-4 lg:z-10"
          >
            {call.recordings.length > 0 ? (
              <AudioPlayer sources={call.recordings} title="Call recording" linked />
            ) : hasVoicemail ? (
              <div className="space-y-4">
                {call.voicemail ? <AudioPlayer sources={[call.voicemail]} title="Voicemail" linked /> : null}
                <VoicemailTranscript text={call.voicemailTranscript} />
              </div>
            ) : (
              gaveUp("recording") ? (
                <NotYet title="No recording">{GAVE_UP_TEXT}</NotYet>
              ) : (
                <NotYet title={noRecordingTitle(call)}>{noRecordingText(call)}</NotYet>
              )
            )}
          </Panel>

          {call.recordings.length > 0 && hasVoicemail ? (
            <Panel title="Voicemail" Icon={VoicemailIcon}>
              <div className="space-y-4">
                {call.voicemail ? <AudioPlayer sources={[call.voicemail]} title="Voicemail" /> : null}
                <VoicemailTranscript text={call.voicemailTranscript} />
              </div>
            </Panel>
          ) : null}

          <Panel title="Summary" Icon={SparklesIcon} aside={call.summary?.sentiment ? <SentimentBadge sentiment={call.summary.sentiment} /> : null}>
            {call.summary && (call.summary.lines.length > 0 || call.summary.nextSteps.length > 0) ? (
              <div className="space-y-5">
                {call.summary.lines.length > 0 ? (
                  <ul className="space-y-2 text-sm leading-6 text-zinc-700 dark:text-zinc-300">
                    {call.summary.lines.map((line, i) => (
                      <li key={i} className="flex gap-2.5">
                        <span aria-hidden="true" className="mt-2.5 size-1.5 shrink-0 rounded-full bg-zinc-300 dark:bg-zinc-600" />
                        {line}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {call.summary.nextSteps.length > 0 ? (
                  <div>
                    <h3 className="flex items-center gap-1.5 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
                      <ListChecksIcon className="size-3.5" />
                      Next steps
                    </h3>
                    <ul className="mt-2 space-y-1.5 text-sm leading-6 text-zinc-800 dark:text-zinc-200">
                      {call.summary.nextSteps.map((step, i) => (
                        <li key={i} className="flex gap-2.5 rounded-lg bg-zinc-50 px-3 py-2 dark:bg-white/[0.03]">
                          <span aria-hidden="true" className="mt-1.5 size-3 shrink-0 rounded border border-zinc-300 dark:border-zinc-600" />
                          {step}
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
              </div>
            ) : gaveUp("summary") ? (
              <NotYet title="Summary not available">{GAVE_UP_TEXT}</NotYet>
            ) : (
              <NotYet title="Summary not yet available">
                {call.summary
                  ? `OpenPhone reported the summary as “${call.summary.status}” with no content yet.`
                  : "OpenPhone sends the AI summary a few minutes after a recorded call ends. It appears here when it arrives."}
              </NotYet>
            )}
          </Panel>

          <Panel
            title="Transcript"
            Icon={TranscriptIcon}
            aside={
              call.transcript && call.transcript.segments.length > 0 ? (
                <span className="text-xs text-zinc-500 dark:text-zinc-400">
                  {call.transcript.segments.length} lines
                  {hasAudio ? <span className="hidden sm:inline"> · click a line to play from there</span> : null}
                </span>
              ) : null
            }
            flush={!!call.transcript && call.transcript.segments.length > 0}
          >
            {call.transcript && call.transcript.segments.length > 0 ? (
              <CallTranscript lines={call.transcript.segments} seekable={hasAudio} />
            ) : gaveUp("transcript") ? (
              <NotYet title="Transcript not available">{GAVE_UP_TEXT}</NotYet>
            ) : (
              <NotYet title="Transcript not yet available">
                {call.transcript
                  ? `OpenPhone reported the transcript as “${call.transcript.status}” with no dialogue yet.`
                  : "Transcripts arrive after the recording is processed, usually within a few minutes of the call."}
              </NotYet>
            )}
          </Panel>
        </div>

        <aside aria-label="Call details" className="min-w-0">
          <Panel title="Details">
            <dl className="space-y-3 text-sm">
              <Fact label="Contact">
                {call.conversationId ? (
                  <Link href={`/conversations/${call.conversationId}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                    {contactFullName(call.contact) ?? name}
                  </Link>
                ) : (
                  name
                )}
                {call.participant && (contactFullName(call.contact) || call.contact?.company) ? (
                  <span className="block text-zinc-500 tabular-nums dark:text-zinc-400">{formatPhoneNumber(call.participant)}</span>
                ) : null}
                {call.contact?.company && contactFullName(call.contact) ? (
                  <span className="block text-zinc-500 dark:text-zinc-400">{call.contact.company}</span>
                ) : null}
              </Fact>
              <Fact label="Direction">{call.direction ? (call.direction === "incoming" ? "Incoming" : "Outgoing") : "Not known yet"}</Fact>
              <Fact label="Outcome">{call.hasDetails ? outcome : "Not known yet"}</Fact>
              {workspaceLabel ? <Fact label="Workspace number">{workspaceLabel}</Fact> : null}
              {call.fromNumber ? <Fact label="From">{formatPhoneNumber(call.fromNumber)}</Fact> : null}
              {call.toNumber ? <Fact label="To">{formatPhoneNumber(call.toNumber)}</Fact> : null}
              {call.occurredAt ? (
                <Fact label="Started">
                  <LocalTime iso={call.occurredAt.toISOString()} format="full" />
                </Fact>
              ) : null}
              {call.answeredAt ? (
                <Fact label="Answered">
                  <LocalTime iso={call.answeredAt.toISOString()} format="full" />
                </Fact>
              ) : null}
              {call.completedAt ? (
                <Fact label="Ended">
                  <LocalTime iso={call.completedAt.toISOString()} format="full" />
                </Fact>
              ) : null}
              {call.duration !== null ? (
                <Fact label="Duration">
                  <span className="tabular-nums">{formatDuration(call.duration)}</span>
                  <span className="sr-only"> ({formatDurationWords(call.duration)})</span>
                </Fact>
              ) : null}
              {call.answeredBy ? <Fact label="Answered by"><Party value={call.answeredBy} names={teammates} /></Fact> : null}
              {call.initiatedBy ? <Fact label="Initiated by"><Party value={call.initiatedBy} names={teammates} /></Fact> : null}
              {call.forwardedFrom ? <Fact label="Forwarded from"><Party value={call.forwardedFrom} names={teammates} /></Fact> : null}
              {call.forwardedTo ? <Fact label="Forwarded to"><Party value={call.forwardedTo} names={teammates} /></Fact> : null}
              <Fact label="OpenPhone call ID">
                <span className="flex items-center gap-2">
                  <code className="min-w-0 truncate font-mono text-xs">{call.openphoneId}</code>
                  <CopyButton value={call.openphoneId} label="Copy call ID" />
                </span>
              </Fact>
            </dl>
          </Panel>
        </aside>
      </div>
    </CallPlaybackProvider>
  );
}

const GAVE_UP_TEXT = "It never arrived, and OpenPhone still had nothing when this app asked for it again over the following hours.";

function noRecordingTitle(call: CallDetail): string {
  if (call.outcome === "missed") return "No recording";
  return "Recording not yet available";
}

function noRecordingText(call: CallDetail): string {
  if (call.outcome === "missed") return "Nobody answered this call and no voicemail was left.";
  if (call.outcome === "ringing" || call.outcome === "in_progress") return "The call is still going. A recording, if the call is recorded, arrives after it ends.";
  return "If the call was recorded, OpenPhone sends the recording shortly after it ends. It appears here when it arrives.";
}
