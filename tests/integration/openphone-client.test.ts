import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createOpenPhoneClient, OpenPhoneApiError, type OpenPhoneClient, type OpenPhoneClientOptions } from "@/lib/openphone/api";
import { describeAdminFailure } from "@/lib/webhooks/subscriptions/errors";
import { startFakeOpenPhone, TEST_EVENT_ID, type FakeOpenPhone } from "@/lib/openphone/fake/server";
import { eventually, startSignedReceiver } from "../helpers/signed-receiver";

/** The OpenPhone client against the fake OpenPhone API over real HTTP: every method, both generations, every failure. */

let fake: FakeOpenPhone;
let client: OpenPhoneClient;
const sleeps: number[] = [];

function makeClient(overrides: Partial<OpenPhoneClientOptions> = {}): OpenPhoneClient {
  return createOpenPhoneClient({
    apiKey: fake.apiKey,
    baseUrl: fake.url,
    timeoutMs: 2000,
    // Waits are recorded, not slept, so the retry paths run fast and their delays can be checked.
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<OpenPhoneApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OpenPhoneApiError);
  return error as OpenPhoneApiError;
}

beforeAll(async () => {
  fake = await startFakeOpenPhone({ port: 4114 });
  client = makeClient();
});
afterAll(() => fake.close());
afterEach(() => {
  fake.reset();
  sleeps.length = 0;
});

describe("legacy /v1 webhooks", () => {
  it("creates one webhook per family with its signing key, lists, gets and deletes them", async () => {
    const url = "https://inbox.example.com/api/webhooks/openphone";
    const messages = await client.legacy.createWebhook("messages", { url, events: ["message.received", "message.delivered"], label: "inbox" });
    const calls = await client.legacy.createWebhook("calls", { url, events: ["call.completed", "call.recording.completed"] });
    const summaries = await client.legacy.createWebhook("summaries", { url, events: ["call.summary.completed"] });
    const transcripts = await client.legacy.createWebhook("transcripts", { url, events: ["call.transcript.completed"], resourceIds: [fake.state.workspace.phoneNumbers[0]!.id] });
    for (const hook of [messages, calls, summaries, transcripts]) {
      expect(hook.id).toMatch(/^WH/);
      expect(Buffer.from(hook.key!, "base64")).toHaveLength(32);
    }
    expect(messages).toMatchObject({ label: "inbox", status: "enabled", url, resourceIds: ["*"] });
    expect(transcripts.resourceIds).toEqual([fake.state.workspace.phoneNumbers[0]!.id]);

    expect((await client.legacy.listWebhooks()).map((w) => w.id).sort()).toEqual([messages.id, calls.id, summaries.id, transcripts.id].sort());
    expect(await client.legacy.getWebhook(calls.id)).toMatchObject({ id: calls.id, events: ["call.completed", "call.recording.completed"] });

    await expect(client.legacy.deleteWebhook(calls.id)).resolves.toBeUndefined();
    const gone = await failure(client.legacy.getWebhook(calls.id));
    expect(gone).toMatchObject({ kind: "not_found", status: 404, apiMessage: "Webhook not found", title: "Not Found" });
    expect(await client.legacy.listWebhooks()).toHaveLength(3);
  });

  it("maps a refused create (an event of another family) to bad_request with OpenPhone's message", async () => {
    const error = await failure(client.legacy.createWebhook("messages", { url: "https://x.example.com/h", events: ["call.completed"] }));
    expect(error).toMatchObject({ kind: "bad_request", status: 400 });
    expect(error.apiMessage).toContain("call.completed");
    expect(sleeps).toEqual([]); // 4xx is never retried
  });
});

describe("legacy /v1 reads for the backfill", () => {
  it("reads numbers, users, conversations, messages and calls page by page, and each call's recordings, summary, transcript, voicemail", async () => {
    const ws = fake.state.workspace;
    const numbers = await client.legacy.listPhoneNumbers();
    expect(numbers.map((n) => n.id)).toEqual(ws.phoneNumbers.map((n) => n.id));
    expect(numbers[0]).toMatchObject({ id: expect.stringMatching(/^PN/), number: "+14155550100", users: [expect.objectContaining({ id: expect.stringMatching(/^US/) }), expect.anything()] });

    const users = await client.legacy.listUsers({ maxResults: 1 });
    expect(users.data).toHaveLength(1);
    expect(users.totalItems).toBe(2);
    const second = await client.legacy.listUsers({ maxResults: 1, pageToken: users.nextPageToken! });
    expect(second.nextPageToken).toBeNull();
    expect(await client.legacy.getUser(second.data[0]!.id)).toMatchObject({ email: expect.stringContaining("@") });

    const conversations = await client.legacy.listConversations({ phoneNumbers: [ws.phoneNumbers[0]!.id] });
    expect(conversations.data.every((c) => c.phoneNumberId === ws.phoneNumbers[0]!.id)).toBe(true);
    const conversation = conversations.data[0]!;

    const seen: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await client.legacy.listMessages({ phoneNumberId: conversation.phoneNumberId!, participants: conversation.participants, maxResults: 4, pageToken });
      seen.push(...page.data.map((m) => m.id));
      pageToken = page.nextPageToken ?? undefined;
    } while (pageToken);
    const expected = ws.messages.filter((m) => m.conversationId === conversation.id);
    expect(seen.sort()).toEqual(expected.map((m) => m.id).sort());
    expect(await client.legacy.getMessage(expected[2]!.id)).toMatchObject({ media: [{ type: "image/jpeg" }] });

    const calls = await client.legacy.listCalls({ phoneNumberId: conversation.phoneNumberId!, participants: conversation.participants, maxResults: 100 });
    expect(calls.data).toHaveLength(3);
    const answered = calls.data.find((c) => c.answeredAt !== null)!;
    const missed = calls.data.find((c) => c.answeredAt === null)!;
    expect(await client.legacy.getCall(answered.id)).toMatchObject({ id: answered.id, duration: expect.any(Number) });
    expect(await client.legacy.getCallRecordings(answered.id)).toEqual([expect.objectContaining({ id: expect.stringMatching(/^CR/), url: expect.stringContaining(".mp3") })]);
    expect(await client.legacy.getCallSummary(answered.id)).toMatchObject({ status: "completed", nextSteps: ["Send a confirmation text."] });
    expect((await client.legacy.getCallTranscript(answered.id)).dialogue[0]).toMatchObject({ start: 0.4, userId: null });
    expect(await client.legacy.getCallVoicemails(missed.id)).toMatchObject({ id: expect.stringMatching(/^VM/), transcript: "Please call me back." });
    expect(await failure(client.legacy.getCallVoicemails(answered.id))).toMatchObject({ kind: "not_found" });
    const createdAfter = (await client.legacy.listCalls({ phoneNumberId: conversation.phoneNumberId!, participants: conversation.participants, createdAfter: answered.createdAt })).data;
    expect(createdAfter.every((c) => c.createdAt > answered.createdAt)).toBe(true);
  });

  it("maps a missing required parameter to bad_request", async () => {
    const error = await failure(client.legacy.listMessages({ phoneNumberId: "PN1", participants: [] }));
    expect(error).toMatchObject({ kind: "bad_request", status: 400, apiMessage: "phoneNumberId and participants are required" });
  });
});

describe("2026-03-30 webhooks", () => {
  it("creates, lists, gets, updates, rotates, tests, lists deliveries and attempts, retries and deletes", async () => {
    let secrets: string[] = [];
    const receiver = await startSignedReceiver(() => secrets);
    try {
      const created = await client.v2026.createWebhook({ url: receiver.url, events: ["message.received", "call.completed"], label: "all" });
      expect(created.id).toMatch(/^[0-9]+$/);
      expect(created.key).toMatch(/^whsec_/);
      expect(created.apiVersion).toBe("2026-03-30");
      secrets = [created.key];
      await client.legacy.createWebhook("calls", { url: receiver.url, events: ["call.completed"] });
      // The 2026 list also returns legacy webhooks (without apiVersion).
      const listed = await client.v2026.listWebhooks();
      expect(listed.map((w) => w.apiVersion)).toEqual(["2026-03-30", null]);
      expect(await client.v2026.getWebhook(created.id)).toMatchObject({ id: created.id, label: "all" });
      expect(await client.v2026.updateWebhook(created.id, { status: "disabled", label: "paused" })).toMatchObject({ status: "disabled", label: "paused" });

      const test = await client.v2026.sendTestEvent(created.id, "contact.updated");
      expect(test).toMatchObject({ id: TEST_EVENT_ID, apiVersion: "2026-03-30", type: "contact.updated" });
      const first = await eventually(() => receiver.received[0]);
      expect(first.verdict).toMatchObject({ ok: true, scheme: "standard" });
      expect(JSON.parse(first.body)).toMatchObject({ id: TEST_EVENT_ID, type: "contact.updated" });

      const rotated = await client.v2026.rotateSecret(created.id);
      expect(rotated).toMatch(/^whsec_/);
      expect(rotated).not.toBe(created.key);
      secrets = [rotated];

      const deliveries = await client.v2026.listDeliveries(created.id, { limit: 10 });
      expect(deliveries).toMatchObject({ data: [{ eventType: "contact.updated", status: "success" }], nextCursor: null });
      const deliveryId = deliveries.data[0]!.id;
      expect(deliveryId).toMatch(/^msg_/);
      await expect(client.v2026.retryDelivery(created.id, deliveryId)).resolves.toBeUndefined();
      const detail = await eventually(async () => {
        const d = await client.v2026.getDelivery(created.id, deliveryId);
        return d.attempts.length === 2 ? d : undefined;
      });
      // The retry is signed with the rotated key and keeps the delivery id (webhook-id).
      expect(detail.attempts.map((a) => [a.triggerType, a.responseStatusCode])).toEqual([["manual", 200], ["manual", 200]]);
      expect(receiver.received[1]!.headers["webhook-id"]).toBe(deliveryId);
      expect(receiver.received[1]!.verdict.ok).toBe(true);

      await expect(client.v2026.deleteWebhook(created.id)).resolves.toBeUndefined();
      expect(await failure(client.v2026.getWebhook(created.id))).toMatchObject({ kind: "not_found", status: 404 });
    } finally {
      await receiver.close();
    }
  });

  it("maps invalid ids and test events of unknown types to bad_request", async () => {
    expect(await failure(client.v2026.getWebhook("WHnotnumeric"))).toMatchObject({ kind: "bad_request", title: "Invalid Id" });
    const created = await client.v2026.createWebhook({ url: "https://x.example.com/h", events: ["call.completed"] });
    expect(await failure(client.v2026.sendTestEvent(created.id, "nope"))).toMatchObject({ kind: "bad_request", title: "Invalid Input Format" });
    expect(await failure(client.v2026.updateWebhook(created.id, {}))).toMatchObject({ kind: "bad_request" });
  });
});

describe("2026-03-30 reads for the backfill", () => {
  it("pages numbers, users, conversations, messages and calls with cursors and reads recordings and transcripts", async () => {
    const ws = fake.state.workspace;
    expect((await client.v2026.listPhoneNumbers()).data.map((n) => n.phoneNumber)).toEqual(ws.phoneNumbers.map((n) => n.number));
    expect((await client.v2026.listUsers({ limit: 50 })).data).toHaveLength(2);
    expect((await client.v2026.listConversations({ phoneNumberId: ws.phoneNumbers[1]!.id })).data).toHaveLength(2);

    const ids: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await client.v2026.listMessages({ limit: 5, after });
      ids.push(...page.data.map((m) => m.id));
      after = page.nextCursor ?? undefined;
      pages++;
    } while (after);
    expect(pages).toBe(Math.ceil(ws.messages.length / 5));
    expect(new Set(ids).size).toBe(ws.messages.length);
    expect(await client.v2026.getMessage(ids[0]!)).toMatchObject({ id: ids[0] });

    const calls = await client.v2026.listCalls({ limit: 50 });
    expect(calls.data).toHaveLength(ws.calls.length);
    const answered = calls.data.find((c) => c.answeredAt)!;
    const missed = calls.data.find((c) => !c.answeredAt)!;
    expect(await client.v2026.getCall(answered.id)).toMatchObject({ summary: { summary: expect.arrayContaining(["Booked for Thursday."]) }, voicemail: null });
    expect((await client.v2026.getCall(missed.id)).voicemail).toMatchObject({ id: expect.stringMatching(/^VM/) });
    expect((await client.v2026.listCallRecordings(answered.id)).data[0]).toMatchObject({ id: expect.stringMatching(/^CR/) });
    expect((await client.v2026.listCallTranscripts(answered.id)).data[0]!.dialogue[1]).toMatchObject({ actorId: expect.stringMatching(/^US/) });
    expect(await failure(client.v2026.listMessages({ limit: 500 }))).toMatchObject({ kind: "bad_request" });
  });
});

describe("failures", () => {
  it("a wrong API key is unauthorized, never retried", async () => {
    const wrong = makeClient({ apiKey: "not-the-key" });
    expect(await failure(wrong.legacy.listWebhooks())).toMatchObject({ kind: "unauthorized", status: 401, apiMessage: "Invalid API key" });
    fake.setFaults({ wrongKey: true });
    expect(await failure(client.v2026.listWebhooks())).toMatchObject({ kind: "unauthorized" });
    expect(sleeps).toEqual([]);
    expect(fake.state.requests.map((r) => r.status)).toEqual([401, 401]);
  });

  it("a missing Quo-Api-Version is not sent by the client for v1 paths and is required by 2026 paths", async () => {
    await client.v2026.listWebhooks();
    const response = await fetch(`${fake.url}/webhooks`, { headers: { authorization: fake.apiKey } });
    expect(response.status).toBe(400);
  });

  it("429 is retried after Retry-After and then succeeds", async () => {
    fake.setFaults({ rateLimit: { count: 2, retryAfterSeconds: 2 } });
    expect(await client.legacy.listWebhooks()).toEqual([]);
    expect(sleeps).toEqual([2000, 2000]);
    expect(fake.state.requests.map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it("429 past the retries, or with a Retry-After too long to wait, is rate_limited with the wait", async () => {
    fake.setFaults({ rateLimit: { count: 10, retryAfterSeconds: 1 } });
    expect(await failure(client.legacy.listWebhooks())).toMatchObject({ kind: "rate_limited", status: 429, retryAfterSeconds: 1 });
    expect(fake.state.requests).toHaveLength(4); // first try + 3 retries
    fake.setFaults({ rateLimit: { count: 1, retryAfterSeconds: 60 } });
    expect(await failure(client.legacy.listWebhooks())).toMatchObject({ kind: "rate_limited", retryAfterSeconds: 60 });
  });

  it("5xx is retried with growing, jittered backoff and then succeeds; past the retries it is server", async () => {
    const jittered = makeClient({ random: () => 0.5, backoffMs: 100 });
    fake.setFaults({ serverErrors: { count: 2, status: 503 } });
    expect(await jittered.legacy.listPhoneNumbers()).toHaveLength(2);
    expect(sleeps).toEqual([50, 100]);
    fake.setFaults({ serverErrors: { count: 9 } });
    expect(await failure(jittered.v2026.createWebhook({ url: "https://x.example.com/h", events: ["call.completed"] }))).toMatchObject({
      kind: "server",
      status: 500,
      apiMessage: "Something went wrong",
    });
    expect(fake.state.webhooks).toHaveLength(0);
  });

  it("a slow answer times out", async () => {
    const impatient = makeClient({ timeoutMs: 150, maxRetries: 0 });
    fake.setFaults({ delayMs: 600 });
    const started = Date.now();
    expect(await failure(impatient.legacy.listWebhooks())).toMatchObject({ kind: "timeout", status: null });
    expect(Date.now() - started).toBeLessThan(550);
  });

  it("a read that times out is retried; a write is not (it may have been applied)", async () => {
    const impatient = makeClient({ timeoutMs: 150, maxRetries: 1 });
    fake.setFaults({ delayMs: 400 });
    expect(await failure(impatient.legacy.listUsers())).toMatchObject({ kind: "timeout" });
    expect(sleeps).toHaveLength(1);
    sleeps.length = 0;
    expect(await failure(impatient.v2026.rotateSecret("1"))).toMatchObject({ kind: "timeout" });
    expect(sleeps).toHaveLength(0);
  });

  it("an unreachable API is unreachable, and the admin's message names what the network said", async () => {
    const nowhere = makeClient({ baseUrl: `http://127.0.0.1:${await closedPort()}`, maxRetries: 0 });
    const error = await failure(nowhere.legacy.listWebhooks());
    expect(error).toMatchObject({ kind: "unreachable", status: null, detail: "ECONNREFUSED" });
    expect(describeAdminFailure(error)).toEqual({ kind: "unreachable", message: "OpenPhone could not be reached (ECONNREFUSED)." });
  });

  it("a port fetch refuses to use (9 is on the Fetch standard's bad-port list) says so", async () => {
    const badPort = makeClient({ baseUrl: "http://127.0.0.1:9", maxRetries: 0 });
    const error = await failure(badPort.legacy.listWebhooks());
    expect(describeAdminFailure(error)).toEqual({ kind: "unreachable", message: "OpenPhone could not be reached (bad port)." });
  });

  it("an answer that does not match the schema is invalid_response", async () => {
    fake.setFaults({ malformed: { count: 1 } });
    const error = await failure(client.legacy.listPhoneNumbers());
    expect(error).toMatchObject({ kind: "invalid_response", status: 200 });
    expect(error.message).toContain("data");
  });

  it("errors never carry the API key", async () => {
    const error = await failure(makeClient({ apiKey: "sk_live_secret_value" }).legacy.listWebhooks());
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain("sk_live_secret_value");
  });
});

describe("rate limit", () => {
  it("never sends more than 10 requests in any one-second window, shared by every client of the key", async () => {
    const a = createOpenPhoneClient({ apiKey: fake.apiKey, baseUrl: fake.url });
    const b = createOpenPhoneClient({ apiKey: fake.apiKey, baseUrl: fake.url });
    const started = Date.now();
    await Promise.all(Array.from({ length: 32 }, (_, i) => (i % 2 ? a : b).legacy.listPhoneNumbers()));
    const elapsed = Date.now() - started;
    const arrivals = fake.state.requests.filter((r) => r.path === "/v1/phone-numbers" && r.at >= started).map((r) => r.at).sort((x, y) => x - y);
    expect(arrivals).toHaveLength(32);
    let busiest = 0;
    for (let i = 0; i < arrivals.length; i++) {
      busiest = Math.max(busiest, arrivals.filter((t) => t >= arrivals[i]! && t < arrivals[i]! + 1000).length);
    }
    expect(busiest).toBeLessThanOrEqual(10);
    // Paced, not serialised: 32 requests take about 3.3 s (more only on a very busy machine).
    expect(elapsed).toBeGreaterThanOrEqual(31 * 100);
    expect(elapsed).toBeLessThan(12_000);
  }, 30_000);
});

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
