import { benchVerifyOnly } from "@/lib/webhooks/bench-baseline";
import { withErrorResponses } from "@/lib/http/with-error-responses";

export const dynamic = "force-dynamic";

/**
 * The benchmark's "framework ceiling": the same build reading, capping and verifying a delivery
 * without touching the database. Answers 404 unless the server runs with BENCH_BASELINE set to a
 * token of at least 32 characters and the request carries that token in `x-bench-token`.
 */
export const POST = withErrorResponses(async (request: Request): Promise<Response> => {
  return benchVerifyOnly(request);
});
