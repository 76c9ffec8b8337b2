import { createHash } from "node:crypto";

/** Deterministic workspace data for the fake API: ids look like OpenPhone's (PN…, US…, CN…, AC…, CR…). */
export type FakePhoneNumber = { id: string; name: string; number: string; formattedNumber: string; symbol: string; userIds: string[]; createdAt: string };
export type FakeUser = { id: string; email: string; firstName: string; lastName: string; role: string; createdAt: string };
export type FakeConversation = { id: string; phoneNumberId: string; participants: string[]; name: string | null; lastActivityAt: string; createdAt: string };
export type FakeMessage = {
  id: string;
  phoneNumberId: string;
  conversationId: string;
  userId: string;
  from: string;
  to: string[];
  text: string;
  direction: "incoming" | "outgoing";
  status: string;
  media: { url: string; type: string }[];
  createdAt: string;
};
export type FakeCall = {
  id: string;
  phoneNumberId: string;
  conversationId: string;
  userId: string;
  participant: string;
  direction: "incoming" | "outgoing";
  status: string;
  answeredAt: string | null;
  completedAt: string;
  duration: number;
  createdAt: string;
  recordings: { id: string; startTime: string; duration: number; url: string; type: string; status: string }[];
  summary: { summary: string[]; nextSteps: string[] } | null;
  transcript: { content: string; start: number; end: number; identifier: string; userId: string | null }[] | null;
  voicemail: { id: string; duration: number; recordingUrl: string; transcript: string } | null;
};

export type FakeWorkspace = {
  phoneNumbers: FakePhoneNumber[];
  users: FakeUser[];
  conversations: FakeConversation[];
  messages: FakeMessage[];
  calls: FakeCall[];
};

export type SeedOptions = {
  phoneNumbers?: number;
  messagesPerConversation?: number;
  callsPerConversation?: number;
  startMs?: number;
  /** Makes every id (and number) of this seed distinct from the default seed's, so two seeds can live side by side. */
  namespace?: string;
};

function fakeId(prefix: string, ...parts: (string | number)[]): string {
  return prefix + createHash("sha256").update(parts.join(":")).digest("hex").slice(0, 20);
}

const FIRST = ["Maya", "Jonah", "Priya", "Luis", "Ada", "Kenji"];
const LAST = ["Okafor", "Lindqvist", "Raman", "Ortega", "Baptiste", "Sato"];
const TEXTS = ["Hi, is the 3pm slot still open?", "Yes, see you then.", "Can you send the quote?", "Sent it over just now.", "Thanks!"];

export function seedWorkspace(options: SeedOptions = {}): FakeWorkspace {
  const numbers = options.phoneNumbers ?? 2;
  const ns = options.namespace ? [options.namespace] : [];
  // A namespaced seed's workspace numbers differ from the default seed's (+1415555 0100…, 0700…).
  const lineBase = ns.length > 0 ? 700 : 100;
  const perMessages = options.messagesPerConversation ?? 6;
  const perCalls = options.callsPerConversation ?? 3;
  let clock = options.startMs ?? Date.parse("2026-11-30T09:00:00.000Z");
  const tick = () => new Date((clock += 61_000)).toISOString();
  const created = new Date(clock - 86_400_000 * 90).toISOString();

  const users: FakeUser[] = [0, 1].map((i) => ({
    id: fakeId("US", ...ns, "user", i).slice(0, 12),
    email: `${FIRST[i]!.toLowerCase()}@example.com`,
    firstName: FIRST[i]!,
    lastName: LAST[i]!,
    role: i === 0 ? "owner" : "member",
    createdAt: created,
  }));
  const phoneNumbers: FakePhoneNumber[] = Array.from({ length: numbers }, (_, i) => ({
    id: fakeId("PN", ...ns, "number", i).slice(0, 12),
    // A namespaced seed's numbers say whose they are, so they never pass for the default "Front desk".
    name: ns.length > 0 ? `${options.namespace} line ${i + 1}` : i === 0 ? "Front desk" : `Line ${i + 1}`,
    number: `+1415555${String(lineBase + i).padStart(4, "0")}`,
    formattedNumber: `(415) 555-${String(lineBase + i).padStart(4, "0")}`,
    symbol: i === 0 ? "📞" : "☎️",
    userIds: users.map((u) => u.id),
    createdAt: created,
  }));
  const conversations: FakeConversation[] = [];
  const messages: FakeMessage[] = [];
  const calls: FakeCall[] = [];
  phoneNumbers.forEach((pn, p) => {
    for (let c = 0; c < 2; c++) {
      const participant = `+1650555${String(200 + p * 10 + c).padStart(4, "0")}`;
      const conversation: FakeConversation = {
        id: fakeId("CN", pn.id, c),
        phoneNumberId: pn.id,
        participants: [participant],
        name: c === 0 ? `${FIRST[(p + c + 2) % FIRST.length]} ${LAST[(p + c + 2) % LAST.length]}` : null,
        lastActivityAt: created,
        createdAt: tick(),
      };
      conversations.push(conversation);
      for (let m = 0; m < perMessages; m++) {
        const incoming = m % 2 === 0;
        const createdAt = tick();
        messages.push({
          id: fakeId("AC", "message", pn.id, c, m),
          phoneNumberId: pn.id,
          conversationId: conversation.id,
          userId: users[0]!.id,
          from: incoming ? participant : pn.number,
          to: [incoming ? pn.number : participant],
          text: TEXTS[m % TEXTS.length]!,
          direction: incoming ? "incoming" : "outgoing",
          status: incoming ? "received" : "delivered",
          media: m === 2 ? [{ url: `https://files.openphone.example/media/${conversation.id}-${m}.jpg`, type: "image/jpeg" }] : [],
          createdAt,
        });
        conversation.lastActivityAt = createdAt;
      }
      for (let k = 0; k < perCalls; k++) {
        const createdAt = tick();
        const missed = k === 1;
        const id = fakeId("AC", "call", pn.id, c, k);
        const answeredAt = missed ? null : new Date(Date.parse(createdAt) + 4_000).toISOString();
        const duration = missed ? 0 : 95 + k * 30;
        calls.push({
          id,
          phoneNumberId: pn.id,
          conversationId: conversation.id,
          userId: users[k % users.length]!.id,
          participant,
          direction: k === 2 ? "outgoing" : "incoming",
          status: "completed",
          answeredAt,
          completedAt: new Date(Date.parse(createdAt) + (duration + 5) * 1000).toISOString(),
          duration,
          createdAt,
          recordings: missed ? [] : [{ id: fakeId("CR", id), startTime: answeredAt!, duration, url: `https://files.openphone.example/recordings/${id}.mp3`, type: "audio/mpeg", status: "completed" }],
          summary: missed ? null : { summary: ["Caller asked about availability.", "Booked for Thursday."], nextSteps: ["Send a confirmation text."] },
          transcript: missed
            ? null
            : [
                { content: "Hi, I'd like to book an appointment.", start: 0.4, end: 3.1, identifier: participant, userId: null },
                { content: "Sure, Thursday at ten works.", start: 3.6, end: 6.2, identifier: pn.number, userId: users[0]!.id },
              ],
          voicemail: missed ? { id: fakeId("VM", id), duration: 18, recordingUrl: `https://files.openphone.example/voicemails/${id}.mp3`, transcript: "Please call me back." } : null,
        });
        conversation.lastActivityAt = createdAt;
      }
    }
  });
  return { phoneNumbers, users, conversations, messages, calls };
}
