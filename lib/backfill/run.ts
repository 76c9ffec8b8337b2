import type { AppDatabase, Tx } from "../db/types";
import { parseStringList } from "../db/string-list";
import { publishActivity } from "../live/publish";
import type { Logger } from "../log";
import {
  createOpenPhoneClient,
  createRateLimiter,
  OpenPhoneApiError,
  sharedRateLimiter,
  type OpenPhoneApiErrorKind,
  type OpenPhoneClient,
  type RateLimiter,
} from "../openphone/api";
import type { CallRecording, Conversation, LegacyCall, LegacyCallSummary, LegacyCallTranscript, LegacyPhoneNumber, OpenPhoneMessage } from "../openphone/api/schemas";
import { acquireJobLock, INSTANCE_ID, releaseJobLock } from "../ops/job-lock";
import { applyNormalizedEvent } from "../webhooks/apply-normalized";
import { classifyDbError } from "../webhooks/db-errors";
import { parseCheckpoint, START, type Checkpoint } from "./checkpoint";
import { BACKFILL_KINDS, emptyCounts, parseCounts, type BackfillCounts, type BackfillKind } from "./counts";
import { callEvent, hasContent, messageEvent, recordingsEvent, summaryEvent, transcriptEvent, voicemailEvent, type BackfillEvent } from "./envelopes";
import { BACKFILL_LOCK, BACKFILL_LOCK_TTL_MS } from "./runs";

/**
 * The backfill walk: workspace numbers → their conversations → each conversation's messages and
 * calls → each call's recordings, voicemail, summary and transcript, through the OpenPhone client
 * (10 requests/second). Every item is one transaction: what was missing is applied through the
 * receiver's projection path, and the counts and checkpoint move with it.
 */
export type BackfillApi = { apiKey: string; baseUrl: string; timeoutMs?: number; limiter?: RateLimiter };

export type RunBackfillOptions = {
  api: BackfillApi;
  clock?: () => Date;
  log?: Logger;
  holder?: string;
  /** Called after every item with the run's counts (the CLI's progress line). */
  onProgress?: (counts: BackfillCounts, requests: number) => void;
  /** Stops the walk before its next request or item (Ctrl-C): the run is left resumable, its lease freed at once. */
  signal?: AbortSignal;
};

export type RunBackfillResult = {
  status: "done" | "failed";
  counts: BackfillCounts;
  requests: number;
  error: string | null;
  /** What stopped a failed run: an OpenPhone API failure's kind, the caller's signal, or "other". */
  errorKind: OpenPhoneApiErrorKind | "stopped" | "other" | null;
};

const PAGE_SIZE = 50;
/**
 * A backfill is background work: it paces itself below OpenPhone's 10/s and also takes its turn in
 * the key's shared limiter, so the admin pages on the same key keep room and network jitter cannot
 * bunch 11 arrivals into one second.
 */
const BACKFILL_REQUESTS_PER_SECOND = 8;
const HEARTBEAT_MS = 2_000;

class LeaseLost extends Error {}
class Stopped extends Error {}

export async function runBackfill(db: AppDatabase, runId: number, options: RunBackfillOptions): Promise<RunBackfillResult> {
  const clock = options.clock ?? (() => new Date());
  const holder = options.holder ?? INSTANCE_ID;
  const run = await db.prisma.backfillRun.findUniqueOrThrow({ where: { id: runId } });
  const state = {
    counts: parseCounts(run.counts),
    checkpoint: parseCheckpoint(run.checkpoint),
    requests: run.requests,
    gapFrom: run.gapFrom,
    gapTo: run.gapTo,
  };
  let pendingRequests = 0;
  let lastBeat = 0;
  const countingFetch: typeof fetch = (input, init) => {
    pendingRequests++;
    return fetch(input, init);
  };
  const own = createRateLimiter({ limit: BACKFILL_REQUESTS_PER_SECOND });
  const shared = options.api.limiter ?? sharedRateLimiter(options.api.apiKey);
  const limiter: RateLimiter = {
    acquire: async () => {
      await own.acquire();
      await shared.acquire();
    },
  };
  const client = createOpenPhoneClient({ apiKey: options.api.apiKey, baseUrl: options.api.baseUrl, timeoutMs: options.api.timeoutMs, limiter, fetch: countingFetch });

  /** Renews the lease before a request when due; a runner that lost it stops (another one took over). */
  async function heartbeat(): Promise<void> {
    if (Date.now() - lastBeat < HEARTBEAT_MS) return;
    const now = clock();
    const lease = await acquireJobLock(db, BACKFILL_LOCK, now, BACKFILL_LOCK_TTL_MS, holder);
    if (!lease.acquired) throw new LeaseLost("another backfill took over this run's lease");
    // The page tells a working run from a dead one by this, also while one item takes long (retries).
    await db.prisma.$transaction([db.prisma.backfillRun.update({ where: { id: runId }, data: { heartbeatAt: now }, select: { id: true } })]);
    lastBeat = Date.now();
  }
  function checkStopped(): void {
    if (options.signal?.aborted) throw new Stopped(`stopped (${String(options.signal.reason ?? "aborted")})`);
  }
  async function api<T>(call: (c: OpenPhoneClient) => Promise<T>): Promise<T> {
    checkStopped();
    await heartbeat();
    return call(client);
  }

  const ctx: WalkContext = {
    db,
    dryRun: run.dryRun,
    since: run.since,
    until: run.until,
    api,
    async commit(checkpoint, item) {
      checkStopped();
      const counts = structuredClone(state.counts);
      for (const kind of BACKFILL_KINDS) {
        const delta = item.counts[kind];
        counts[kind].seen += delta.seen;
        counts[kind].present += delta.present;
        counts[kind].recovered += delta.recovered;
      }
      const recovered = BACKFILL_KINDS.some((kind) => item.counts[kind].recovered > 0);
      const gapFrom = recovered && item.at && (!state.gapFrom || item.at < state.gapFrom) ? item.at : state.gapFrom;
      const gapTo = recovered && item.at && (!state.gapTo || item.at > state.gapTo) ? item.at : state.gapTo;
      const requests = state.requests + pendingRequests;
      const touched = await withConflictRetry(() =>
        db.prisma.$transaction(
          async (tx) => {
            // A write first: on SQLite a second process's transaction must start by writing so the busy timeout applies.
            await tx.backfillRun.update({
              where: { id: runId },
              data: { checkpoint: JSON.stringify(checkpoint), counts: JSON.stringify(counts), requests, gapFrom, gapTo, heartbeatAt: clock() },
              select: { id: true },
            });
            const ids = run.dryRun ? [] : await item.apply(tx);
            if (!run.dryRun) await countInMetrics(tx, item.counts, requests - state.requests);
            return ids;
          },
          { maxWait: 10_000, timeout: 30_000 },
        ),
      );
      state.counts = counts;
      state.checkpoint = checkpoint;
      state.requests = requests;
      state.gapFrom = gapFrom;
      state.gapTo = gapTo;
      pendingRequests = 0;
      if (touched.length > 0) publishActivity(db, { ids: touched });
      options.onProgress?.(counts, requests);
    },
  };

  let status: "done" | "failed" = "done";
  let error: string | null = null;
  let errorKind: RunBackfillResult["errorKind"] = null;
  let lostLease = false;
  try {
    const filter = run.phoneNumberIds ? parseStringList(run.phoneNumberIds) : [];
    await walk(ctx, state.checkpoint, filter);
  } catch (caught) {
    status = "failed";
    error = describe(caught);
    errorKind = caught instanceof OpenPhoneApiError ? caught.kind : caught instanceof Stopped ? "stopped" : "other";
    lostLease = caught instanceof LeaseLost;
    if (!(caught instanceof Stopped)) options.log?.error("backfill failed", { runId, error });
  }
  const now = clock();
  if (lostLease) {
    // Another runner continues this run and owns its row and the lease now: leave both to it.
    return { status, counts: state.counts, requests: state.requests + pendingRequests, error, errorKind };
  }
  await db.prisma.$transaction([
    db.prisma.backfillRun.update({
      where: { id: runId },
      data: {
        status,
        error,
        requests: state.requests + pendingRequests,
        heartbeatAt: now,
        ...(status === "done" ? { finishedAt: now, checkpoint: JSON.stringify(START) } : {}),
      },
      select: { id: true },
    }),
    ...(status === "done" && run.switchId !== null
      ? [db.prisma.webhookSwitch.updateMany({ where: { id: run.switchId }, data: { backfilledAt: now } })]
      : []),
  ]);
  if (status === "done" && !run.dryRun) await countRunInMetrics(db);
  await releaseJobLock(db, BACKFILL_LOCK, holder).catch(() => undefined);
  return { status, counts: state.counts, requests: state.requests + pendingRequests, error, errorKind };
}

// ---------------------------------------------------------------------------------------------
// The walk

type ItemCounts = BackfillCounts;
type Item = { counts: ItemCounts; at: Date | null; apply: (tx: Tx) => Promise<number[]> };

type WalkContext = {
  db: AppDatabase;
  dryRun: boolean;
  since: Date | null;
  until: Date | null;
  api: <T>(call: (c: OpenPhoneClient) => Promise<T>) => Promise<T>;
  commit: (checkpoint: Checkpoint, item: Item) => Promise<void>;
};

async function walk(ctx: WalkContext, from: Checkpoint, filter: string[]): Promise<void> {
  const all = await ctx.api((c) => c.legacy.listPhoneNumbers());
  const numbers = all.filter((n) => filter.length === 0 || filter.includes(n.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const unknown = filter.filter((id) => !all.some((n) => n.id === id));
  if (unknown.length > 0) throw new Error(`OpenPhone has no workspace number ${unknown.join(", ")}`);
  const resumeAt = from.phoneNumberId ? numbers.findIndex((n) => n.id === from.phoneNumberId) : -1;
  for (let i = Math.max(0, resumeAt); i < numbers.length; i++) {
    const number = numbers[i]!;
    await walkNumber(ctx, number, i === resumeAt ? from : null);
  }
}

async function walkNumber(ctx: WalkContext, number: LegacyPhoneNumber, from: Checkpoint | null): Promise<void> {
  let token = from?.conversationsPage ?? null;
  let resumeConversation = from?.conversationId ?? null;
  for (;;) {
    const pageToken = token;
    const page = await ctx.api((c) =>
      c.legacy.listConversations({ phoneNumbers: [number.id], maxResults: 100, pageToken: pageToken ?? undefined, updatedAfter: ctx.since?.toISOString() }),
    );
    const start = resumeConversation ? Math.max(0, page.data.findIndex((c) => c.id === resumeConversation)) : 0;
    for (let j = start; j < page.data.length; j++) {
      const conversation = page.data[j]!;
      const resuming = resumeConversation === conversation.id && from !== null;
      if (!resuming && !inWindow(ctx, conversation)) continue;
      const position = { phoneNumberId: number.id, conversationsPage: pageToken, conversationId: conversation.id };
      const stage = resuming && from ? from.stage : "messages";
      if (stage === "messages") {
        await walkList(ctx, { ...position, stage: "messages" }, resuming ? from : null, (after) =>
          ctx.api((c) => c.legacy.listMessages(listQuery(ctx, number, conversation, after))),
          (message) => messageItem(ctx, message),
        );
      }
      await walkList(ctx, { ...position, stage: "calls" }, resuming && stage === "calls" ? from : null, (after) =>
        ctx.api((c) => c.legacy.listCalls(listQuery(ctx, number, conversation, after))),
        (call) => callItem(ctx, call),
      );
    }
    resumeConversation = null;
    from = null;
    if (!page.nextPageToken) return;
    token = page.nextPageToken;
  }
}

/** A conversation whose last activity is before `since` has nothing in the window. */
function inWindow(ctx: WalkContext, conversation: Conversation): boolean {
  if (!ctx.since || !conversation.lastActivityAt) return true;
  return new Date(conversation.lastActivityAt) >= ctx.since;
}

function listQuery(ctx: WalkContext, number: LegacyPhoneNumber, conversation: Conversation, pageToken: string | null) {
  return {
    phoneNumberId: number.id,
    participants: conversation.participants,
    maxResults: PAGE_SIZE,
    createdAfter: ctx.since?.toISOString(),
    createdBefore: ctx.until?.toISOString(),
    pageToken: pageToken ?? undefined,
  };
}

async function walkList<T>(
  ctx: WalkContext,
  position: Omit<Checkpoint, "page" | "index">,
  from: Checkpoint | null,
  fetchPage: (pageToken: string | null) => Promise<{ data: T[]; nextPageToken: string | null }>,
  toItem: (value: T) => Promise<Item>,
): Promise<void> {
  let token = from?.page ?? null;
  let skip = from?.index ?? 0;
  for (;;) {
    const page = await fetchPage(token);
    for (let k = skip; k < page.data.length; k++) {
      const item = await toItem(page.data[k]!);
      await ctx.commit({ ...position, page: token, index: k + 1 }, item);
    }
    if (!page.nextPageToken) return;
    token = page.nextPageToken;
    skip = 0;
  }
}

function counts(kinds: Partial<Record<BackfillKind, { seen?: number; present?: number; recovered?: number }>>): ItemCounts {
  const result = emptyCounts();
  for (const [kind, c] of Object.entries(kinds) as [BackfillKind, { seen?: number; present?: number; recovered?: number }][]) {
    result[kind] = { seen: c.seen ?? 0, present: c.present ?? 0, recovered: c.recovered ?? 0 };
  }
  return result;
}

async function applyAll(tx: Tx, db: AppDatabase, events: BackfillEvent[]): Promise<number[]> {
  const ids = new Set<number>();
  for (const { event, envelope } of events) {
    const change = await applyNormalizedEvent(tx, db, event, envelope);
    for (const id of change.ids) ids.add(id);
  }
  return [...ids];
}

async function messageItem(ctx: WalkContext, message: OpenPhoneMessage): Promise<Item> {
  const known = await ctx.db.prisma.message.findUnique({ where: { openphoneId: message.id }, select: { id: true } });
  if (known) return { counts: counts({ messages: { seen: 1, present: 1 } }), at: null, apply: async () => [] };
  const event = messageEvent(message);
  return { counts: counts({ messages: { seen: 1, recovered: 1 } }), at: new Date(message.createdAt), apply: (tx) => applyAll(tx, ctx.db, [event]) };
}

/**
 * A call and its pieces. Pieces we already hold are not fetched again (a recording, summary,
 * transcript or voicemail never disappears from OpenPhone once made), which keeps a second run
 * over complete data to the list requests.
 */
async function callItem(ctx: WalkContext, call: LegacyCall): Promise<Item> {
  const known = await ctx.db.prisma.call.findUnique({
    where: { openphoneId: call.id },
    select: {
      hasDetails: true,
      completedAt: true,
      recordings: { select: { key: true, url: true, openphoneId: true } },
      voicemail: { select: { url: true, transcript: true } },
      summary: { select: { id: true } },
      transcript: { select: { id: true } },
    },
  });
  const answered = call.answeredAt !== null;
  // Only an unanswered incoming call can hold a voicemail; only an answered one a recording, summary or transcript.
  const mayHaveVoicemail = call.direction === "incoming" && !answered;
  const knownRecordings = known?.recordings ?? [];

  const recordings = answered && knownRecordings.length === 0 ? await ctx.api((c) => c.legacy.getCallRecordings(call.id)) : [];
  const summary = answered && !known?.summary ? await optional(ctx.api((c) => c.legacy.getCallSummary(call.id))) : null;
  const transcript = answered && !known?.transcript ? await optional(ctx.api((c) => c.legacy.getCallTranscript(call.id))) : null;
  const voicemail = mayHaveVoicemail && !known?.voicemail ? await optional(ctx.api((c) => c.legacy.getCallVoicemails(call.id))) : null;

  const callComplete = known !== null && known.hasDetails && (call.completedAt === null || known.completedAt !== null);
  const missingRecordings = recordings.filter((r): r is CallRecording & { url: string } => r.url !== null);
  const usableSummary = summary && hasContent(summary) && summary.summary.length + summary.nextSteps.length > 0 ? summary : null;
  const usableTranscript = transcript && hasContent(transcript) && transcript.dialogue.length > 0 ? transcript : null;
  const usableVoicemail = voicemail && (voicemail.recordingUrl || voicemail.transcript) ? voicemail : null;

  const events: BackfillEvent[] = [];
  if (!callComplete) events.push(callEvent(call));
  if (missingRecordings.length > 0) events.push(recordingsEvent(call, missingRecordings));
  if (usableVoicemail) events.push(voicemailEvent(call, usableVoicemail));
  if (usableSummary) events.push(summaryEvent(call, usableSummary as LegacyCallSummary));
  if (usableTranscript) events.push(transcriptEvent(call, usableTranscript as LegacyCallTranscript));

  const item = counts({
    calls: callComplete ? { seen: 1, present: 1 } : { seen: 1, recovered: 1 },
    recordings: { seen: knownRecordings.length + missingRecordings.length, present: knownRecordings.length, recovered: missingRecordings.length },
    voicemails: known?.voicemail ? { seen: 1, present: 1 } : usableVoicemail ? { seen: 1, recovered: 1 } : {},
    summaries: known?.summary ? { seen: 1, present: 1 } : usableSummary ? { seen: 1, recovered: 1 } : {},
    transcripts: known?.transcript ? { seen: 1, present: 1 } : usableTranscript ? { seen: 1, recovered: 1 } : {},
  });
  return { counts: item, at: events.length > 0 ? new Date(call.createdAt) : null, apply: (tx) => applyAll(tx, ctx.db, events) };
}

/** A piece OpenPhone does not have answers 404: nothing to recover. */
async function optional<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof OpenPhoneApiError && error.kind === "not_found") return null;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Metrics (OpsCounter, shared by every instance)

async function countInMetrics(tx: Tx, item: ItemCounts, requests: number): Promise<void> {
  const increments: [string, number][] = [["backfill:requests", requests]];
  for (const kind of BACKFILL_KINDS) {
    increments.push([`backfill:${kind}_seen`, item[kind].seen], [`backfill:${kind}_present`, item[kind].present], [`backfill:${kind}_recovered`, item[kind].recovered]);
  }
  for (const [name, by] of increments) {
    if (by === 0) continue;
    await tx.opsCounter.upsert({ where: { name }, create: { name, value: by }, update: { value: { increment: by } }, select: { name: true } });
  }
}

async function countRunInMetrics(db: AppDatabase): Promise<void> {
  await db.prisma.$transaction([
    db.prisma.opsCounter.upsert({ where: { name: "backfill:runs" }, create: { name: "backfill:runs", value: 1 }, update: { value: { increment: 1 } }, select: { name: true } }),
  ]);
}

const MAX_TX_ATTEMPTS = 4;

/** A webhook for the same call or message committing at the same moment is a conflict: try the item again. */
async function withConflictRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= MAX_TX_ATTEMPTS || classifyDbError(error) !== "conflict") throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof OpenPhoneApiError || error instanceof LeaseLost || error instanceof Stopped) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`.replace(/\s+/g, " ").slice(0, 1000);
  return String(error).slice(0, 1000);
}

