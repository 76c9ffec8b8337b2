/**
 * Text threads of a roofing company's day, used by the `full` scenario. `in` is the customer,
 * `out` is Bay Roofing. Placeholders: {first} (customer's first name), {agent}, {day}, {time}.
 */
export type ThreadLine = readonly ["in" | "out", string];
export type ThreadTemplate = { topic: string; lines: readonly ThreadLine[] };

export const TEXT_THREADS: readonly ThreadTemplate[] = [
  {
    topic: "estimate",
    lines: [
      ["in", "Hi, do you offer free estimates for a full roof replacement?"],
      ["out", "Hi {first}, yes we do! Estimates are free. What's the property address?"],
      ["in", "2218 Alder Way in Oakland."],
      ["out", "Thanks! {agent} can come by {day} at {time}. Does that work?"],
      ["in", "Works for me, thank you."],
    ],
  },
  {
    topic: "gutter cleaning",
    lines: [
      ["in", "How much do you charge for gutter cleaning? Two-story house."],
      ["out", "Hi {first}, gutter cleaning for a two-story home starts at $225. Want me to get you on the schedule?"],
      ["in", "Yes please, any day next week is fine."],
    ],
  },
  {
    topic: "appointment reminder",
    lines: [
      ["out", "Hi {first}, this is {agent} from Bay Roofing. Reminder: your inspection is {day} between 9 and 11 AM."],
      ["in", "Thanks for the reminder! The gate code is 4417."],
      ["out", "Got it, see you {day}."],
    ],
  },
  {
    topic: "crew running late",
    lines: [
      ["out", "Hi {first}, our crew is running about 20 minutes behind this morning. Sorry for the wait!"],
      ["in", "No problem, thanks for the heads-up."],
    ],
  },
  {
    topic: "invoice",
    lines: [
      ["out", "Hi {first}, your invoice for the flashing repair is ready: $1,380. You can pay by card or check."],
      ["in", "Paid online just now."],
      ["out", "Received, thank you {first}!"],
    ],
  },
  {
    topic: "skylight leak",
    lines: [
      ["in", "Our skylight is leaking again in the hallway. Can someone take a look?"],
      ["out", "Sorry to hear that, {first}. We can send someone {day} morning. Will anyone be home?"],
      ["in", "I work from home, anytime is fine."],
      ["out", "Great, you're booked for {day} at {time}."],
    ],
  },
  {
    topic: "review request",
    lines: [
      ["out", "Thanks for choosing Bay Roofing, {first}! If you have a minute, we'd love a review."],
      ["in", "Happy to. The crew did a great job and cleaned up everything."],
    ],
  },
  {
    topic: "moss removal",
    lines: [
      ["in", "Do you do moss removal? Our north slope is pretty green."],
      ["out", "We do! Moss treatment plus a cleaning is usually $350 to $600 depending on the roof size."],
      ["in", "OK, can someone come out to quote it?"],
      ["out", "Yes, {agent} will stop by {day} afternoon."],
    ],
  },
  {
    topic: "HOA quotes",
    lines: [
      ["in", "Hi, I manage an HOA in Walnut Creek. We need quotes for six townhouse roofs."],
      ["out", "Hi {first}, thanks for reaching out! Could you email the addresses to quotes@bayroofing.example?"],
      ["in", "Sent. Let me know if you need access to the units."],
    ],
  },
  {
    topic: "wrong number",
    lines: [
      ["in", "Is this Bay Plumbing? Our water heater is leaking."],
      ["out", "Sorry, this is Bay Roofing! Bay Plumbing is a different company."],
      ["in", "Oops, my mistake. Thanks!"],
    ],
  },
  {
    topic: "reschedule",
    lines: [
      ["in", "Something came up, can we move tomorrow's appointment?"],
      ["out", "Of course, {first}. How about {day} at {time}?"],
      ["in", "Perfect, thanks."],
    ],
  },
  {
    topic: "warranty paperwork",
    lines: [
      ["in", "Can you resend the warranty paperwork for our roof? I can't find it."],
      ["out", "Sure, {first}. Emailing it to you now."],
    ],
  },
  {
    topic: "materials in stock",
    lines: [
      ["out", "Hi {first}, the Weathered Wood shingles you picked are back in stock. We can start {day}."],
      ["in", "Great news, let's do it."],
    ],
  },
  {
    topic: "office hours",
    lines: [
      ["in", "What time does your office close today?"],
      ["out", "We're open until 5 PM today, {first}."],
    ],
  },
  {
    topic: "chimney flashing",
    lines: [
      ["in", "Water is coming in around the chimney when it rains hard."],
      ["out", "That's usually the flashing. {agent} can inspect it {day} and reseal it if needed."],
      ["in", "Sounds good."],
    ],
  },
  {
    topic: "solar panels",
    lines: [
      ["in", "We're getting solar panels next month. Should we replace the roof first? It's about 18 years old."],
      ["out", "Good thinking, {first}. At 18 years it's usually worth replacing first. {agent} can take a look {day}."],
      ["in", "Please do, thanks."],
      ["out", "You're booked for {day} at {time}."],
    ],
  },
];

/** An outgoing follow-up that goes to a landline or a disconnected number and fails. */
export const UNDELIVERABLE_TEXTS: readonly string[] = [
  "Hi {first}, just following up on the estimate we sent. Any questions?",
  "Hi {first}, this is {agent} from Bay Roofing confirming your appointment {day} at {time}.",
];

export const DAYS = ["tomorrow", "Thursday", "Friday", "Monday", "Tuesday"] as const;
export const TIMES = ["9 AM", "10:30 AM", "1 PM", "2:30 PM", "4 PM"] as const;

export function fillTemplate(text: string, values: { first: string; agent: string; day: string; time: string }): string {
  return text
    .replaceAll("{first}", values.first)
    .replaceAll("{agent}", values.agent)
    .replaceAll("{day}", values.day)
    .replaceAll("{time}", values.time);
}
