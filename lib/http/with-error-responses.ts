import { unstable_rethrow } from "next/navigation";
import { unexpectedErrorResponse } from "./errors";

/** Wraps a route handler: whatever it throws (except Next's own redirects and not-founds) becomes a 500 answer. */
export function withErrorResponses<Args extends [Request, ...unknown[]]>(
  handler: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      unstable_rethrow(error);
      return unexpectedErrorResponse(error, `${args[0].method} ${new URL(args[0].url).pathname}`);
    }
  };
}
