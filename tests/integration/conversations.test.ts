import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCallDetail } from "@/lib/calls/detail";
import {
  getConversation,
  getMessage,
  listConversationItems,
  listConversations,
  listWorkspaceNumbers,
  type ConversationListRow,
  type ThreadCall,
  type ThreadMessage,
} from "@/lib/conversations/queries";
import { markConversationRead, markConversationUnread, setConversationDone } from "@/lib/conversations/mutations";
import { decodeKeysetCursor } from "@/lib/cursor";
import { readCall, readConversation, readMessage } from "@/lib/http/read-api";
import { getMediaSource } from "@/lib/media/lookup";
import {
  callEvent,
  contactEvent,
  messageEvent,
  recordingEvent,
  summaryEvent,
  transcriptEvent,
  voicemailEvent,
} from "@/lib/simulator/payloads";
import { createPoster } from "../helpers/ingest";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";

// Every scenario uses its own participants on one database, so the cases can share it.
let db: TestDatabase;
let poster: ReturnType<typeof createPoster>;

beforeAll(async () => {
  db = await createTestDatabase();
  poster = createPoster(db);
});
afterAll(async () => {
  await db.cleanup();
});

const MAIN = { phoneNumberId: "PNmain0001", workspaceNumber: "+16505550100" };
const SALES = { phoneNumberId: "PNsales001", workspaceNumber: "+16505550177" };
const T0 = Date.UTC(2026, 2, 10, 15, 0, 0);
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

async function post(payload: object) {
  const result = await poster.post(payload);
  expect(result.httpStatus, JSON.stringify(result)).toBe(200);
}

async function conversationIdOf(participant: string, phoneNumberOpenphoneId = MAIN.phoneNumberId): Promise<number> {
  const row = await db.prisma.conversation.findFirstOrThrow({
    where: { participant, phoneNumber: { openphoneId: phoneNumberOpenphoneId } },
    select: { id: true },
  });
  return row.id;
}

async function allPages(input: Parameters<typeof listConversations>[1]): Promise<ConversationListRow[]> {
  const rows: ConversationListRow[] = [];
  let cursor = input.cursor ?? null;
  for (let guard = 0; guard < 50; guard++) {
    const page = await listConversations(db, { ...input, cursor });
    rows.push(...page.rows);
    if (!page.nextCursor) return rows;
    cursor = decodeKeysetCursor(page.nextCursor);
    expect(cursor).not.toBeNull();
  }
  throw new Error("pagination did not end");
}

describe(`conversation list (${testDialect()})`, () => {
  it("pages through every conversation, most recently active first, ties broken by id, nothing twice", async () => {
    // Seven conversations on the sales line; two share the same lastActivityAt.
    const participants = ["+14155550301", "+14155550302", "+14155550303", "+14155550304", "+14155550305", "+14155550306", "+14155550307"];
    const minutes = [10, 50, 30, 30, 70, 20, 60];
    for (const [i, participant] of participants.entries()) {
      await post(messageEvent({ ...SALES, participant, text: `hello ${i}`, createdAt: at(minutes[i]!) }));
    }
    const salesLine = (await db.prisma.phoneNumber.findUniqueOrThrow({ where: { openphoneId: SALES.phoneNumberId } })).id;
    const rows = await allPages({ state: "open", phoneNumberId: salesLine, limit: 3 });
    expect(rows).toHaveLength(7);
    expect(new Set(rows.map((r) => r.id)).size).toBe(7);
    const expected = [...rows].sort((a, b) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime() || b.id - a.id);
    expect(rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect(rows.map((r) => r.participant)).toEqual([
      "+14155550305",
      "+14155550307",
      "+14155550302",
      // equal times: the later-created conversation (higher id) first
      "+14155550304",
      "+14155550303",
      "+14155550306",
      "+14155550301",
    ]);
    expect(rows.every((r) => r.phoneNumber.id === salesLine)).toBe(true);
    // The unfiltered list holds them too, in the same relative order.
    const everything = await allPages({ state: "open", limit: 4 });
    const salesInAll = everything.filter((r) => r.phoneNumber.id === salesLine).map((r) => r.id);
    expect(salesInAll).toEqual(rows.map((r) => r.id));
    const numbers = await listWorkspaceNumbers(db);
    expect(numbers.map((n) => n.number)).toContain(SALES.workspaceNumber);
  });

  it("shows the newest item as the preview, counts messages and calls, and names the contact", async () => {
    const participant = "+14155550311";
    await post(contactEvent({ firstName: "Marcus", lastName: "Webb", company: "Webb Bakery", phone: participant, eventCreatedAt: at(0) }));
    await post(messageEvent({ ...MAIN, participant, text: "There's a stain on my ceiling", createdAt: at(100) }));
    await post(messageEvent({ ...MAIN, type: "message.delivered", participant, text: "We'll take a look", createdAt: at(101) }));
    await post(callEvent({ ...MAIN, participant, createdAt: at(102) }));
    const id = await conversationIdOf(participant);
    const row = (await allPages({ state: "open" })).find((r) => r.id === id)!;
    expect(row.contact).toEqual({ firstName: "Marcus", lastName: "Webb", company: "Webb Bakery" });
    expect(row.messageCount).toBe(2);
    expect(row.callCount).toBe(1);
    expect(row.latest?.kind).toBe("call");
    expect(row.latest?.status).toBe("answered");
    expect(row.lastActivityAt.toISOString()).toBe(at(102).toISOString());
  });
});

describe(`unread state (${testDialect()})`, () => {
  it("an incoming message is unread until the thread is opened; a newer one makes it unread again", async () => {
    const participant = "+14155550321";
    await post(messageEvent({ ...MAIN, participant, text: "first", createdAt: at(200) }));
    await post(messageEvent({ ...MAIN, participant, text: "second", createdAt: at(201) }));
    const id = await conversationIdOf(participant);
    let row = (await allPages({ state: "open" })).find((r) => r.id === id)!;
    expect(row.unread).toBe(true);
    expect(row.unreadCount).toBe(2);
    expect((await getConversation(db, id))!.unread).toBe(true);

    expect(await markConversationRead(db, id, at(205))).toEqual({ ok: true, changed: true });
    expect(await markConversationRead(db, id, at(206))).toEqual({ ok: true, changed: false });
    row = (await allPages({ state: "open" })).find((r) => r.id === id)!;
    expect(row.unread).toBe(false);
    expect(row.unreadCount).toBe(0);
    expect((await getConversation(db, id))!.unread).toBe(false);

    await post(messageEvent({ ...MAIN, participant, text: "third", createdAt: at(210) }));
    row = (await allPages({ state: "open" })).find((r) => r.id === id)!;
    expect(row.unread).toBe(true);
    expect(row.unreadCount).toBe(1);
  });

  it("outgoing messages and answered calls never make a conversation unread; missed calls and voicemails do", async () => {
    const quiet = "+14155550331";
    await post(messageEvent({ ...MAIN, type: "message.delivered", participant: quiet, text: "Your quote is attached", createdAt: at(300) }));
    await post(callEvent({ ...MAIN, participant: quiet, createdAt: at(301) }));
    await post(callEvent({ ...MAIN, participant: quiet, direction: "outgoing", answeredAt: null, createdAt: at(302) }));
    const quietId = await conversationIdOf(quiet);
    expect((await allPages({ state: "open" })).find((r) => r.id === quietId)!.unread).toBe(false);

    const missed = "+14155550332";
    await post(callEvent({ ...MAIN, participant: missed, answeredAt: null, createdAt: at(303) }));
    const missedId = await conversationIdOf(missed);
    expect((await allPages({ state: "open" })).find((r) => r.id === missedId)!.unread).toBe(true);

    const voicemail = "+14155550333";
    await post(
      callEvent({ ...MAIN, participant: voicemail, answeredAt: null, createdAt: at(304), voicemail: { url: "https://media.example.test/vm.mp3", type: "audio/mpeg", duration: 9 } }),
    );
    const voicemailId = await conversationIdOf(voicemail);
    const row = (await allPages({ state: "open" })).find((r) => r.id === voicemailId)!;
    expect(row.latest?.status).toBe("voicemail");
    expect(row.unread).toBe(true);
  });

  it("Mark unread sticks until the thread is opened again, and repeating it changes nothing", async () => {
    const participant = "+14155550341";
    await post(messageEvent({ ...MAIN, type: "message.delivered", participant, text: "outgoing only", createdAt: at(400) }));
    const id = await conversationIdOf(participant);
    expect((await getConversation(db, id))!.unread).toBe(false);
    expect(await markConversationUnread(db, id)).toEqual({ ok: true, changed: true });
    expect(await markConversationUnread(db, id)).toEqual({ ok: true, changed: false });
    expect((await getConversation(db, id))!.unread).toBe(true);
    expect((await allPages({ state: "open" })).find((r) => r.id === id)!.unread).toBe(true);
    expect(await markConversationRead(db, id, at(401))).toEqual({ ok: true, changed: true });
    expect((await getConversation(db, id))!.unread).toBe(false);
  });

  it("an item timestamped after our clock is read by opening the thread (clock skew)", async () => {
    const participant = "+14155550342";
    await post(messageEvent({ ...MAIN, participant, text: "from the future", createdAt: at(500) }));
    const id = await conversationIdOf(participant);
    await markConversationRead(db, id, at(499));
    expect((await getConversation(db, id))!.unread).toBe(false);
  });

  it("unknown conversations are reported, not thrown", async () => {
    expect(await markConversationRead(db, 999_999, new Date())).toEqual({ ok: false, reason: "not_found" });
    expect(await markConversationUnread(db, 999_999)).toEqual({ ok: false, reason: "not_found" });
    expect(await setConversationDone(db, 999_999, true, new Date())).toEqual({ ok: false, reason: "not_found" });
    expect(await getConversation(db, 999_999)).toBeNull();
  });
});

describe(`done / reopen (${testDialect()})`, () => {
  it("moves between the open and done lists, idempotently, and new activity reopens it", async () => {
    const participant = "+14155550351";
    await post(messageEvent({ ...MAIN, participant, text: "thanks, all sorted", createdAt: at(600) }));
    const id = await conversationIdOf(participant);
    const inOpen = async () => (await allPages({ state: "open" })).some((r) => r.id === id);
    const inDone = async () => (await allPages({ state: "done" })).some((r) => r.id === id);
    expect([await inOpen(), await inDone()]).toEqual([true, false]);

    expect(await setConversationDone(db, id, true, at(601))).toEqual({ ok: true, changed: true });
    expect(await setConversationDone(db, id, true, at(602))).toEqual({ ok: true, changed: false });
    expect([await inOpen(), await inDone()]).toEqual([false, true]);
    expect((await getConversation(db, id))!.state).toBe("done");

    expect(await setConversationDone(db, id, false, at(603))).toEqual({ ok: true, changed: true });
    expect(await setConversationDone(db, id, false, at(604))).toEqual({ ok: true, changed: false });
    expect([await inOpen(), await inDone()]).toEqual([true, false]);

    await setConversationDone(db, id, true, at(605));
    // An older event arriving late does not reopen it; a newer message does.
    await post(messageEvent({ ...MAIN, participant, text: "late delivery of an old one", createdAt: at(590) }));
    expect((await getConversation(db, id))!.state).toBe("done");
    await post(messageEvent({ ...MAIN, participant, text: "one more question", createdAt: at(610) }));
    expect((await getConversation(db, id))!.state).toBe("open");
    expect([await inOpen(), await inDone()]).toEqual([true, false]);
  });
});

describe(`thread (${testDialect()})`, () => {
  const participant = "+14155550361";
  let conversationId: number;
  let callId: string;
  let messageId: string;

  beforeAll(async () => {
    messageId = "ACthreadmms01";
    await post(
      messageEvent({
        ...MAIN,
        id: messageId,
        participant,
        text: "Here's a photo and the quote",
        createdAt: at(700),
        media: [
          { url: "https://media.example.test/upstream/secret-token/ceiling.jpg", type: "image/jpeg", size: 20589 },
          { url: "https://media.example.test/upstream/secret-token/quote-1042.pdf", type: "application/pdf", size: 2692 },
        ],
      }),
    );
    await post(messageEvent({ ...MAIN, type: "message.failed", participant, text: "Sorry, we missed you", createdAt: at(701), errorCode: "30007" }));
    callId = "ACthreadcall1";
    await post(callEvent({ ...MAIN, id: callId, participant, createdAt: at(702) }));
    await post(recordingEvent({ callId, url: "https://media.example.test/upstream/secret-token/rec.mp3", duration: 31 }));
    await post(summaryEvent({ callId, summary: ["Booked an inspection."], nextSteps: ["Send an inspector Thursday."], sentiment: "positive" }));
    for (let i = 0; i < 5; i++) await post(messageEvent({ ...MAIN, participant, text: `follow-up ${i}`, createdAt: at(710 + i) }));
    conversationId = await conversationIdOf(participant);
  });

  it("returns the newest items oldest first and pages back with the cursor", async () => {
    const first = await listConversationItems(db, conversationId, { limit: 3 });
    expect(first.items.map((i) => (i.type === "message" ? i.text : "call"))).toEqual(["follow-up 2", "follow-up 3", "follow-up 4"]);
    expect(first.olderCursor).not.toBeNull();
    const second = await listConversationItems(db, conversationId, { limit: 3, before: decodeKeysetCursor(first.olderCursor) });
    expect(second.items.map((i) => (i.type === "message" ? i.text : "call"))).toEqual(["call", "follow-up 0", "follow-up 1"]);
    const third = await listConversationItems(db, conversationId, { limit: 3, before: decodeKeysetCursor(second.olderCursor) });
    expect(third.items.map((i) => (i.type === "message" ? i.text : "call"))).toEqual([
      "Here's a photo and the quote",
      "Sorry, we missed you",
    ]);
    expect(third.olderCursor).toBeNull();
  });

  it("carries delivery status, failure codes, media and call artifacts as proxy URLs only", async () => {
    const { items } = await listConversationItems(db, conversationId, { limit: 20 });
    const mms = items[0] as ThreadMessage;
    expect(mms.direction).toBe("incoming");
    expect(mms.media.map((m) => [m.kind, m.fileName, m.contentType])).toEqual([
      ["image", "ceiling.jpg", "image/jpeg"],
      ["pdf", "quote-1042.pdf", "application/pdf"],
    ]);
    expect(mms.media[0]!.url).toMatch(/^\/api\/media\/attachment\/\d+$/);
    const failed = items[1] as ThreadMessage;
    expect([failed.direction, failed.status, failed.errorCode]).toEqual(["outgoing", "failed", "30007"]);
    const call = items[2] as ThreadCall;
    expect(call.type).toBe("call");
    expect(call.outcome).toBe("answered");
    expect(call.recordings).toHaveLength(1);
    expect(call.recordings[0]!.url).toMatch(/^\/api\/media\/recording\/\d+$/);
    expect(call.summary).toEqual({ lines: ["Booked an inspection."], nextSteps: ["Send an inspector Thursday."], sentiment: "positive" });
    expect(JSON.stringify(items)).not.toContain("secret-token");

    // The proxy finds the upstream URL behind each id.
    const source = await getMediaSource(db, "attachment", mms.media[1]!.id);
    expect(source?.url).toBe("https://media.example.test/upstream/secret-token/quote-1042.pdf");
    expect(await getMediaSource(db, "recording", call.recordings[0]!.id)).toMatchObject({ url: "https://media.example.test/upstream/secret-token/rec.mp3" });
    expect(await getMediaSource(db, "voicemail", 999_999)).toBeNull();
  });

  it("serves the read API: conversation, message and call JSON, 404s and a bad cursor", async () => {
    const conversation = await readConversation(db, { id: String(conversationId), before: null, limit: "2" });
    expect(conversation.status).toBe(200);
    const body = conversation.body as { items: unknown[]; olderCursor: string; conversation: { participant: string } };
    expect(body.items).toHaveLength(2);
    expect(body.conversation.participant).toBe(participant);
    const older = await readConversation(db, { id: String(conversationId), before: body.olderCursor, limit: "2" });
    expect((older.body as { items: { occurredAt: Date }[] }).items).toHaveLength(2);
    expect((await readConversation(db, { id: "999999", before: null, limit: null })).status).toBe(404);
    expect((await readConversation(db, { id: "abc", before: null, limit: null })).status).toBe(404);
    expect((await readConversation(db, { id: String(conversationId), before: "nope", limit: null })).status).toBe(400);

    const message = await readMessage(db, messageId);
    expect(message.status).toBe(200);
    expect(JSON.stringify(message.body)).not.toContain("secret-token");
    expect((message.body as { message: { media: { url: string }[] } }).message.media[0]!.url).toMatch(/^\/api\/media\/attachment\//);
    expect((await readMessage(db, "ACnope")).status).toBe(404);

    const call = await readCall(db, callId);
    expect(call.status).toBe(200);
    expect(JSON.stringify(call.body)).not.toContain("secret-token");
    expect((await readCall(db, "ACnope")).status).toBe(404);

    const mms = await getMessage(db, messageId);
    expect(mms?.toNumbers).toEqual([MAIN.workspaceNumber]);
  });
});

describe(`call detail (${testDialect()})`, () => {
  it("labels speakers (userId null = the contact), carries recordings, summary and transcript", async () => {
    const participant = "+14155550371";
    await post(contactEvent({ firstName: "Priya", lastName: "Shah", phone: participant, eventCreatedAt: at(0) }));
    const callId = "ACdetailcall1";
    await post(callEvent({ ...MAIN, id: callId, participant, direction: "outgoing", createdAt: at(800), shape: "api" }));
    await post(recordingEvent({ callId, recordingId: "CRpart1", url: "https://media.example.test/r1.mp3", duration: 20 }));
    await post(recordingEvent({ callId, recordingId: "CRpart2", url: "https://media.example.test/r2.mp3", duration: 11 }));
    await post(
      transcriptEvent({
        callId,
        dialogue: [
          { identifier: MAIN.workspaceNumber, userId: "USagent01", start: 0.4, end: 2.1, content: "Hi Priya, it's Luis." },
          { identifier: participant, userId: null, start: 2.5, end: 4.9, content: "Hi Luis." },
        ],
      }),
    );
    const call = await getCallDetail(db, callId);
    expect(call).not.toBeNull();
    expect(call!.direction).toBe("outgoing");
    expect(call!.contact?.firstName).toBe("Priya");
    expect(call!.recordings.map((r) => r.duration)).toEqual([20, 11]);
    expect(call!.transcript!.segments.map((s) => [s.role, s.speaker, s.start])).toEqual([
      ["agent", "Agent", 0.4],
      ["contact", "Priya Shah", 2.5],
    ]);
    expect(call!.summary).toBeNull();
    expect(call!.voicemail).toBeNull();
    expect(call!.conversationId).toBe(await conversationIdOf(participant));
  });

  it("shows a call known only from a late artifact, and a voicemail", async () => {
    await post(summaryEvent({ callId: "ACartifactonly", summary: ["Arrived before the call."] }));
    const early = await getCallDetail(db, "ACartifactonly");
    expect(early?.hasDetails).toBe(false);
    expect(early?.summary?.lines).toEqual(["Arrived before the call."]);
    expect(early?.recordings).toEqual([]);

    await post(callEvent({ ...MAIN, id: "ACvoicemail01", participant: "+14155550372", answeredAt: null, createdAt: at(900) }));
    await post(voicemailEvent({ callId: "ACvoicemail01", url: "https://media.example.test/vm2.mp3", duration: 10 }));
    const voicemail = await getCallDetail(db, "ACvoicemail01");
    expect(voicemail?.outcome).toBe("voicemail");
    expect(voicemail?.voicemail?.url).toMatch(/^\/api\/media\/voicemail\/\d+$/);
    expect(await getCallDetail(db, "ACmissing")).toBeNull();
  });
});
