import { parseStringList } from "../db/string-list";
import type { Tx } from "../db/types";

const PREVIEW_CHARS = 280;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS - 1)}…` : flat;
}

type MessageForActivity = {
  occurredAt: Date;
  direction: "incoming" | "outgoing";
  status: string;
  text: string | null;
  fromNumber: string | null;
  toNumbers: string | null;
  phoneNumberId: number | null;
  conversationId: number | null;
};

/** A message's timeline row, from the message, its attachment count and its conversation's contact. */
export function messageActivityData(message: MessageForActivity, mediaCount: number, contactId: number | null) {
  const text = message.text ?? "";
  const preview = clip(text) || (mediaCount > 0 ? `${mediaCount} attachment${mediaCount === 1 ? "" : "s"}` : "");
  return {
    kind: "message" as const,
    occurredAt: message.occurredAt,
    phoneNumberId: message.phoneNumberId,
    conversationId: message.conversationId,
    contactId,
    direction: message.direction,
    status: message.status,
    hasMedia: mediaCount > 0,
    preview,
    searchText: [text, message.fromNumber, message.toNumbers].filter(Boolean).join("\n"),
  };
}

/** Rebuilds the timeline row of a message from the message itself (idempotent); returns the row's id. */
export async function refreshMessageActivity(tx: Tx, messageId: number): Promise<number> {
  const message = await tx.message.findUniqueOrThrow({
    where: { id: messageId },
    select: {
      occurredAt: true,
      direction: true,
      status: true,
      text: true,
      fromNumber: true,
      toNumbers: true,
      phoneNumberId: true,
      conversationId: true,
      conversation: { select: { contactId: true } },
      _count: { select: { media: true } },
    },
  });
  const data = messageActivityData(message, message._count.media, message.conversation?.contactId ?? null);
  const row = await tx.activity.upsert({ where: { messageId }, create: { messageId, ...data }, update: data, select: { id: true } });
  return row.id;
}

/** The timeline row of a message this transaction just inserted, built from what was inserted (no re-read). */
export async function createMessageActivity(tx: Tx, messageId: number, message: MessageForActivity, mediaCount: number, contactId: number | null): Promise<number> {
  const data = messageActivityData(message, mediaCount, contactId);
  const now = new Date();
  // Raw: Prisma's create costs more JavaScript than the insert itself on this hot path (issue 14). The
  // other flags keep their column defaults (false).
  const [row] = await tx.$queryRaw<{ id: number | bigint }[]>`INSERT INTO "Activity"
      ("kind", "occurredAt", "messageId", "phoneNumberId", "conversationId", "contactId", "direction", "status", "hasMedia", "preview", "searchText", "createdAt", "updatedAt")
    VALUES (${data.kind}, ${data.occurredAt}, ${messageId}, ${data.phoneNumberId}, ${data.conversationId}, ${data.contactId}, ${data.direction},
      ${data.status}, ${data.hasMedia}, ${data.preview}, ${data.searchText}, ${now}, ${now})
    RETURNING "id"`;
  return Number(row!.id);
}

/**
 * Rebuilds the timeline row of a call from the call and whatever recordings, voicemail, summary
 * and transcript have arrived. A call known only from a late artifact (no call event yet) has no
 * time to place it on the timeline, so it gets its row when the call event arrives. Returns the
 * row's id, or null while the call has no row.
 */
export async function refreshCallActivity(tx: Tx, callId: number): Promise<number | null> {
  const call = await tx.call.findUniqueOrThrow({
    where: { id: callId },
    select: {
      hasDetails: true,
      occurredAt: true,
      direction: true,
      outcome: true,
      participant: true,
      phoneNumberId: true,
      conversationId: true,
      conversation: { select: { contactId: true } },
      voicemail: { select: { id: true, transcript: true } },
      summary: { select: { summary: true, nextSteps: true } },
      transcript: { select: { segments: { select: { content: true }, orderBy: { position: "asc" } } } },
      _count: { select: { recordings: true } },
    },
  });
  if (!call.hasDetails || !call.occurredAt) return null;
  const summary = call.summary ? parseStringList(call.summary.summary) : [];
  const nextSteps = call.summary ? parseStringList(call.summary.nextSteps) : [];
  const transcript = call.transcript?.segments.map((s) => s.content) ?? [];
  const voicemailTranscript = call.voicemail?.transcript ?? "";
  const data = {
    kind: "call" as const,
    occurredAt: call.occurredAt,
    phoneNumberId: call.phoneNumberId,
    conversationId: call.conversationId,
    contactId: call.conversation?.contactId ?? null,
    direction: call.direction,
    status: call.outcome,
    hasRecording: call._count.recordings > 0,
    hasVoicemail: call.voicemail !== null,
    hasSummary: call.summary !== null,
    hasTranscript: call.transcript !== null,
    // The summary says it best; without one, what the caller said on the voicemail.
    preview: clip(summary.join(" ")) || clip(voicemailTranscript),
    searchText: [...summary, ...nextSteps, voicemailTranscript, ...transcript, call.participant ?? ""].filter(Boolean).join("\n"),
  };
  const row = await tx.activity.upsert({ where: { callId }, create: { callId, ...data }, update: data, select: { id: true } });
  return row.id;
}
