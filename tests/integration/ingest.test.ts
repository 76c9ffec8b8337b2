import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDatabase } from "@/lib/db/create-database";
import { sealSecret } from "@/lib/crypto/secret-box";
import { callEvent, messageEvent, recordingEvent, summaryEvent, transcriptEvent } from "@/lib/simulator/payloads";
import { ingestWebhook } from "@/lib/webhooks/ingest";
import { createLogger } from "@/lib/log";
import { domainSnapshot } from "../helpers/domain-snapshot";
import { tableCounts } from "../helpers/table-counts";
import { TEST_APP_SECRET, TEST_SECRET, createPoster, fixtureNames, readFixture } from "../helpers/ingest";
import { signedHeaders } from "@/lib/simulator/sign";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";

let db: TestDatabase;
let poster: ReturnType<typeof createPoster>;
const opened: TestDatabase[] = [];

beforeEach(async () => {
  db = await createTestDatabase();
  opened.push(db);
  poster = createPoster(db);
});
afterEach(async () => {
  await db.cleanup();
});
afterAll(async () => {
  await Promise.all(opened.map((d) => d.prisma.$disconnect().catch(() => undefined)));
});

function counts() {
  return tableCounts(db.prisma);
}

describe(`every fixture lands correctly (${testDialect()})`, () => {
  it("posts all fixtures in order and checks the resulting rows", async () => {
    const outcomes: Record<string, string> = {};
    for (const name of fixtureNames()) {
      const result = await poster.post(readFixture(name));
      expect(result.httpStatus, name).toBe(200);
      outcomes[name] = result.outcome;
    }
    const ignored = ["unknown-type.json", "call-completed-published-sample-no-id.json", "call-recording-completed-published-sample-no-id.json"];
    for (const name of ignored) expect(outcomes[name], name).toBe("ignored");
    expect(Object.entries(outcomes).filter(([n]) => !ignored.includes(n)).every(([, o]) => o === "processed")).toBe(true);

    const p = db.prisma;
    const mms = await p.message.findUniqueOrThrow({ where: { openphoneId: "ACmsg0001" }, include: { media: { orderBy: { position: "asc" } }, conversation: true } });
    expect(mms).toMatchObject({ direction: "incoming", status: "received", text: "Here are the photos of the leak 📷", fromNumber: "+14155550123" });
    expect(mms.media.map((m) => [m.url, m.contentType])).toEqual([
      ["https://media.example.test/mms/leak-1.jpg", "image/jpeg"],
      ["https://media.example.test/mms/leak-2.png", "image/png"],
      ["https://media.example.test/mms/quote.pdf", "application/pdf"],
    ]);
    expect(mms.conversation).toMatchObject({ participant: "+14155550123", openphoneId: "CNconv0001" });

    // delivered arrives before sent in the fixtures: the late `sent` must not move it back.
    expect(await p.message.findUniqueOrThrow({ where: { openphoneId: "ACmsg0003" } })).toMatchObject({ status: "delivered" });
    expect(await p.message.findUniqueOrThrow({ where: { openphoneId: "ACmsg0004" } })).toMatchObject({ status: "failed", errorCode: "carrier_rejected" });
    expect(await p.message.findUniqueOrThrow({ where: { openphoneId: "ACmsg0050" } })).toMatchObject({
      text: "Hello from the new API",
      fromNumber: "+17185550142",
    });

    const answered = await p.call.findUniqueOrThrow({
      where: { openphoneId: "ACcall0001" },
      include: { recordings: true, summary: true, transcript: { include: { segments: { orderBy: { position: "asc" } } } } },
    });
    expect(answered).toMatchObject({ outcome: "answered", direction: "incoming", duration: 754, participant: "+14155550123" });
    expect(answered.recordings).toHaveLength(1);
    expect(answered.recordings[0]).toMatchObject({ url: "https://media.example.test/rec/ACcall0001.mp3", duration: 754 });
    expect(JSON.parse(answered.summary!.nextSteps)).toEqual(["Send inspection confirmation by text.", "Book crew for Thursday 9am."]);
    expect(answered.transcript!.segments.map((s) => [s.identifier, s.userId, s.start, s.end])).toEqual([
      ["+16505550100", "USagent01", 0.42, 3.9],
      ["+14155550123", null, 4.3, 8.75],
      ["+16505550100", "USagent01", 9.1, 12.6],
      ["+14155550123", null, 13, 14.8],
    ]);

    const missed = await p.call.findUniqueOrThrow({ where: { openphoneId: "ACcall0002" }, include: { voicemail: true } });
    expect(missed).toMatchObject({ outcome: "voicemail", answeredAt: null });
    expect(missed.voicemail).toMatchObject({ url: "https://media.example.test/vm/ACcall0002.mp3", duration: 19 });

    const outgoing = await p.call.findUniqueOrThrow({ where: { openphoneId: "ACcall0003" }, include: { recordings: true, summary: true } });
    expect(outgoing).toMatchObject({ outcome: "answered", direction: "outgoing", duration: 186, participant: "+13105550177" });
    expect(outgoing.recordings).toMatchObject([{ key: "CRrec0003", openphoneId: "CRrec0003", size: 1488000 }]);
    // callSummary (09:33:00) then call_summary.created (09:33:30): the newer version wins.
    expect(outgoing.summary).toMatchObject({ sentiment: "positive", summary: JSON.stringify(["Customer accepted the quote."]) });

    const contact = await p.contact.findUniqueOrThrow({ where: { number: "+14155550123" } });
    expect(contact).toMatchObject({ firstName: "Jordan", lastName: "Alvarez", company: "Alvarez Bakery", openphoneContactId: "CTc0ntact000000000000001" });

    const activityKinds = await p.activity.findMany({ select: { kind: true } });
    // Five 1:1 messages and two in one group thread.
    expect(activityKinds.filter((a) => a.kind === "message")).toHaveLength(7);
    const group = await p.conversation.findUniqueOrThrow({ where: { openphoneId: "CNgroup0060" }, include: { messages: true } });
    expect(group).toMatchObject({ participant: "+13105550177,+14155550123", contactId: null });
    expect(group.messages).toHaveLength(2);
    // A contact whose fields are an array of { name, type, value }.
    expect(await p.contact.findUniqueOrThrow({ where: { number: "+13105550177" } })).toMatchObject({ firstName: "Priya", lastName: "Shah" });
    expect(activityKinds.filter((a) => a.kind === "call")).toHaveLength(3);
    const token = await p.webhookEvent.findUniqueOrThrow({ where: { eventId: "EVfx0040" } });
    expect(token).toMatchObject({ status: "processed", type: "token.validated" });
    const unknown = await p.webhookEvent.findUniqueOrThrow({ where: { eventId: "EVfx0041" } });
    expect(unknown).toMatchObject({ status: "ignored", type: "task.created", resourceId: "TKtask0001" });
  }, 120_000);

  it("reaches the same state whatever order the events arrive in", async () => {
    const names = fixtureNames();
    for (const name of names) await poster.post(readFixture(name));
    const inOrder = await domainSnapshot(db.prisma);

    for (const order of [[...names].reverse(), shuffle(names, 7), shuffle(names, 42)]) {
      const other = await createTestDatabase();
      opened.push(other);
      try {
        const otherPoster = createPoster(other);
        for (const name of order) expect((await otherPoster.post(readFixture(name))).httpStatus).toBe(200);
        expect(await domainSnapshot(other.prisma)).toEqual(inOrder);
      } finally {
        await other.cleanup();
      }
    }
  }, 180_000);
});

function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe(`exactly once (${testDialect()})`, () => {
  it("the same delivery twice answers duplicate and writes nothing more", async () => {
    const body = readFixture("message-received-app-v3-with-media.json");
    expect(await poster.post(body)).toMatchObject({ httpStatus: 200, outcome: "processed" });
    const before = await counts();
    expect(await poster.post(body)).toMatchObject({ httpStatus: 200, outcome: "duplicate", eventId: "EVfx0001" });
    expect(await counts()).toEqual(before);
    expect(await db.prisma.webhookEvent.findUniqueOrThrow({ where: { eventId: "EVfx0001" } })).toMatchObject({ duplicates: 1, attempts: 1 });
  });

  it("20 concurrent copies of one delivery produce one set of rows", async () => {
    const body = readFixture("call-transcript-completed-api-v4.json");
    const results = await Promise.all(Array.from({ length: 20 }, () => poster.post(body)));
    expect(results.every((r) => r.httpStatus === 200)).toBe(true);
    expect(results.filter((r) => r.outcome === "processed")).toHaveLength(1);
    expect(results.filter((r) => r.outcome === "duplicate")).toHaveLength(19);
    expect(await counts()).toMatchObject({ events: 1, calls: 1, transcripts: 1, segments: 4 });
    expect(await db.prisma.webhookEvent.findUniqueOrThrow({ where: { eventId: "EVfx0019" } })).toMatchObject({ duplicates: 19 });
  });

  it("concurrent different events about one new contact and call never fail or double rows", async () => {
    const callId = "ACconcurrent01";
    const t = new Date("2026-06-01T10:00:00Z");
    const bodies = [
      callEvent({ id: callId, createdAt: t, participant: "+15550001111" }),
      recordingEvent({ callId }),
      summaryEvent({ callId }),
      transcriptEvent({ callId }),
      ...Array.from({ length: 8 }, (_, i) => messageEvent({ participant: "+15550001111", text: `hello ${i}`, createdAt: t })),
    ];
    const results = await Promise.all(bodies.map((b) => poster.post(b)));
    expect(results.map((r) => r.httpStatus)).toEqual(bodies.map(() => 200));
    expect(await counts()).toMatchObject({ calls: 1, recordings: 1, summaries: 1, transcripts: 1, messages: 8, contacts: 1, conversations: 1, activities: 9 });
  });
});

describe(`ordering (${testDialect()})`, () => {
  it("a message's sent after delivered leaves it delivered", async () => {
    const id = "ACorder01";
    const at = new Date("2026-06-01T10:00:00Z");
    await poster.post(messageEvent({ type: "message.delivered", id, text: "hi", createdAt: at, eventCreatedAt: new Date(at.getTime() + 3000) }));
    await poster.post(messageEvent({ type: "message.sent", id, text: "hi", createdAt: at, eventCreatedAt: new Date(at.getTime() + 1000) }));
    expect(await db.prisma.message.findUniqueOrThrow({ where: { openphoneId: id } })).toMatchObject({ status: "delivered" });
  });

  it("a late call.ringing never undoes call.completed", async () => {
    const id = "ACorder02";
    const createdAt = new Date("2026-06-01T10:00:00Z");
    await poster.post(callEvent({ id, createdAt, answeredAt: null, completedAt: new Date("2026-06-01T10:00:30Z") }));
    await poster.post(callEvent({ type: "call.ringing", id, createdAt, answeredAt: null, completedAt: null }));
    expect(await db.prisma.call.findUniqueOrThrow({ where: { openphoneId: id } })).toMatchObject({ outcome: "missed", status: "completed" });
    const activity = await db.prisma.activity.findFirstOrThrow({ where: { call: { openphoneId: id } } });
    expect(activity.status).toBe("missed");
  });

  it("transcript, summary and recording before their call end as if they came after", async () => {
    const id = "ACorder03";
    const createdAt = new Date("2026-06-01T11:00:00Z");
    const call = callEvent({ id, createdAt });
    const artifacts = [recordingEvent({ callId: id, recordingId: "CRo3" }), summaryEvent({ callId: id, summary: ["Late summary."] }), transcriptEvent({ callId: id })];
    for (const a of artifacts) await poster.post(a);
    // Known only by its artifacts: no timeline row yet, nothing lost.
    expect(await db.prisma.activity.count()).toBe(0);
    expect(await db.prisma.call.findUniqueOrThrow({ where: { openphoneId: id } })).toMatchObject({ hasDetails: false });
    await poster.post(call);
    const early = await domainSnapshot(db.prisma);

    const other = await createTestDatabase();
    opened.push(other);
    try {
      const otherPoster = createPoster(other);
      await otherPoster.post(call);
      for (const a of artifacts) await otherPoster.post(a);
      expect(early).toEqual(await domainSnapshot(other.prisma));
    } finally {
      await other.cleanup();
    }
    const activity = await db.prisma.activity.findFirstOrThrow({ where: { call: { openphoneId: id } } });
    expect(activity).toMatchObject({ hasRecording: true, hasSummary: true, hasTranscript: true, preview: "Late summary." });
  });

  it("an older summary or transcript version never replaces a newer one", async () => {
    const callId = "ACorder04";
    await poster.post(summaryEvent({ type: "call_summary.updated", callId, summary: ["v2"], eventCreatedAt: new Date("2026-06-01T12:00:10Z") }));
    await poster.post(summaryEvent({ type: "call_summary.created", callId, summary: ["v1"], eventCreatedAt: new Date("2026-06-01T12:00:00Z") }));
    expect((await db.prisma.callSummary.findFirstOrThrow()).summary).toBe(JSON.stringify(["v2"]));
    const seg = (content: string) => [{ content, start: 0, end: 1, identifier: "+1", userId: null }];
    await poster.post(transcriptEvent({ type: "call_transcript.updated", callId, dialogue: seg("new"), createdAt: new Date("2026-06-01T12:01:00Z") }));
    await poster.post(transcriptEvent({ type: "call_transcript.created", callId, dialogue: seg("old"), createdAt: new Date("2026-06-01T12:00:00Z") }));
    expect((await db.prisma.transcriptSegment.findMany()).map((s) => s.content)).toEqual(["new"]);
  });

  it("contact versions never go backwards, even when delivered concurrently", async () => {
    const { contactEvent } = await import("@/lib/simulator/payloads");
    for (let round = 0; round < 8; round++) {
      const id = `CTrace${round}`;
      const phone = `+1555010${String(round).padStart(4, "0")}`;
      const older = contactEvent({ id, phone, firstName: "Old", updatedAt: new Date("2026-06-01T10:00:00Z") });
      const newer = contactEvent({ id, phone, firstName: "New", updatedAt: new Date("2026-06-01T10:05:00Z") });
      await Promise.all([poster.post(newer), poster.post(older)]);
      expect(await db.prisma.contact.findUniqueOrThrow({ where: { openphoneContactId: id } })).toMatchObject({ firstName: "New" });
    }
  });

  it("a call object inside a later recording event does not overwrite what call.completed set", async () => {
    const id = "ACorder06";
    const createdAt = new Date("2026-06-01T13:00:00Z");
    await poster.post(callEvent({ id, createdAt, answeredAt: new Date("2026-06-01T13:00:05Z"), completedAt: new Date("2026-06-01T13:02:05Z") }));
    // The recording event's embedded call is a stale copy (no updatedAt in app payloads).
    const stale = callEvent({
      type: "call.recording.completed",
      id,
      createdAt,
      answeredAt: new Date("2026-06-01T13:00:09Z"),
      completedAt: new Date("2026-06-01T13:01:00Z"),
      media: [{ url: "https://m.test/r.mp3", type: "audio/mpeg", duration: 120 }],
    });
    await poster.post(stale);
    const call = await db.prisma.call.findUniqueOrThrow({ where: { openphoneId: id }, include: { recordings: true } });
    expect(call).toMatchObject({ answeredAt: new Date("2026-06-01T13:00:05Z"), completedAt: new Date("2026-06-01T13:02:05Z"), duration: 120 });
    expect(call.recordings).toHaveLength(1);
  });

  it("several recording segments attach to one call", async () => {
    const callId = "ACorder05";
    await poster.post(recordingEvent({ callId, recordingId: "CRa", url: "https://m.test/a.mp3" }));
    await poster.post(recordingEvent({ callId, recordingId: "CRb", url: "https://m.test/b.mp3" }));
    expect(await db.prisma.recording.count()).toBe(2);
  });
});

describe(`rejections and hostile input (${testDialect()})`, () => {
  it("bad signature and stale timestamp: 401, nothing stored", async () => {
    const body = readFixture("message-received-api-v4.json");
    const other = Buffer.from("some-other-secret-of-enough-length").toString("base64");
    expect(await poster.post(body, { secret: other })).toMatchObject({ httpStatus: 401, reason: "signature_mismatch" });
    expect(await poster.post(body, { headers: { "openphone-signature": "hmac;1;notatime;abc" } })).toMatchObject({ httpStatus: 401, reason: "malformed_signature" });
    const headers = new Headers({ "content-type": "application/json" });
    expect(await ingestWebhook(poster.deps, { headers, rawBody: new TextEncoder().encode(body), now: new Date() })).toMatchObject({
      httpStatus: 401,
      reason: "missing_signature",
    });
    const staleResult = await ingestWebhook(poster.deps, {
      headers: new Headers(signedHeaders(body, { secret: TEST_SECRET, nowMs: Date.now() - 6 * 60_000 })),
      rawBody: new TextEncoder().encode(body),
      now: new Date(),
    });
    expect(staleResult).toMatchObject({ httpStatus: 401, reason: "timestamp_out_of_range" });
    expect(await counts()).toMatchObject({ events: 0, messages: 0, contacts: 0 });
  });

  it("no signing secret configured: 503, nothing stored", async () => {
    const bare = createPoster(db, { signingKeys: async () => [] });
    expect(await bare.post(readFixture("message-received-api-v4.json"))).toMatchObject({ httpStatus: 503, outcome: "no_secret_configured" });
    expect(await counts()).toMatchObject({ events: 0 });
  });

  it("a body over the cap: 413, nothing stored", async () => {
    const small = createPoster(db, { maxBodyBytes: 2048 });
    const body = JSON.stringify(messageEvent({ text: "x".repeat(4096) }));
    expect(await small.post(body)).toMatchObject({ httpStatus: 413 });
    expect(await counts()).toMatchObject({ events: 0 });
  });

  it.each([
    ["invalid JSON", '{"id": "EVbroken", "type": "message.received", '],
    ["a JSON array", '[{"id":"EVx","type":"message.received"}]'],
    ["a 50-level nested object", `${'{"a":'.repeat(50)}1${"}".repeat(50)}`],
    ["a 900 KiB string", JSON.stringify({ id: "EVhuge", object: "event", apiVersion: "v3", createdAt: "2026-05-04T15:00:00.000Z", type: "message.received", data: { object: { id: "x".repeat(900 * 1024) } } })],
    ["a message without an id", JSON.stringify({ id: "EVnoid", object: "event", apiVersion: "v3", createdAt: "2026-05-04T15:00:00.000Z", type: "message.received", data: { object: { body: "hi" } } })],
  ])("signed %s: 200, stored as invalid with its error, no domain rows", async (_, body) => {
    const result = await poster.post(body);
    expect(result).toMatchObject({ httpStatus: 200, outcome: "invalid" });
    const events = await db.prisma.webhookEvent.findMany();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ status: "invalid", rawBody: body });
    expect(events[0]!.lastError).toBeTruthy();
    expect(await counts()).toMatchObject({ messages: 0, contacts: 0, calls: 0, activities: 0 });
    // A retry of the same invalid body is a duplicate, not a second row.
    expect(await poster.post(body)).toMatchObject({ httpStatus: 200, outcome: "duplicate" });
  });

  it("a delivery signed with a stored subscription's key is accepted", async () => {
    const key = Buffer.from("stored-subscription-key-32-bytes").toString("base64");
    await db.prisma.webhookSubscription.create({
      data: { openphoneId: "WHtest", url: "https://x.test/api/webhooks/openphone", events: "[]", resourceIds: '["*"]', status: "enabled", encryptedKey: sealSecret(key, TEST_APP_SECRET) },
    });
    poster.invalidateKeys();
    expect(await poster.post(readFixture("message-received-api-v4.json"), { secret: key })).toMatchObject({ httpStatus: 200, outcome: "processed" });
  });

  it("a Standard-Webhooks-signed 2026-03-30 delivery is accepted", async () => {
    expect(await poster.post(readFixture("message-received-new-2026-03-30.json"), { style: "standard" })).toMatchObject({ httpStatus: 200, outcome: "processed" });
    expect((await db.prisma.webhookEvent.findFirstOrThrow()).signatureScheme).toBe("standard");
  });
});

describe(`failures (${testDialect()})`, () => {
  async function installFailingTrigger(): Promise<void> {
    if (db.dialect === "sqlite") {
      await db.prisma.$executeRawUnsafe(
        `CREATE TRIGGER "fail_boom" BEFORE INSERT ON "Message" WHEN NEW."text" = 'boom' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
      );
    } else {
      await db.prisma.$executeRawUnsafe(
        `CREATE FUNCTION fail_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW."text" = 'boom' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`,
      );
      await db.prisma.$executeRawUnsafe(`CREATE TRIGGER "fail_boom" BEFORE INSERT ON "Message" FOR EACH ROW EXECUTE FUNCTION fail_boom()`);
    }
  }

  it("a failing projection answers 500, leaves nothing half-written, is logged as failed, and is reprocessed on redelivery", async () => {
    await installFailingTrigger();
    const body = messageEvent({ eventId: "EVboom", id: "ACboom", text: "boom", participant: "+15550002222" });
    const first = await poster.post(body);
    expect(first).toMatchObject({ httpStatus: 500, outcome: "failed", eventId: "EVboom" });
    // The contact and conversation were written before the failing insert: rolled back with it.
    expect(await counts()).toMatchObject({ events: 1, messages: 0, contacts: 0, conversations: 0, activities: 0 });
    const failed = await db.prisma.webhookEvent.findUniqueOrThrow({ where: { eventId: "EVboom" } });
    expect(failed).toMatchObject({ status: "failed", attempts: 1, duplicates: 0 });
    // SQLite's adapter reports RAISE(ABORT) as a constraint violation; PostgreSQL keeps the message.
    expect(failed.lastError).toMatch(db.dialect === "postgres" ? /injected failure/ : /constraint/i);

    expect(await poster.post(body)).toMatchObject({ httpStatus: 500 });
    expect(await db.prisma.webhookEvent.findUniqueOrThrow({ where: { eventId: "EVboom" } })).toMatchObject({ status: "failed", attempts: 2 });

    await db.prisma.$executeRawUnsafe(`DROP TRIGGER "fail_boom"${db.dialect === "postgres" ? ' ON "Message"' : ""}`);
    expect(await poster.post(body)).toMatchObject({ httpStatus: 200, outcome: "processed" });
    expect(await db.prisma.webhookEvent.findUniqueOrThrow({ where: { eventId: "EVboom" } })).toMatchObject({ status: "processed", attempts: 3, lastError: null, duplicates: 0 });
    expect(await counts()).toMatchObject({ events: 1, messages: 1, contacts: 1, conversations: 1, activities: 1 });
    expect(await poster.post(body)).toMatchObject({ outcome: "duplicate" });
  });

  it("an unreachable database answers 503 so OpenPhone retries", async () => {
    const down =
      testDialect() === "postgres"
        ? createDatabase("postgresql://postgres@127.0.0.1:1/test")
        : createDatabase("file:/proc/version-does-not-exist/app.db");
    try {
      const posterDown = createPoster(down);
      expect(await posterDown.post(readFixture("message-received-api-v4.json"))).toMatchObject({ httpStatus: 503, outcome: "database_unavailable" });
    } finally {
      await down.prisma.$disconnect().catch(() => undefined);
    }
  });
});

describe("logging", () => {
  it("one line per delivery with ids and outcome, never the body or the secret", async () => {
    const lines: string[] = [];
    const logged = createPoster(db, { log: createLogger("info", (_, line) => lines.push(line)) });
    await logged.post(readFixture("message-received-app-v3-with-media.json"));
    await logged.post(readFixture("message-received-app-v3-with-media.json"), { secret: Buffer.from("wrong-secret-wrong-secret-wrong!").toString("base64") });
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]!);
    expect(first).toMatchObject({ msg: "webhook", eventId: "EVfx0001", type: "message.received", outcome: "processed", status: 200 });
    expect(typeof first.ms).toBe("number");
    expect(JSON.parse(lines[1]!)).toMatchObject({ outcome: "rejected", reason: "signature_mismatch", status: 401 });
    const all = lines.join("\n");
    expect(all).not.toContain("photos of the leak");
    expect(all).not.toContain(TEST_SECRET);
  });
});
