import { BAY_ROOFING, namedCustomer, type Agent, type Person, type WorkspaceLine } from "../cast";
import { DAYS, TEXT_THREADS, TIMES, UNDELIVERABLE_TEXTS, fillTemplate } from "../texts";
import { HOUR, MINUTE, SECOND, type ScenarioContext, pickShape, demoAttachment, demoCall, demoVoicemail, chat, aiCall, answeredCall, missedCall, forwardedCall, voicemailCall } from "../scenario-blocks";

const { dana, luis } = BAY_ROOFING.agents;
const { main, sales, service } = BAY_ROOFING.lines;

/**
 * A day at Bay Roofing over the ~10 hours before `now`: the demo calls with their texts and
 * photos, voicemails and callbacks, dozens of customers texting and calling, contact cards, and
 * the delivery quirks OpenPhone produces (late completions, transcripts first, sent after delivered).
 */
export function buildFull(ctx: ScenarioContext): void {
  const { rec, random } = ctx;
  const dayStart = ctx.now - 10 * HOUR;
  const latestStart = ctx.now - 25 * MINUTE;
  const at = (hours: number) => dayStart + hours * HOUR + random.int(0, 20) * MINUTE;
  const person = (name: string) => namedCustomer(ctx.customers, name);
  const attach = (...keys: string[]) => ({ media: keys.map((key) => demoAttachment(ctx, key)) });
  // One day and time per thread, so "Thursday at 1 PM" stays Thursday at 1 PM in the replies.
  const threadValues = (who: Person, agent: Agent) => ({ first: who.firstName, agent: agent.name, day: random.pick(DAYS), time: random.pick(TIMES) });
  const firstActivity = new Map<string, number>();
  const seen = (who: Person, time: number) => firstActivity.set(who.number, Math.min(firstActivity.get(who.number) ?? Infinity, time));

  rec.token({ eventAt: dayStart - 5 * MINUTE, shape: pickShape(ctx), note: "webhook created this morning" });

  // --- The demo calls and the texts around them.
  const marcus = person("Marcus Webb");
  const leakAt = at(1.2);
  seen(marcus, leakAt - MINUTE);
  const marcusChat = chat(ctx, main, marcus, dana);
  marcusChat.in("Here's the stain on the kitchen ceiling.", leakAt - MINUTE, attach("ceiling-stain"));
  aiCall(ctx, { demo: demoCall("leak-inspection"), person: marcus, line: main, agent: dana, at: leakAt, shape: "app", variant: 0 });
  marcusChat.out("Confirmed: roof leak inspection Thursday between 9 and 11 AM. Reply C to confirm.", leakAt + 6 * MINUTE, { sentArrivesLate: true });
  marcusChat.in("C", leakAt + 9 * MINUTE);

  const tom = person("Tom Alvarez");
  const crewAt = at(2.4);
  seen(tom, crewAt);
  aiCall(ctx, {
    demo: demoCall("late-crew-complaint"),
    person: tom,
    line: service,
    agent: dana,
    at: crewAt,
    shape: pickShape(ctx),
    variant: 1,
    answeredEvent: true,
    lateCompletion: true,
  });

  const priya = person("Priya Shah");
  const quoteAt = at(3.5);
  seen(priya, quoteAt);
  aiCall(ctx, { demo: demoCall("quote-accepted"), person: priya, line: sales, agent: luis, at: quoteAt, shape: "app", variant: 2 });
  const priyaChat = chat(ctx, sales, priya, luis);
  priyaChat.out("Hi Priya, here's Quote #1042 again. The deposit invoice is on its way by email.", quoteAt + 25 * MINUTE, attach("quote-1042"));
  priyaChat.in("Got it, thanks Luis!", quoteAt + 41 * MINUTE);

  const grace = person("Grace Kim");
  const scheduleAt = at(6);
  seen(grace, scheduleAt);
  aiCall(ctx, {
    demo: demoCall("schedule-change"),
    person: grace,
    line: main,
    agent: luis,
    at: scheduleAt,
    shape: pickShape(ctx),
    variant: 3,
    summaryFirst: true,
  });
  const graceChat = chat(ctx, main, grace, luis);
  graceChat.out(
    "Hi Grace, confirmed: your gutter replacement moved to Friday at 9 AM. The crew will call 30 minutes before arriving.",
    scheduleAt + 4 * MINUTE,
    { sentArrivesLate: true },
  );
  graceChat.in("Thank you!", scheduleAt + 7 * MINUTE);

  const robert = person("Robert Nguyen");
  const warrantyAt = at(8);
  seen(robert, warrantyAt - 3 * MINUTE);
  chat(ctx, service, robert, dana).in("Hi, this is what last week's wind did to the roof you replaced.", warrantyAt - 3 * MINUTE, attach("missing-shingles"));
  aiCall(ctx, {
    demo: demoCall("warranty-question"),
    person: robert,
    line: service,
    agent: dana,
    at: warrantyAt,
    shape: "app",
    variant: 4,
    lateCompletion: true,
    answeredEvent: true,
  });

  // --- Voicemails and what the team did about them.
  const helen = person("Helen Park");
  const helenAt = at(2);
  seen(helen, helenAt);
  voicemailCall(ctx, { voicemail: demoVoicemail("vm-gutter-overflow"), person: helen, line: main, agent: dana, at: helenAt, shape: "app", separateEvent: false });
  const helenChat = chat(ctx, main, helen, dana);
  helenChat.in("Here's a photo of the gutter I mentioned in my voicemail.", helenAt + 3 * MINUTE, attach("gutter-overflow"));
  helenChat.out("Thanks Helen! Dana here, I'll call you back this afternoon about the cleaning and estimate.", helenAt + 12 * MINUTE);

  const dave = person("Dave Ortiz");
  const daveAt = at(5);
  seen(dave, daveAt);
  voicemailCall(ctx, { voicemail: demoVoicemail("vm-quote-questions"), person: dave, line: sales, agent: luis, at: daveAt, shape: pickShape(ctx), separateEvent: true });
  const daveChat = chat(ctx, sales, dave, luis);
  daveChat.out("Hi Dave, got your voicemail about the skylight flashing. Free for a call at 3 today?", daveAt + 20 * MINUTE);
  daveChat.in("3 works.", daveAt + 31 * MINUTE);

  const linda = person("Linda Carter");
  const lindaAt = at(7.5);
  seen(linda, lindaAt);
  voicemailCall(ctx, { voicemail: demoVoicemail("vm-storm-damage"), person: linda, line: service, agent: dana, at: lindaAt, shape: "app", separateEvent: true });
  answeredCall(ctx, { person: linda, line: service, agent: dana, direction: "outgoing", seconds: 184, answeredEvent: false, at: lindaAt + 9 * MINUTE, shape: "app" });
  chat(ctx, service, linda, dana).out("Hi Linda, the crew will be there within the hour to tarp the hole near the ridge.", lindaAt + 16 * MINUTE);

  // --- Everyone else: texts, calls of every outcome, an adjuster's claim photos.
  const generic = random.shuffle(ctx.customers.generic);
  let nextCustomer = 0;
  const customer = () => generic[nextCustomer++ % generic.length]!;
  const lineAndAgent = (): [WorkspaceLine, Agent] => {
    const r = random.next();
    if (r < 0.6) return [main, random.chance(0.5) ? dana : luis];
    return r < 0.85 ? [sales, luis] : [service, dana];
  };
  const startTime = () => dayStart + random.int(0, Math.floor((latestStart - dayStart) / MINUTE)) * MINUTE + random.int(0, 59) * SECOND;

  const adjuster = customer();
  const claimAt = at(4.3);
  seen(adjuster, claimAt);
  const claimChat = chat(ctx, service, adjuster, dana);
  claimChat.in("Claim photos for 14 Birch Ct and the quote for the file, as discussed.", claimAt, attach("missing-shingles", "gutter-overflow", "quote-1042"));
  claimChat.out("Received all three, thank you. We'll send the inspection report by Friday.", claimAt + 14 * MINUTE);

  const threads = random.shuffle(TEXT_THREADS).slice(0, 14);
  for (const thread of [...threads, ...random.shuffle(TEXT_THREADS).slice(0, 4)]) {
    const who = customer();
    const [line, agent] = lineAndAgent();
    const conversation = chat(ctx, line, who, agent, pickShape(ctx));
    const values = threadValues(who, agent);
    let time = startTime();
    seen(who, time);
    for (const [direction, template] of thread.lines) {
      if (time > ctx.now - 2 * MINUTE) break;
      if (direction === "in") conversation.in(fillTemplate(template, values), time);
      else {
        const progress = random.chance(0.35) ? "delivered" : "sent+delivered";
        conversation.out(fillTemplate(template, values), time, { progress, sentArrivesLate: random.chance(0.3) });
      }
      time += (direction === "in" ? random.int(1, 8) : random.int(2, 30)) * MINUTE + random.int(0, 59) * SECOND;
    }
  }
  for (const [index, template] of UNDELIVERABLE_TEXTS.entries()) {
    const who = customer();
    const time = startTime();
    seen(who, time);
    chat(ctx, sales, who, luis, pickShape(ctx)).out(fillTemplate(template, threadValues(who, luis)), time, { progress: index === 0 ? "failed" : "undelivered" });
  }

  for (let i = 0; i < 5; i++) {
    const who = customer();
    const [line, agent] = lineAndAgent();
    const time = startTime();
    seen(who, time);
    const direction = random.chance(0.6) ? "incoming" : "outgoing";
    answeredCall(ctx, { person: who, line, agent, direction, seconds: random.int(35, 420), answeredEvent: random.chance(0.4), at: time, shape: pickShape(ctx) });
  }
  for (let i = 0; i < 5; i++) {
    const who = customer();
    const [line, agent] = lineAndAgent();
    const time = startTime();
    seen(who, time);
    missedCall(ctx, { person: who, line, agent, direction: "incoming", missedEvent: i % 2 === 1, lateRinging: i === 2, at: time, shape: pickShape(ctx) });
  }
  for (let i = 0; i < 2; i++) {
    const who = customer();
    const time = startTime();
    seen(who, time);
    missedCall(ctx, { person: who, line: sales, agent: luis, direction: "outgoing", missedEvent: false, lateRinging: false, at: time, shape: pickShape(ctx) });
  }
  for (let i = 0; i < 3; i++) {
    const who = customer();
    const time = startTime();
    seen(who, time);
    forwardedCall(ctx, { person: who, line: main, agent: dana, at: time, shape: pickShape(ctx) });
  }
  // A few regulars call back after texting earlier.
  for (let i = 0; i < 3; i++) {
    const who = generic[i]!;
    const [line, agent] = lineAndAgent();
    const time = startTime();
    seen(who, time);
    answeredCall(ctx, { person: who, line, agent, direction: "incoming", seconds: random.int(30, 200), answeredEvent: false, at: time, shape: pickShape(ctx) });
  }

  // --- Contact cards: most customers are in the address book; the card syncs before or after they get in touch.
  for (const who of [...ctx.customers.named.values(), ...generic]) {
    const first = firstActivity.get(who.number);
    if (first === undefined || !random.chance(0.8)) continue;
    const before = random.chance(0.4);
    const eventAt = before ? Math.max(dayStart - 30 * MINUTE, first - random.int(5, 90) * MINUTE) : Math.min(ctx.now - MINUTE, first + random.int(2, 60) * MINUTE);
    rec.contact({ type: "contact.updated", person: who, eventAt, shape: pickShape(ctx), ...(before ? {} : { note: "after their first message or call" }) });
  }
}
