/**
 * Synthetic but realistic timeline data for the dashboard benchmark: 3 workspace numbers, ~200
 * contacts, their conversations, and N activities (about 62% messages, 38% calls) spread over a
 * year; calls carry summaries and transcript text in their search text the way the projections
 * write it. Deterministic for a given size (seeded PRNG).
 */

export const RARE_WORD = "skylight"; // in ~0.05% of activities
export const COMMON_WORD = "roof"; // in a large share of them

export type BenchRow = Record<string, string | number | boolean | Date | null>;
export type BenchTables = {
  PhoneNumber: BenchRow[];
  Contact: BenchRow[];
  Conversation: BenchRow[];
};
export type BenchBatch = {
  Message: BenchRow[];
  MediaAttachment: BenchRow[];
  Call: BenchRow[];
  Recording: BenchRow[];
  Voicemail: BenchRow[];
  Activity: BenchRow[];
};

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ["Alice", "Bob", "Carmen", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jamal", "Keiko", "Liam", "Maya", "Nikhil", "Olga", "Pedro", "Quinn", "Rosa", "Sven", "Tara"];
const LAST = ["Nguyen", "Okafor", "Schmidt", "Garcia", "Kowalski", "Haddad", "Ito", "Silva", "Brennan", "Moreau"];
const COMPANIES = ["Hillside HOA", "Oak Street Bakery", "Pine Property Mgmt", "Sunset Dental", "Bayview Storage"];

const WORDS = (
  "roof roof roof leak leak gutter gutters shingles shingle quote estimate inspection crew tomorrow today morning afternoon " +
  "water ceiling attic chimney flashing vent tarp storm wind hail damage repair replace replacement warranty invoice payment " +
  "schedule reschedule appointment address gate code ladder photos photo please thanks thank you can could would we will the " +
  "a an and or but on in at to for of with from this that it is was be are our your my their house garage porch deck siding " +
  "downspout moss cleaning insurance claim adjuster deposit balance Monday Tuesday Wednesday Thursday Friday weekend call back"
).split(" ");

function sentence(rand: () => number, words: number, rare: boolean): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)]!);
  if (rare) out.splice(Math.floor(rand() * out.length), 0, RARE_WORD);
  const text = out.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1) + ".";
}

function paragraph(rand: () => number, words: number, rare: boolean): string {
  const parts: string[] = [];
  let left = words;
  let rareLeft = rare;
  while (left > 0) {
    const n = Math.min(left, 6 + Math.floor(rand() * 12));
    parts.push(sentence(rand, n, rareLeft && rand() < 0.3));
    if (parts[parts.length - 1]!.includes(RARE_WORD)) rareLeft = false;
    left -= n;
  }
  if (rareLeft) parts.push(sentence(rand, 4, true));
  return parts.join(" ");
}

const clip = (text: string) => (text.length > 280 ? `${text.slice(0, 279)}…` : text);

export const PHONE_NUMBERS = [
  { name: "Main line", number: "+16505550100" },
  { name: "Sales", number: "+16505550200" },
  { name: "Service", number: "+16505550300" },
];
export const CONTACTS = 200;

export function benchTables(now: Date): BenchTables {
  const rand = prng(7);
  const updatedAt = now;
  const PhoneNumber = PHONE_NUMBERS.map((p, i) => ({ id: i + 1, openphoneId: `PNbench${i + 1}`, number: p.number, name: p.name, updatedAt }));
  const Contact: BenchRow[] = [];
  const Conversation: BenchRow[] = [];
  for (let i = 0; i < CONTACTS; i++) {
    const named = rand() < 0.75;
    const company = rand() < 0.1 ? COMPANIES[i % COMPANIES.length]! : null;
    Contact.push({
      id: i + 1,
      number: `+1415555${String(1000 + i).padStart(4, "0")}`,
      firstName: named ? FIRST[i % FIRST.length]! : null,
      lastName: named ? LAST[Math.floor(i / FIRST.length) % LAST.length]! : null,
      company,
      updatedAt,
    });
  }
  // Each contact talks to one inbox, a third of them to a second one too.
  let conversationId = 0;
  for (let i = 0; i < CONTACTS; i++) {
    const inboxes = [i % 3, ...(i % 3 === 0 ? [(i + 1) % 3] : [])];
    for (const inbox of inboxes) {
      conversationId += 1;
      Conversation.push({
        id: conversationId,
        phoneNumberId: inbox + 1,
        participant: Contact[i]!.number as string,
        contactId: i + 1,
        lastActivityAt: now,
        updatedAt,
      });
    }
  }
  return { PhoneNumber, Contact, Conversation };
}

/** Activities [from, to) of `total`, with their messages/calls; times ascend with ids over a year. */
export function benchBatch(tables: BenchTables, total: number, from: number, to: number, now: Date): BenchBatch {
  const rand = prng(1000 + from);
  const yearMs = 365 * 86_400_000;
  const start = now.getTime() - yearMs;
  const batch: BenchBatch = { Message: [], MediaAttachment: [], Call: [], Recording: [], Voicemail: [], Activity: [] };
  const conversations = tables.Conversation;
  for (let n = from; n < to; n++) {
    const id = n + 1;
    const occurredAt = new Date(start + Math.floor(((n + rand() * 0.9) / total) * yearMs));
    // Some conversations are much busier than others (a few customers text a lot).
    const conv = conversations[Math.floor(Math.pow(rand(), 1.6) * conversations.length)]!;
    const phoneNumberId = conv.phoneNumberId as number;
    const workspace = tables.PhoneNumber[phoneNumberId - 1]!.number as string;
    const participant = conv.participant as string;
    const contactId = conv.contactId as number;
    const incoming = rand() < 0.55;
    const direction = incoming ? "incoming" : "outgoing";
    const rare = rand() < 0.0005;
    const base = { occurredAt, phoneNumberId, conversationId: conv.id as number, updatedAt: now };
    if (rand() < 0.62) {
      const text = paragraph(rand, 6 + Math.floor(rand() * 30), rare);
      const roll = rand();
      const status = incoming ? "received" : roll < 0.9 ? "delivered" : roll < 0.95 ? "sent" : "failed";
      const mediaCount = rand() < 0.04 ? 1 + Math.floor(rand() * 2) : 0;
      batch.Message.push({
        id,
        openphoneId: `ACbm${id}`,
        phoneNumberId,
        conversationId: base.conversationId,
        direction,
        fromNumber: incoming ? participant : workspace,
        toNumbers: incoming ? workspace : participant,
        text,
        status,
        statusRank: status === "sent" ? 1 : status === "failed" ? 3 : 2,
        statusAt: occurredAt,
        errorCode: status === "failed" ? "carrier_rejected" : null,
        occurredAt,
        updatedAt: now,
      });
      for (let p = 0; p < mediaCount; p++) {
        batch.MediaAttachment.push({ messageId: id, position: p, url: `https://media.example.test/bench/${id}-${p}.jpg`, contentType: "image/jpeg" });
      }
      batch.Activity.push({
        id,
        kind: "message",
        messageId: id,
        callId: null,
        ...base,
        contactId,
        direction,
        status,
        hasMedia: mediaCount > 0,
        hasRecording: false,
        hasVoicemail: false,
        hasSummary: false,
        hasTranscript: false,
        preview: clip(text),
        searchText: [text, incoming ? participant : workspace, incoming ? workspace : participant].join("\n"),
      });
    } else {
      const roll = rand();
      const outcome = roll < 0.55 ? "answered" : roll < 0.8 ? "missed" : roll < 0.92 ? "voicemail" : "forwarded";
      const answered = outcome === "answered";
      const duration = answered ? 30 + Math.floor(rand() * 870) : null;
      const hasRecording = answered && rand() < 0.7;
      const hasAi = answered && rand() < 0.6;
      const summary = hasAi ? paragraph(rand, 25 + Math.floor(rand() * 30), false) : "";
      const transcript = hasAi ? paragraph(rand, 80 + Math.floor(rand() * 220), rare) : "";
      const hasVoicemail = outcome === "voicemail";
      batch.Call.push({
        id,
        openphoneId: `ACbc${id}`,
        hasDetails: true,
        phoneNumberId,
        conversationId: base.conversationId,
        direction,
        status: "completed",
        outcome,
        statusRank: 3,
        fromNumber: incoming ? participant : workspace,
        toNumber: incoming ? workspace : participant,
        participant,
        occurredAt,
        answeredAt: answered ? new Date(occurredAt.getTime() + 5000) : null,
        completedAt: new Date(occurredAt.getTime() + 5000 + (duration ?? 20) * 1000),
        duration,
        updatedAt: now,
      });
      if (hasRecording) batch.Recording.push({ callId: id, key: `CRbm${id}`, url: `https://media.example.test/bench/${id}.mp3`, position: 0, duration });
      if (hasVoicemail) batch.Voicemail.push({ callId: id, url: `https://media.example.test/bench/vm-${id}.mp3`, duration: 5 + Math.floor(rand() * 50), updatedAt: now });
      batch.Activity.push({
        id,
        kind: "call",
        messageId: null,
        callId: id,
        ...base,
        contactId,
        direction,
        status: outcome,
        hasMedia: false,
        hasRecording,
        hasVoicemail,
        hasSummary: hasAi,
        hasTranscript: hasAi,
        preview: clip(summary),
        searchText: [summary, transcript, participant].filter(Boolean).join("\n"),
      });
    }
  }
  return batch;
}
