import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { signLegacy, signStandard } from "../signature";
import { seedWorkspace, type FakeCall, type FakeWorkspace, type SeedOptions } from "./seed";

/**
 * A fake OpenPhone REST API for tests, the demo and local development: both webhook-management
 * generations, the read endpoints a backfill needs, OpenPhone's envelopes, ids, status codes and
 * error body, pagination, and faults that can be switched on (429 bursts, 500s, slow answers, a
 * wrong key). Test events and retries really deliver signed requests to the registered URL.
 *
 * Control API (no auth): POST /__fake/faults, POST /__fake/reset, POST /__fake/seed,
 * GET|DELETE /__fake/requests, GET /__fake/webhooks, POST /__fake/webhooks/{id}/deliver.
 */

export type Generation = "legacy" | "2026";

export type FakeWebhook = {
  id: string;
  generation: Generation;
  orgId: string;
  userId: string;
  label: string | null;
  status: "enabled" | "disabled";
  url: string;
  events: string[];
  resourceIds: string[];
  key: string;
  /** Keys replaced by rotate, newest first. */
  previousKeys: string[];
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
};

type Attempt = {
  id: string;
  timestamp: string;
  status: "success" | "failed";
  responseStatusCode: number;
  responseBody: string;
  responseDurationMs: number;
  triggerType: "scheduled" | "manual";
  url: string;
};

type Delivery = { id: string; webhookId: string; eventType: string; createdAt: string; requestBody: unknown; attempts: Attempt[] };

export type Faults = {
  /** The next `count` API requests answer 429 with this Retry-After (seconds). */
  rateLimit?: { count: number; retryAfterSeconds?: number };
  /** The next `count` API requests answer this 5xx status. */
  serverErrors?: { count: number; status?: number };
  /** Every API request waits this long before answering. */
  delayMs?: number;
  /** Reject every API key (as after a key is revoked in OpenPhone). */
  wrongKey?: boolean;
  /** Answer successful reads with a body that is not what OpenPhone sends. */
  malformed?: { count: number };
};

export type RecordedRequest = { at: number; method: string; path: string; status: number };

export type FakeOpenPhone = {
  url: string;
  apiKey: string;
  state: { workspace: FakeWorkspace; webhooks: FakeWebhook[]; deliveries: Delivery[]; faults: Faults; requests: RecordedRequest[] };
  setFaults: (faults: Faults) => void;
  reset: (seed?: SeedOptions) => void;
  deliver: (webhookId: string, options?: { eventType?: string; key?: "current" | "previous" }) => Promise<Attempt>;
  close: () => Promise<void>;
};

export const TEST_EVENT_ID = "msg_2abcDEFghiJKLmnoPQRstu";
const ORG_ID = "ORk3v9QpZt";
const DOCS = "https://quo.com/docs";
const API_VERSION = "2026-03-30";

const LEGACY_FAMILIES: Record<string, string[]> = {
  messages: ["message.received", "message.delivered"],
  calls: ["call.ringing", "call.completed", "call.recording.completed"],
  "call-summaries": ["call.summary.completed"],
  "call-transcripts": ["call.transcript.completed"],
};

export const EVENTS_2026 = [
  "call.answered", "call.completed", "call.forwarded", "call.menu.selected", "call.missed", "call.ringing",
  "call.recording.completed", "call.summary.completed", "call.transcript.completed", "call.voicemail.completed",
  "message.received", "message.delivered", "message.failed", "message.undelivered", "contact.updated", "contact.deleted",
  "task.assigned", "task.created", "task.completed", "task.updated", "task.deleted", "task.unassigned", "task.reopened",
  "task.duedate.removed", "task.duedate.updated", "task.overdue", "task.linked", "task.unlinked",
] as const;

class HttpError extends Error {
  constructor(readonly status: number, readonly title: string, message: string, readonly code?: string) {
    super(message);
  }
}

export async function startFakeOpenPhone(options: { port?: number; host?: string; apiKey?: string; seed?: SeedOptions } = {}): Promise<FakeOpenPhone> {
  const apiKey = options.apiKey ?? `fake_${randomBytes(12).toString("hex")}`;
  const state: FakeOpenPhone["state"] = { workspace: seedWorkspace(options.seed), webhooks: [], deliveries: [], faults: {}, requests: [] };
  let nextNumericId = 1000;
  const now = () => new Date().toISOString();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      handle(req, raw)
        .then((answer) => send(res, answer.status, answer.body, answer.headers))
        .catch((error: unknown) => {
          const e = error instanceof HttpError ? error : new HttpError(500, "Internal Server Error", "Something went wrong", "0301500");
          send(res, e.status, errorBody(e));
        });
    });
  });

  type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

  async function handle(req: http.IncomingMessage, raw: string): Promise<Answer> {
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    if (url.pathname.startsWith("/__fake/")) return control(method, url, raw);

    const at = Date.now();
    const record = (status: number) => state.requests.push({ at, method, path: url.pathname + url.search, status });
    const f = state.faults;
    if (f.delayMs) await new Promise((r) => setTimeout(r, f.delayMs));
    try {
      if (f.rateLimit && f.rateLimit.count > 0) {
        f.rateLimit.count--;
        throw Object.assign(new HttpError(429, "Too Many Requests", "Rate limit exceeded: 10 requests per second"), {
          retryAfter: String(f.rateLimit.retryAfterSeconds ?? 1),
        });
      }
      if (f.serverErrors && f.serverErrors.count > 0) {
        f.serverErrors.count--;
        throw new HttpError(f.serverErrors.status ?? 500, "Internal Server Error", "Something went wrong", "0301500");
      }
      const auth = req.headers.authorization;
      if (!auth || auth !== apiKey || f.wrongKey) throw new HttpError(401, "Unauthorized", "Invalid API key", "0300401");
      const answer = await api(method, url, raw, req.headers);
      if (f.malformed && f.malformed.count > 0 && method === "GET" && answer.body !== undefined) {
        f.malformed.count--;
        answer.body = { unexpected: true };
      }
      record(answer.status);
      return answer;
    } catch (error) {
      const e = error instanceof HttpError ? error : new HttpError(500, "Internal Server Error", "Something went wrong", "0301500");
      record(e.status);
      const retryAfter = (error as { retryAfter?: string }).retryAfter;
      return { status: e.status, body: errorBody(e), headers: retryAfter ? { "retry-after": retryAfter } : undefined };
    }
  }

  function control(method: string, url: URL, raw: string): Promise<Answer> | Answer {
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const path = url.pathname;
    if (method === "POST" && path === "/__fake/faults") {
      state.faults = body as Faults;
      return { status: 200, body: { faults: state.faults } };
    }
    if (method === "POST" && path === "/__fake/reset") {
      reset(body as SeedOptions);
      return { status: 200, body: { ok: true } };
    }
    if (method === "POST" && path === "/__fake/seed") {
      const seeded = seedWorkspace(body as SeedOptions);
      // `append: true` adds a (namespaced) seed next to what is there instead of replacing it.
      state.workspace = (body as { append?: boolean }).append ? mergeWorkspaces(state.workspace, seeded) : seeded;
      return { status: 200, body: { phoneNumbers: state.workspace.phoneNumbers.length } };
    }
    if (path === "/__fake/requests") {
      if (method === "DELETE") state.requests = [];
      return { status: 200, body: { requests: state.requests } };
    }
    if (method === "GET" && path === "/__fake/webhooks") return { status: 200, body: { data: state.webhooks } };
    const deliverMatch = /^\/__fake\/webhooks\/([^/]+)\/deliver$/.exec(path);
    if (method === "POST" && deliverMatch) {
      return deliver(decodeURIComponent(deliverMatch[1]!), body as { eventType?: string; key?: "current" | "previous" }).then((attempt) => ({
        status: 200,
        body: { data: attempt },
      }));
    }
    return { status: 404, body: errorBody(new HttpError(404, "Not Found", `No control route ${method} ${path}`)) };
  }

  async function api(method: string, url: URL, raw: string, headers: http.IncomingHttpHeaders): Promise<Answer> {
    const p = url.pathname;
    const q = url.searchParams;
    const ws = state.workspace;
    let m: RegExpExecArray | null;

    // ---- legacy /v1 ----
    if (p.startsWith("/v1/")) {
      if (method === "GET" && p === "/v1/webhooks") return ok({ data: live("legacy").map(legacyView) });
      if (method === "POST" && (m = /^\/v1\/webhooks\/(messages|calls|call-summaries|call-transcripts)$/.exec(p))) {
        const input = parseCreate(raw, LEGACY_FAMILIES[m[1]!]!);
        const hook = addWebhook("legacy", input, `WH${randomBytes(12).toString("hex")}`, randomBytes(32).toString("base64"));
        return { status: 201, body: { data: legacyView(hook) } };
      }
      if ((m = /^\/v1\/webhooks\/([^/]+)$/.exec(p))) {
        const hook = findWebhook(decodeURIComponent(m[1]!), "legacy");
        if (method === "GET") return ok({ data: legacyView(hook) });
        if (method === "DELETE") {
          hook.deletedAt = now();
          return { status: 204 };
        }
      }
      if (method === "GET" && p === "/v1/phone-numbers") {
        return ok({ data: ws.phoneNumbers.map((n) => ({ ...n, users: ws.users.filter((u) => n.userIds.includes(u.id)), userIds: undefined })) });
      }
      if (method === "GET" && p === "/v1/users") return ok(pageByToken(ws.users, q));
      if (method === "GET" && (m = /^\/v1\/users\/([^/]+)$/.exec(p))) return ok({ data: found(ws.users.find((u) => u.id === m![1])) });
      if (method === "GET" && p === "/v1/conversations") {
        const numbers = q.getAll("phoneNumbers[]");
        const rows = ws.conversations.filter((c) => numbers.length === 0 || numbers.includes(c.phoneNumberId));
        return ok(pageByToken(newestFirst(rows), q));
      }
      if (method === "GET" && (p === "/v1/messages" || p === "/v1/calls")) {
        const phoneNumberId = q.get("phoneNumberId");
        const participants = q.getAll("participants[]");
        if (!phoneNumberId || participants.length === 0) {
          throw new HttpError(400, "Bad Request", "phoneNumberId and participants are required", "0300400");
        }
        const inRange = (createdAt: string) =>
          (!q.get("createdAfter") || createdAt > q.get("createdAfter")!) && (!q.get("createdBefore") || createdAt < q.get("createdBefore")!);
        if (p === "/v1/messages") {
          const rows = ws.messages.filter(
            (x) => x.phoneNumberId === phoneNumberId && participants.some((n) => x.from === n || x.to.includes(n)) && inRange(x.createdAt),
          );
          return ok(pageByToken(newestFirst(rows).map(messageView), q));
        }
        const rows = ws.calls.filter((c) => c.phoneNumberId === phoneNumberId && participants.includes(c.participant) && inRange(c.createdAt));
        return ok(pageByToken(newestFirst(rows).map(legacyCallView), q));
      }
      if (method === "GET" && (m = /^\/v1\/messages\/([^/]+)$/.exec(p))) return ok({ data: messageView(found(ws.messages.find((x) => x.id === m![1]))) });
      if (method === "GET" && (m = /^\/v1\/calls\/([^/]+)$/.exec(p))) return ok({ data: legacyCallView(call(m[1]!)) });
      if (method === "GET" && (m = /^\/v1\/call-recordings\/([^/]+)$/.exec(p))) return ok({ data: call(m[1]!).recordings });
      if (method === "GET" && (m = /^\/v1\/call-summaries\/([^/]+)$/.exec(p))) {
        const c = call(m[1]!);
        return ok({ data: { callId: c.id, status: c.summary ? "completed" : "absent", summary: c.summary?.summary ?? null, nextSteps: c.summary?.nextSteps ?? null } });
      }
      if (method === "GET" && (m = /^\/v1\/call-transcripts\/([^/]+)$/.exec(p))) {
        const c = call(m[1]!);
        return ok({ data: { callId: c.id, status: c.transcript ? "completed" : "absent", duration: c.duration, createdAt: c.completedAt, dialogue: c.transcript } });
      }
      if (method === "GET" && (m = /^\/v1\/call-voicemails\/([^/]+)$/.exec(p))) {
        const c = call(m[1]!);
        if (!c.voicemail) throw new HttpError(404, "Not Found", "This call has no voicemail", "0300404");
        return ok({ data: { ...c.voicemail, status: "completed" } });
      }
      throw new HttpError(404, "Not Found", `No route ${method} ${p}`, "0300404");
    }

    // ---- 2026-03-30 ----
    const version = headers["quo-api-version"];
    if (version !== API_VERSION) {
      throw new HttpError(400, "Bad Request", "The Quo-Api-Version header is required and must be 2026-03-30", "0300400");
    }
    if (p === "/webhooks") {
      // Lists both generations, as the real endpoint does (legacy items carry no apiVersion).
      if (method === "GET") return ok({ data: state.webhooks.filter((w) => !w.deletedAt).map(view2026) });
      if (method === "POST") {
        const input = parseCreate(raw, EVENTS_2026);
        const hook = addWebhook("2026", input, String(nextNumericId++), `whsec_${randomBytes(24).toString("base64")}`);
        return { status: 201, body: { data: { ...view2026(hook), key: hook.key } } };
      }
    }
    if ((m = /^\/webhooks\/([^/]+)(\/.*)?$/.exec(p))) {
      const id = decodeURIComponent(m[1]!);
      const rest = m[2] ?? "";
      if (!/^[0-9]+$/.test(id)) {
        throw Object.assign(new HttpError(400, "Invalid Id", "The webhook id must be numeric", "0303400"), {});
      }
      const hook = findWebhook(id, "2026");
      if (rest === "" && method === "GET") return ok({ data: view2026(hook) });
      if (rest === "" && method === "PATCH") {
        const patch = parseJson(raw) as Partial<{ url: string; events: string[]; resourceIds: string[] | null; status: string; label: string | null }>;
        if (Object.keys(patch).length === 0) throw new HttpError(400, "Bad Request", "Provide at least one field to update", "0304400");
        if (patch.status !== undefined && patch.status !== "enabled" && patch.status !== "disabled") {
          throw new HttpError(400, "Bad Request", "status must be enabled or disabled", "0304400");
        }
        if (patch.url !== undefined) hook.url = patch.url;
        if (patch.events !== undefined) hook.events = patch.events;
        if (patch.resourceIds !== undefined) hook.resourceIds = patch.resourceIds?.length ? patch.resourceIds : ["*"];
        if (patch.status !== undefined) hook.status = patch.status;
        if (patch.label !== undefined) hook.label = patch.label;
        hook.updatedAt = now();
        return ok({ data: view2026(hook) });
      }
      if (rest === "" && method === "DELETE") {
        hook.deletedAt = now();
        return { status: 204 };
      }
      if (rest === "/rotate" && method === "POST") {
        hook.previousKeys.unshift(hook.key);
        hook.key = `whsec_${randomBytes(24).toString("base64")}`;
        hook.updatedAt = now();
        return ok({ data: { key: hook.key } });
      }
      if (rest === "/events/test" && method === "POST") {
        const { eventType } = parseJson(raw) as { eventType?: string };
        if (!eventType || !(EVENTS_2026 as readonly string[]).includes(eventType)) {
          throw new HttpError(400, "Invalid Input Format", "eventType must be one of the webhook event types", "0304400");
        }
        const envelope = testEnvelope(eventType);
        // The delivery itself is asynchronous, as in OpenPhone.
        void deliverEnvelope(hook, envelope, "manual", hook.key).catch(() => undefined);
        return ok(envelope);
      }
      if (rest === "/events" && method === "GET") {
        const rows = state.deliveries
          .filter((d) => d.webhookId === hook.id && (!q.get("status") || deliveryStatus(d) === q.get("status")))
          .slice()
          .reverse()
          .map((d) => ({ id: d.id, eventType: d.eventType, status: deliveryStatus(d), nextAttemptAt: null, createdAt: d.createdAt }));
        return ok(pageByCursor(rows, q));
      }
      if ((m = /^\/events\/([^/]+)(\/retry)?$/.exec(rest))) {
        const delivery = found(state.deliveries.find((d) => d.id === m![1] && d.webhookId === hook.id));
        if (!m[2] && method === "GET") return ok({ data: { id: delivery.id, eventType: delivery.eventType, createdAt: delivery.createdAt, requestBody: delivery.requestBody, attempts: delivery.attempts } });
        if (m[2] && method === "POST") {
          void attempt(hook, delivery, "manual", hook.key).catch(() => undefined);
          return { status: 202, body: {} };
        }
      }
      throw new HttpError(404, "Not Found", `No route ${method} ${p}`, "0300404");
    }
    if (method === "GET" && p === "/phone-numbers") {
      return ok(pageByCursor(ws.phoneNumbers.map((n) => ({ id: n.id, groupId: null, name: n.name, phoneNumber: n.number, formattedNumber: n.formattedNumber, symbol: n.symbol, createdAt: n.createdAt, updatedAt: n.createdAt })), q));
    }
    if (method === "GET" && p === "/users") return ok(pageByCursor(ws.users, q));
    if (method === "GET" && p === "/conversations") return ok(pageByCursor(newestFirst(filterByNumber(ws.conversations, q)), q));
    if (method === "GET" && p === "/messages") return ok(pageByCursor(newestFirst(filterByNumber(ws.messages, q)).map(messageView), q));
    if (method === "GET" && (m = /^\/messages\/([^/]+)$/.exec(p))) return ok({ data: messageView(found(ws.messages.find((x) => x.id === m![1]))) });
    if (method === "GET" && p === "/calls") return ok(pageByCursor(newestFirst(filterByNumber(ws.calls, q)).map(call2026View), q));
    if (method === "GET" && (m = /^\/calls\/([^/]+)$/.exec(p))) return ok({ data: call2026View(call(m[1]!)) });
    if (method === "GET" && (m = /^\/calls\/([^/]+)\/recordings$/.exec(p))) return ok(pageByCursor(call(m[1]!).recordings, q));
    if (method === "GET" && (m = /^\/calls\/([^/]+)\/transcripts$/.exec(p))) {
      const c = call(m[1]!);
      const rows = c.transcript
        ? [{ recordingId: c.recordings[0]?.id ?? null, status: "completed", startTime: c.answeredAt, createdAt: c.completedAt, duration: c.duration, dialogue: c.transcript.map(({ userId, ...d }) => ({ ...d, actorId: userId })) }]
        : [];
      return ok(pageByCursor(rows, q));
    }
    throw new HttpError(404, "Not Found", `No route ${method} ${p}`, "0300404");
  }

  // ---- helpers over state ----

  function live(generation: Generation) {
    return state.webhooks.filter((w) => w.generation === generation && !w.deletedAt);
  }
  function findWebhook(id: string, generation: Generation): FakeWebhook {
    const hook = state.webhooks.find((w) => w.id === id && w.generation === generation && !w.deletedAt);
    if (!hook) throw new HttpError(404, "Not Found", "Webhook not found", "0300404");
    return hook;
  }
  function call(id: string): FakeCall {
    return found(state.workspace.calls.find((c) => c.id === id));
  }
  function addWebhook(generation: Generation, input: CreateInput, id: string, key: string): FakeWebhook {
    if (state.webhooks.filter((w) => !w.deletedAt).length >= 50) throw new HttpError(400, "Bad Request", "A workspace can have at most 50 webhooks", "0300400");
    const at = now();
    const hook: FakeWebhook = {
      id,
      generation,
      orgId: ORG_ID,
      userId: state.workspace.users[0]?.id ?? "US0",
      label: input.label ?? null,
      status: input.status ?? "enabled",
      url: input.url,
      events: input.events,
      resourceIds: input.resourceIds ?? ["*"],
      key,
      previousKeys: [],
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    };
    state.webhooks.push(hook);
    return hook;
  }

  async function deliver(webhookId: string, options: { eventType?: string; key?: "current" | "previous" } = {}): Promise<Attempt> {
    const hook = state.webhooks.find((w) => w.id === webhookId);
    if (!hook) throw new HttpError(404, "Not Found", "Webhook not found", "0300404");
    const key = options.key === "previous" ? hook.previousKeys[0] : hook.key;
    if (!key) throw new HttpError(400, "Bad Request", "This webhook has no previous key");
    const eventType = options.eventType ?? (hook.generation === "2026" ? "contact.updated" : "token.validated");
    const envelope = hook.generation === "2026" ? { ...testEnvelope(eventType), id: `EV${randomBytes(16).toString("hex")}` } : legacyEnvelope(eventType);
    return deliverEnvelope(hook, envelope, "scheduled", key);
  }

  async function deliverEnvelope(hook: FakeWebhook, envelope: Record<string, unknown>, trigger: Attempt["triggerType"], key: string): Promise<Attempt> {
    const delivery: Delivery = { id: `msg_${randomUUID().replace(/-/g, "")}`, webhookId: hook.id, eventType: String(envelope.type), createdAt: now(), requestBody: envelope, attempts: [] };
    state.deliveries.push(delivery);
    return attempt(hook, delivery, trigger, key);
  }

  async function attempt(hook: FakeWebhook, delivery: Delivery, trigger: Attempt["triggerType"], key: string): Promise<Attempt> {
    const rawBody = JSON.stringify(delivery.requestBody);
    const nowMs = Date.now();
    const signature =
      hook.generation === "2026"
        ? signStandard({ secret: key, rawBody, id: delivery.id, timestampSeconds: Math.floor(nowMs / 1000) })
        : { "openphone-signature": signLegacy({ secret: key, rawBody, timestampMs: nowMs }) };
    const started = performance.now();
    let statusCode = 0;
    let responseBody = "";
    try {
      const response = await fetch(hook.url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "OpenPhone-Webhooks (fake)", ...signature },
        body: rawBody,
        signal: AbortSignal.timeout(10_000),
      });
      statusCode = response.status;
      responseBody = (await response.text()).slice(0, 1000);
    } catch (error) {
      responseBody = error instanceof Error ? error.message : "request failed";
    }
    const result: Attempt = {
      id: `atmpt_${randomBytes(10).toString("hex")}`,
      timestamp: new Date(nowMs).toISOString(),
      status: statusCode >= 200 && statusCode < 300 ? "success" : "failed",
      responseStatusCode: statusCode,
      responseBody,
      responseDurationMs: Math.round(performance.now() - started),
      triggerType: trigger,
      url: hook.url,
    };
    delivery.attempts.push(result);
    return result;
  }

  function reset(seed?: SeedOptions) {
    state.workspace = seedWorkspace(seed);
    state.webhooks = [];
    state.deliveries = [];
    state.faults = {};
    state.requests = [];
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;

  return {
    url: `http://${options.host ?? "127.0.0.1"}:${address.port}`,
    apiKey,
    state,
    setFaults: (faults) => {
      state.faults = faults;
    },
    reset,
    deliver,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---- views and pure helpers ----

type CreateInput = { url: string; events: string[]; resourceIds?: string[]; label?: string | null; status?: "enabled" | "disabled" };

function parseJson(raw: string): unknown {
  try {
    return raw ? JSON.parse(raw) : {};
  } catch {
    throw new HttpError(400, "Invalid Input Format", "The body is not valid JSON", "0304400");
  }
}

function parseCreate(raw: string, allowed: readonly string[]): CreateInput {
  const body = parseJson(raw) as Partial<CreateInput>;
  const problems: string[] = [];
  if (typeof body.url !== "string" || !/^https?:\/\//.test(body.url)) problems.push("url must be an absolute http(s) URL");
  if (!Array.isArray(body.events) || body.events.length === 0) problems.push("events must list at least one event");
  else for (const e of body.events) if (!allowed.includes(e)) problems.push(`event ${String(e)} is not allowed here`);
  if (body.resourceIds !== undefined && (!Array.isArray(body.resourceIds) || body.resourceIds.some((r) => r !== "*" && !/^PN/.test(r)))) {
    problems.push("resourceIds must be PN… ids or [\"*\"]");
  }
  if (body.status !== undefined && body.status !== "enabled" && body.status !== "disabled") problems.push("status must be enabled or disabled");
  if (problems.length > 0) throw new HttpError(400, "Bad Request", problems.join("; "), "0300400");
  return body as CreateInput;
}

function legacyView(w: FakeWebhook) {
  return {
    id: w.id, userId: w.userId, orgId: w.orgId, label: w.label, status: w.status, url: w.url, key: w.key,
    createdAt: w.createdAt, updatedAt: w.updatedAt, deletedAt: w.deletedAt, events: w.events, resourceIds: w.resourceIds,
  };
}

function view2026(w: FakeWebhook) {
  return {
    id: w.id, orgId: w.orgId, label: w.label, status: w.status, url: w.url, createdAt: w.createdAt, updatedAt: w.updatedAt,
    ...(w.generation === "2026" ? { apiVersion: API_VERSION } : {}), events: w.events, resourceIds: w.resourceIds,
  };
}

function messageView(x: FakeWorkspace["messages"][number]) {
  return { id: x.id, from: x.from, to: x.to, text: x.text, direction: x.direction, status: x.status, conversationId: x.conversationId, phoneNumberId: x.phoneNumberId, userId: x.userId, media: x.media, createdAt: x.createdAt, updatedAt: x.createdAt };
}

function legacyCallView(c: FakeCall) {
  return { id: c.id, phoneNumberId: c.phoneNumberId, userId: c.userId, direction: c.direction, status: c.status, participants: [c.participant], answeredAt: c.answeredAt, answeredBy: c.answeredAt ? c.userId : null, initiatedBy: c.direction === "outgoing" ? c.userId : null, completedAt: c.completedAt, duration: c.duration, createdAt: c.createdAt, updatedAt: c.completedAt };
}

function call2026View(c: FakeCall) {
  return {
    id: c.id, phoneNumberId: c.phoneNumberId, actorId: c.userId, direction: c.direction, status: c.status,
    participants: [{ phoneNumber: c.participant, actorId: null }], answeredAt: c.answeredAt, answeredBy: c.answeredAt ? c.userId : null,
    initiatedBy: c.direction === "outgoing" ? c.userId : null, completedAt: c.completedAt, duration: c.duration, forwardedFrom: null, forwardedTo: null,
    callRoute: "phone-number", aiHandled: null,
    summary: c.summary ? { status: "completed", type: "call", summary: c.summary.summary, nextSteps: c.summary.nextSteps, jobs: [], title: "Booking" } : null,
    voicemail: c.voicemail ? { ...c.voicemail, status: "completed" } : null,
    createdAt: c.createdAt, updatedAt: c.completedAt,
  };
}

function testEnvelope(eventType: string): Record<string, unknown> {
  const at = new Date().toISOString();
  // OpenPhone's test dispatches all share one sample body id; `webhook-id` stays unique per delivery.
  return {
    id: TEST_EVENT_ID,
    apiVersion: API_VERSION,
    type: eventType,
    createdAt: at,
    data: {
      resource: { id: "CT6651a2f0c9e4b7d2a18f3c05", firstName: "Test", lastName: "Contact", company: null, role: null, location: null, source: null, externalId: null, emails: [], phoneNumbers: [{ value: "+16505550187", type: "phone-number" }], customFields: [], createdAt: at, updatedAt: at },
      context: { orgId: ORG_ID, userId: "USr8Tq2LmZ", sharedWithIds: [] },
      links: { quo: null },
    },
  };
}

function legacyEnvelope(eventType: string): Record<string, unknown> {
  return { id: `EV${randomBytes(16).toString("hex")}`, object: "event", apiVersion: "v3", createdAt: new Date().toISOString(), type: eventType, data: { object: { id: `TK${randomBytes(8).toString("hex")}` } } };
}

function deliveryStatus(d: Delivery): "success" | "failed" | "pending" {
  if (d.attempts.some((a) => a.status === "success")) return "success";
  return d.attempts.length === 0 ? "pending" : "failed";
}

function found<T>(value: T | undefined): T {
  if (value === undefined) throw new HttpError(404, "Not Found", "Resource not found", "0300404");
  return value;
}

function ok(body: unknown): { status: number; body: unknown } {
  return { status: 200, body };
}

function newestFirst<T extends { createdAt: string }>(rows: T[]): T[] {
  return rows.slice().sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

function filterByNumber<T extends { phoneNumberId: string }>(rows: T[], q: URLSearchParams): T[] {
  const pn = q.get("phoneNumberId");
  return pn ? rows.filter((r) => r.phoneNumberId === pn) : rows;
}

function pageByToken<T>(rows: T[], q: URLSearchParams) {
  const size = clamp(Number(q.get("maxResults") ?? 10), 1, 100);
  const offset = decodeOffset(q.get("pageToken"));
  const data = rows.slice(offset, offset + size);
  const next = offset + size < rows.length ? encodeOffset(offset + size) : null;
  return { data, totalItems: rows.length, nextPageToken: next };
}

function pageByCursor<T>(rows: T[], q: URLSearchParams) {
  const limit = q.get("limit") === null ? 10 : Number(q.get("limit"));
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw new HttpError(400, "Bad Request", "limit must be between 1 and 50", "0300400");
  const offset = decodeOffset(q.get("after"));
  const data = rows.slice(offset, offset + limit);
  return { data, nextCursor: offset + limit < rows.length ? encodeOffset(offset + limit) : null };
}

function encodeOffset(n: number): string {
  return Buffer.from(`o:${n}`).toString("base64url");
}

function decodeOffset(token: string | null): number {
  if (!token) return 0;
  const match = /^o:(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!match) throw new HttpError(400, "Bad Request", "Invalid page token", "0300400");
  return Number(match[1]);
}

function clamp(n: number, min: number, max: number): number {
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.trunc(n))) : min;
}

function errorBody(e: HttpError) {
  return { message: e.message, code: e.code ?? `0300${e.status}`, status: e.status, docs: DOCS, title: e.title };
}

function send(res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined || status === 204) {
    res.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers }).end(text);
}

/** Two seeds side by side: every list joined, users by id once. */
function mergeWorkspaces(a: FakeWorkspace, b: FakeWorkspace): FakeWorkspace {
  const users = [...a.users, ...b.users.filter((u) => !a.users.some((v) => v.id === u.id))];
  return {
    phoneNumbers: [...a.phoneNumbers, ...b.phoneNumbers],
    users,
    conversations: [...a.conversations, ...b.conversations],
    messages: [...a.messages, ...b.messages],
    calls: [...a.calls, ...b.calls],
  };
}
