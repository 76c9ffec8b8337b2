import { agentByName, namedCustomer } from "../cast";
import { demoCalls } from "../demo-media";
import { MINUTE, type ScenarioContext, demoCallLine, aiCall } from "../scenario-blocks";

/** Every demo call with its recording, summary and transcript, in order. */
export function buildAi(ctx: ScenarioContext): void {
  let clock = ctx.now - 90 * MINUTE;
  for (const [index, demo] of demoCalls.entries()) {
    const agent = agentByName(demo.agent);
    aiCall(ctx, {
      demo,
      person: namedCustomer(ctx.customers, demo.contact),
      line: demoCallLine(demo),
      agent,
      at: (clock += 15 * MINUTE),
      shape: "app",
      variant: index,
      answeredEvent: index % 2 === 1,
    });
  }
}
