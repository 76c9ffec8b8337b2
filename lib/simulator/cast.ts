import { demoCalls, demoVoicemails } from "./demo-media";
import { IdFactory, SeededRandom } from "./random";

/**
 * The people of every simulated scenario: Bay Roofing, a small roofing company with three
 * workspace numbers and two agents, and its customers. The team is fixed; customers' names,
 * numbers and contact ids derive from the seed, so every mode of one seed shares the same people.
 */

export type WorkspaceLine = { key: "main" | "sales" | "service"; phoneNumberId: string; number: string; name: string };
export type Agent = { key: "dana" | "luis"; userId: string; name: string };
export type Person = {
  /** E.164, in the fictional +1 XXX 555-01xx range. */
  number: string;
  firstName: string;
  lastName: string;
  company: string | null;
  /** OpenPhone contact id (24 hex). */
  contactId: string;
};

const main: WorkspaceLine = { key: "main", phoneNumberId: "PNbayroof1", number: "+15105550100", name: "Bay Roofing Main" };
const sales: WorkspaceLine = { key: "sales", phoneNumberId: "PNbayroof2", number: "+15105550101", name: "Sales" };
const service: WorkspaceLine = { key: "service", phoneNumberId: "PNbayroof3", number: "+15105550102", name: "Service" };
const dana: Agent = { key: "dana", userId: "USdana0001", name: "Dana" };
const luis: Agent = { key: "luis", userId: "USluis0002", name: "Luis" };

export const BAY_ROOFING = {
  name: "Bay Roofing",
  lines: { main, sales, service },
  agents: { dana, luis },
  /** Luis's mobile: where the main line forwards calls nobody at the desk picks up. */
  forwardTarget: "+15105550199",
} as const;

export const ALL_LINES: readonly WorkspaceLine[] = [main, sales, service];
export const ALL_AGENTS: readonly Agent[] = [dana, luis];

export function agentByName(name: string): Agent {
  const agent = ALL_AGENTS.find((a) => a.name === name);
  if (!agent) throw new Error(`No Bay Roofing agent named ${name}`);
  return agent;
}

const FIRST_NAMES = [
  "Alice", "Ben", "Carmen", "Derek", "Elena", "Frank", "Gina", "Hector", "Irene", "Jamal", "Karen", "Leo",
  "Maya", "Nate", "Olivia", "Paul", "Quinn", "Rosa", "Sam", "Tara", "Umar", "Vera", "Walt", "Xena",
  "Yusuf", "Zoe", "Aaron", "Bianca", "Colin", "Diane", "Ethan", "Fiona", "Gus", "Hannah", "Ivan", "June",
  "Kyle", "Lena", "Miles", "Nora", "Oscar", "Piper", "Raj", "Sofia", "Trevor", "Uma", "Victor", "Wendy",
];
const LAST_NAMES = [
  "Anderson", "Bishop", "Chen", "Dalton", "Estrada", "Fischer", "Garcia", "Hughes", "Ibarra", "Jensen",
  "Kowalski", "Lopez", "Morales", "Novak", "O'Brien", "Patel", "Quintero", "Rossi", "Sato", "Thompson",
  "Underwood", "Vasquez", "Walsh", "Xu", "Young", "Zimmerman", "Baker", "Castillo", "Delgado", "Ellis",
  "Foster", "Gupta", "Hayes", "Ingram", "Jordan", "Khan", "Lindqvist", "Mendoza", "Nakamura", "Owens",
];
const COMPANIES = [
  "Oakridge HOA", "Sunset Realty", "Harbor View Apartments", "Castro Street Bakery", "Mission Dental",
  "Golden Gate Property Mgmt", "Lakeshore Insurance", "Redwood Builders", "Alameda Self Storage",
  "Fremont Unified Facilities", "Piedmont Ave Cafe", "Bayside Church",
];
const AREA_CODES = ["415", "650", "925", "408", "707", "510"];
const RESERVED_NUMBERS = new Set([main.number, sales.number, service.number, BAY_ROOFING.forwardTarget]);

export type Customers = {
  /** The customers the demo media talk about (Marcus Webb, Priya Shah, …), by full name. */
  named: ReadonlyMap<string, Person>;
  /** Everyone else, in a seed-dependent order. */
  generic: readonly Person[];
};

/** The customers of one seed: the demo media's named people first, then `genericCount` more. */
export function buildCustomers(seed: string, genericCount: number): Customers {
  const random = new SeededRandom(`${seed}:customers`);
  const ids = new IdFactory(`${seed}:customers`);
  const numbers = new Set<string>();
  const nextNumber = (): string => {
    for (;;) {
      const number = `+1${random.pick(AREA_CODES)}55501${String(random.int(0, 99)).padStart(2, "0")}`;
      if (!RESERVED_NUMBERS.has(number) && !numbers.has(number)) {
        numbers.add(number);
        return number;
      }
    }
  };

  const named = new Map<string, Person>();
  for (const fullName of [...demoCalls.map((c) => c.contact), ...demoVoicemails.map((v) => v.contact)]) {
    if (named.has(fullName)) continue;
    const [firstName = fullName, ...rest] = fullName.split(" ");
    named.set(fullName, { number: nextNumber(), firstName, lastName: rest.join(" "), company: null, contactId: ids.next("", 24) });
  }

  const taken = new Set(named.keys());
  const generic: Person[] = [];
  const maxNames = FIRST_NAMES.length * LAST_NAMES.length - taken.size;
  if (genericCount > maxNames || genericCount > AREA_CODES.length * 100 - RESERVED_NUMBERS.size - named.size) {
    throw new Error(`At most ${Math.min(maxNames, 500)} generic customers can be generated`);
  }
  while (generic.length < genericCount) {
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    if (taken.has(`${firstName} ${lastName}`)) continue;
    taken.add(`${firstName} ${lastName}`);
    const company = random.chance(0.3) ? random.pick(COMPANIES) : null;
    generic.push({ number: nextNumber(), firstName, lastName, company, contactId: ids.next("", 24) });
  }
  return { named, generic };
}

export function namedCustomer(customers: Customers, fullName: string): Person {
  const person = customers.named.get(fullName);
  if (!person) throw new Error(`No demo customer named ${fullName}`);
  return person;
}

/** An absolute URL of a file the app serves from public/ (e.g. "/demo/audio/…"), so the dashboard can play it offline. */
export function mediaUrl(mediaBaseUrl: string, path: string): string {
  return `${mediaBaseUrl.replace(/\/+$/, "")}${path}`;
}
