import { BAY_ROOFING, namedCustomer, type Agent, type Person, type WorkspaceLine } from "../cast";
import type { DemoCallAudio } from "../demo-media";
import type { PayloadShape } from "../payloads";
import { UNDELIVERABLE_TEXTS, fillTemplate } from "../texts";
import { SECOND, MINUTE, type ScenarioContext, demoCall, demoVoicemail, chat, demoDialogue } from "../scenario-blocks";

const { dana, luis } = BAY_ROOFING.agents;
const { main, sales, service } = BAY_ROOFING.lines;

/** One delivery of every accepted event type, real names and the seed's names alike. */
export function buildAll(ctx: ScenarioContext): void {
  const { rec } = ctx;
  const shape: PayloadShape = "app";
  const t0 = ctx.now - 60 * MINUTE;
  const marcus = namedCustomer(ctx.customers, "Marcus Webb");
  const priya = namedCustomer(ctx.customers, "Priya Shah");
  const [first, second, third, fourth] = ctx.customers.generic as [Person, Person, Person, Person];
  let clock = t0;
  const tick = (minutes = 1) => (clock += minutes * MINUTE);

  rec.token({ eventAt: clock, shape });
  const marcusChat = chat(ctx, main, marcus, dana, shape);
  marcusChat.in("Hi, is this Bay Roofing? I have a leak.", tick());
  marcusChat.out("Yes! Call us anytime, Marcus.", tick());
  // Failures on their own (the full scenario sends message.sent before them).
  for (const [type, who, errorCode, template] of [
    ["message.failed", first, "30006", UNDELIVERABLE_TEXTS[0]!],
    ["message.undelivered", second, "30003", UNDELIVERABLE_TEXTS[1]!],
  ] as const) {
    const createdAt = tick();
    rec.message({
      type,
      id: rec.ids.next("AC"),
      line: sales,
      person: who,
      agent: luis,
      text: fillTemplate(template, { first: who.firstName, agent: luis.name, day: "Thursday", time: "9 AM" }),
      createdAt,
      eventAt: createdAt + 5 * SECOND,
      shape,
      errorCode,
    });
  }

  // An incoming call with every lifecycle event; summaries and transcripts under every name.
  const leak = demoCall("leak-inspection");
  const leakId = rec.ids.next("AC");
  const ringAt = tick(2);
  const answeredAt = ringAt + 6 * SECOND;
  const completedAt = answeredAt + Math.ceil(leak.duration) * SECOND;
  const leakCall = { id: leakId, line: main, person: marcus, direction: "incoming" as const, agent: dana, createdAt: ringAt, answeredAt, completedAt, shape };
  rec.call({ ...leakCall, type: "call.ringing", answeredAt: null, completedAt: null, eventAt: ringAt });
  rec.call({ ...leakCall, type: "call.answered", completedAt: null, eventAt: answeredAt });
  rec.call({ ...leakCall, type: "call.completed", eventAt: completedAt + SECOND });
  rec.recording({
    callId: leakId,
    recordingId: rec.ids.next("CR"),
    url: ctx.media(leak.path),
    duration: leak.duration,
    size: leak.size,
    contentType: leak.contentType,
    eventAt: completedAt + 50 * SECOND,
    shape,
  });

  // An outgoing call whose end is only known from its recording (app shape: the whole call with media[]).
  const quote = demoCall("quote-accepted");
  const quoteId = rec.ids.next("AC");
  const dialAt = tick(5);
  const quoteAnsweredAt = dialAt + 9 * SECOND;
  const quoteCompletedAt = quoteAnsweredAt + Math.ceil(quote.duration) * SECOND;
  const quoteCall = {
    id: quoteId,
    line: sales,
    person: priya,
    direction: "outgoing" as const,
    agent: luis,
    createdAt: dialAt,
    answeredAt: quoteAnsweredAt,
    completedAt: quoteCompletedAt,
    shape,
  };
  rec.call({ ...quoteCall, type: "call.started", answeredAt: null, completedAt: null, eventAt: dialAt });
  rec.call({
    ...quoteCall,
    type: "call.recording.completed",
    media: [{ url: ctx.media(quote.path), type: quote.contentType, duration: quote.duration }],
    eventAt: quoteCompletedAt + 50 * SECOND,
  });

  const summaries: [string, string, DemoCallAudio][] = [
    ["call.summary.completed", leakId, leak],
    ["callSummary", quoteId, quote],
    ["call_summary.created", quoteId, quote],
    ["call_summary.updated", leakId, leak],
  ];
  for (const [type, callId, demo] of summaries) {
    rec.summary({ type, callId, summary: demo.summary, nextSteps: demo.nextSteps, sentiment: demo.sentiment, eventAt: tick(), shape });
  }
  const transcripts: [string, string, DemoCallAudio, WorkspaceLine, Agent, Person][] = [
    ["call.transcript.completed", leakId, leak, main, dana, marcus],
    ["callTranscript", quoteId, quote, sales, luis, priya],
    ["call_transcript.created", quoteId, quote, sales, luis, priya],
    ["call_transcript.updated", leakId, leak, main, dana, marcus],
  ];
  for (const [type, callId, demo, line, agent, person] of transcripts) {
    rec.transcript({ type, callId, dialogue: demoDialogue(demo, line, agent, person), duration: demo.duration, eventAt: tick(), shape });
  }

  const forwardedId = rec.ids.next("AC");
  const forwardAt = tick(3);
  // The caller picks a phone-menu option, then the call is forwarded.
  rec.call({
    id: forwardedId,
    type: "call.menu.selected",
    line: main,
    person: third,
    direction: "incoming",
    agent: dana,
    createdAt: forwardAt - 20 * SECOND,
    answeredAt: null,
    completedAt: null,
    eventAt: forwardAt - SECOND,
    shape,
  });
  rec.call({
    id: forwardedId,
    type: "call.forwarded",
    line: main,
    person: third,
    direction: "incoming",
    agent: dana,
    createdAt: forwardAt - 20 * SECOND,
    answeredAt: null,
    completedAt: null,
    forwardedTo: BAY_ROOFING.forwardTarget,
    eventAt: forwardAt,
    shape,
  });
  const missedAt = tick(3);
  rec.call({
    id: rec.ids.next("AC"),
    type: "call.missed",
    line: service,
    person: fourth,
    direction: "incoming",
    agent: dana,
    createdAt: missedAt - 30 * SECOND,
    answeredAt: null,
    completedAt: missedAt,
    eventAt: missedAt,
    shape,
  });
  const vm = demoVoicemail("vm-gutter-overflow");
  const helen = namedCustomer(ctx.customers, "Helen Park");
  const vmAt = tick(3);
  rec.call({
    id: rec.ids.next("AC"),
    type: "call.voicemail.completed",
    line: main,
    person: helen,
    direction: "incoming",
    agent: dana,
    createdAt: vmAt - 60 * SECOND,
    answeredAt: null,
    completedAt: vmAt - 10 * SECOND,
    voicemail: { url: ctx.media(vm.path), type: vm.contentType, duration: vm.duration },
    eventAt: vmAt,
    shape,
  });
  rec.contact({ type: "contact.updated", person: marcus, eventAt: tick(), shape });
  rec.contact({ type: "contact.deleted", person: second, eventAt: tick(), shape });
}
