import { randomBytes } from "node:crypto";
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createSession } from "@/lib/auth/sessions";
import { createUser } from "@/lib/auth/users";
import { createDatabase } from "@/lib/db/create-database";
import type { AppDatabase as Database } from "@/lib/db/types";
import { fakeId, messageEvent } from "@/lib/simulator/payloads";
import { signedHeaders } from "@/lib/simulator/sign";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { cookieFrom, request, submitForm } from "../helpers/http-client";
import { TEST_SECRET } from "../helpers/ingest";

// A second production server configured like a real deployment facing the internet: no trusted
// proxy (TRUSTED_PROXY_HOPS unset), an https public URL, and the default media hosts.
const PORT = Number(process.env.HTTP_TEST_PORT ?? 3200) + 1;
let server: AppServer;
let db: Database;
let internal: http.Server;
let internalUrl = "";
let internalHits = 0;

beforeAll(async () => {
  internal = http.createServer((_req, res) => {
    internalHits++;
    res.writeHead(200, { "content-type": "text/plain" }).end("internal admin page");
  });
  await new Promise<void>((resolve) => internal.listen(0, "127.0.0.1", resolve));
  internalUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}`;
  server = await startAppServer({
    port: PORT,
    name: `http-hardened-${PORT}`,
    env: { OPENPHONE_WEBHOOK_SIGNING_KEY: TEST_SECRET, WEBHOOK_BASE_URL: `https://localhost:${PORT}` },
  });
  db = createDatabase(server.databaseUrl, { poolSize: 2 });
}, 600_000);

afterAll(async () => {
  await db?.prisma.$disconnect();
  await server?.stop();
  await new Promise((resolve) => internal.close(resolve));
});

async function newUser(password: string) {
  const email = `h-${randomBytes(4).toString("hex")}@inbox.test`;
  const created = await createUser(db, { email, role: "staff", password }, new Date());
  if (!created.ok) throw new Error("user exists");
  return { email, id: created.id };
}

async function signIn(email: string, password: string, headers: Record<string, string> = {}) {
  const loginUrl = `${server.baseUrl}/login`;
  const page = await request(loginUrl);
  return submitForm(loginUrl, page.body, /name="password"/, { email, password }, headers);
}

describe("facing the internet directly (TRUSTED_PROXY_HOPS=0)", () => {
  it("a client cannot escape the sign-in limit by sending a different X-Forwarded-For each time", async () => {
    const user = await newUser("right password 123");
    for (let i = 0; i < 5; i++) {
      const result = await signIn(user.email, `wrong ${i}`, { "X-Forwarded-For": `198.51.100.${i + 1}`, "X-Real-IP": `203.0.113.${i + 1}` });
      expect(result.body).toContain("match an active account");
    }
    const blocked = await signIn(user.email, "right password 123", { "X-Forwarded-For": "192.0.2.77" });
    expect(blocked.body).toContain("Too many failed sign-in attempts");
    expect(cookieFrom(blocked, "__Host-opi_session")).toBeUndefined();
  }, 180_000);

  it("over https the session cookie is __Host- prefixed and Secure, and pages carry HSTS", async () => {
    const user = await newUser("right password 123");
    const result = await signIn(user.email, "right password 123");
    expect(result.status).toBe(303);
    expect(cookieFrom(result, "opi_session")).toBeUndefined();
    const cookie = cookieFrom(result, "__Host-opi_session")!;
    expect(cookie.attributes).toMatch(/Secure/i);
    expect(cookie.attributes).toMatch(/Path=\//);
    expect(cookie.attributes).not.toMatch(/Domain=/i);
    expect((await request(`${server.baseUrl}/api/me`, { headers: { Cookie: cookie.pair } })).status).toBe(200);
    // The plain name is not accepted over https (a sibling subdomain could have set it).
    expect((await request(`${server.baseUrl}/api/me`, { headers: { Cookie: cookie.pair.replace("__Host-", "") } })).status).toBe(401);
    expect((await request(`${server.baseUrl}/login`)).headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
  }, 120_000);

  it("the media proxy refuses a stored URL that points at an internal service", async () => {
    const id = fakeId("AC");
    const event = messageEvent({ id, participant: "+14155550199", text: "see attached", media: [{ url: `${internalUrl}/admin`, type: "image/png" }] });
    const body = JSON.stringify(event);
    const delivered = await request(`${server.baseUrl}/api/webhooks/openphone`, { method: "POST", body, headers: signedHeaders(body, { secret: TEST_SECRET }) });
    expect(delivered.status, delivered.body).toBe(200);
    const staffId = (await newUser("right password 123")).id;
    const { token } = await createSession(db, staffId, new Date());
    const cookie = `__Host-opi_session=${token}`;
    const message = JSON.parse((await request(`${server.baseUrl}/api/messages/${id}`, { headers: { Cookie: cookie } })).body);
    const media = await request(server.baseUrl + message.message.media[0].url, { headers: { Cookie: cookie } });
    expect(media.status).toBe(502);
    expect(JSON.parse(media.body).error).toBe("refused_upstream_url");
    expect(media.body).not.toContain("internal admin page");
    expect(internalHits).toBe(0);
  }, 60_000);

  it("drops a webhook sender that stalls mid-body at the read deadline", async () => {
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(PORT, "127.0.0.1", () => {
        socket.write(`POST /api/webhooks/openphone HTTP/1.1\r\nHost: localhost:${PORT}\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"id":`);
      });
      let text = "";
      socket.on("data", (d) => (text += d.toString()));
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
      setTimeout(() => socket.destroy(), 30_000);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it("the benchmark route does not exist without BENCH_BASELINE", async () => {
    const res = await request(`${server.baseUrl}/api/bench/verify`, { method: "POST", body: "{}", headers: { "x-bench-token": "x".repeat(40) } });
    expect(res.status).toBe(404);
  });
});
