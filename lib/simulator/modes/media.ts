import { BAY_ROOFING, namedCustomer } from "../cast";
import { MINUTE, type ScenarioContext, demoAttachment, chat } from "../scenario-blocks";

const { dana, luis } = BAY_ROOFING.agents;
const { main, sales, service } = BAY_ROOFING.lines;

/** Messages with an image, a PDF, several attachments at once, and media without text. */
export function buildMedia(ctx: ScenarioContext): void {
  let clock = ctx.now - 30 * MINUTE;
  const tick = () => (clock += 2 * MINUTE);
  const person = (name: string) => namedCustomer(ctx.customers, name);
  const attach = (...keys: string[]) => ({ media: keys.map((key) => demoAttachment(ctx, key)) });

  chat(ctx, main, person("Marcus Webb"), dana).in("Here's the stain on the kitchen ceiling.", tick(), attach("ceiling-stain"));
  chat(ctx, service, person("Robert Nguyen"), dana).in("This is what the wind did to the roof.", tick(), attach("missing-shingles"));
  chat(ctx, sales, person("Priya Shah"), luis).out("Hi Priya, here's Quote #1042 for the shingle repair.", tick(), attach("quote-1042"));
  chat(ctx, service, ctx.customers.generic[0]!, dana).in(
    "Claim photos and the quote for the file, as discussed.",
    tick(),
    attach("missing-shingles", "gutter-overflow", "quote-1042"),
  );
  chat(ctx, main, person("Helen Park"), dana).in("", tick(), attach("gutter-overflow"));
}
