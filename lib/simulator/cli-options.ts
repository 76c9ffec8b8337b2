import { parseArgs } from "node:util";
import { ConfigError, loadEnv } from "../env";
import { SigningKey } from "../openphone/signature";
import type { PayloadShape } from "./payloads";
import { DEFAULT_SEED, SCENARIO_MODES, isScenarioMode, type ScenarioMode } from "./scenarios";

export const WEBHOOK_PATH = "/api/webhooks/openphone";

export const SIMULATE_USAGE = `Usage: npm run simulate -- <mode> [options]

Sends signed OpenPhone webhook deliveries to the inbox, like OpenPhone would.

Modes:
  all     one delivery of every accepted event type
  media   messages with an image, a PDF and several attachments
  ai      calls with recordings, summaries and transcripts (demo audio)
  full    a realistic day for Bay Roofing: texts, MMS, calls, voicemails, AI, late and repeated deliveries

Options:
  --url URL            receiver (default: $WEBHOOK_BASE_URL${WEBHOOK_PATH})
  --secret KEY         signing secret (default: first of $OPENPHONE_WEBHOOK_SIGNING_KEY)
  --shape app|api|new  payload shape; default: mixed for full, app otherwise
                       (app and api are signed with openphone-signature, new with Standard Webhooks)
  --count N            send the scenario N times, each with fresh ids (default 1)
  --concurrency C      deliveries in flight at once (default 8)
  --shuffle            send in a random order instead of arrival order
  --duplicates RATE    share of deliveries sent twice, 0..1 (default 0.05 for full, 0 otherwise)
  --seed S             ids, names and content derive from it (default "${DEFAULT_SEED}");
                       the same seed sends the same event ids, so a rerun only adds duplicates
  --json               print the summary as JSON
  -h, --help           show this help

Exit status: 0 all accepted, 1 some delivery rejected (non-2xx, invalid, or no answer), 2 usage or configuration error.`;

export type SimulateOptions = {
  mode: ScenarioMode;
  url: string;
  /** Where the app serves /demo/… for media URLs: the receiver's base URL. */
  mediaBaseUrl: string;
  secret: string;
  shape: PayloadShape | undefined;
  count: number;
  concurrency: number;
  shuffle: boolean;
  duplicates: number | undefined;
  seed: string;
  json: boolean;
};

export type ParsedSimulateArgs =
  | { ok: true; help: true }
  | { ok: true; help: false; options: SimulateOptions }
  /** `usage`: the arguments were wrong (print the usage), not the configuration. */
  | { ok: false; message: string; usage: boolean };

const SHAPES: readonly PayloadShape[] = ["app", "api", "new"];

/** argv (after the script name) + environment → options, or the reason they are unusable. Pure apart from loadEnv(). */
export function parseSimulateArgs(argv: readonly string[], environment: Record<string, string | undefined>): ParsedSimulateArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        url: { type: "string" },
        secret: { type: "string" },
        shape: { type: "string" },
        count: { type: "string" },
        concurrency: { type: "string" },
        shuffle: { type: "boolean" },
        duplicates: { type: "string" },
        seed: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error), usage: true };
  }
  const { values, positionals } = parsed;
  if (values.help) return { ok: true, help: true };

  if (positionals.length !== 1) {
    const message = positionals.length === 0 ? "Missing <mode>" : `Expected one mode, got: ${positionals.join(" ")}`;
    return { ok: false, message, usage: true };
  }
  const mode = positionals[0]!;
  if (!isScenarioMode(mode)) return { ok: false, message: `Unknown mode "${mode}" (expected one of: ${SCENARIO_MODES.join(", ")})`, usage: true };

  if (values.shape !== undefined && !(SHAPES as readonly string[]).includes(values.shape)) {
    return { ok: false, message: `--shape must be one of ${SHAPES.join(", ")}`, usage: true };
  }
  const count = positiveInteger(values.count, 1);
  if (count === null) return { ok: false, message: "--count must be a positive integer", usage: true };
  const concurrency = positiveInteger(values.concurrency, 8);
  if (concurrency === null) return { ok: false, message: "--concurrency must be a positive integer", usage: true };
  let duplicates: number | undefined;
  if (values.duplicates !== undefined) {
    duplicates = Number(values.duplicates);
    if (values.duplicates.trim() === "" || !Number.isFinite(duplicates) || duplicates < 0 || duplicates > 1) {
      return { ok: false, message: "--duplicates must be a rate between 0 and 1 (e.g. 0.05)", usage: true };
    }
  }

  let url = values.url;
  let secret = values.secret;
  if (url === undefined || secret === undefined) {
    let config;
    try {
      // The simulator never uses the app secret: a placeholder keeps loadEnv() from creating the secret file.
      config = loadEnv({ ...environment, APP_SECRET: environment.APP_SECRET || "simulator-does-not-use-the-app-secret" });
    } catch (error) {
      if (error instanceof ConfigError) return { ok: false, message: `${error.message} (or pass --url and --secret)`, usage: false };
      throw error;
    }
    url ??= `${config.WEBHOOK_BASE_URL.replace(/\/+$/, "")}${WEBHOOK_PATH}`;
    secret ??= config.OPENPHONE_WEBHOOK_SIGNING_KEY[0];
  }
  if (secret === undefined || secret.trim() === "") {
    return {
      ok: false,
      message: "No signing secret: set OPENPHONE_WEBHOOK_SIGNING_KEY (the same value the app uses) or pass --secret KEY.",
      usage: false,
    };
  }
  if (SigningKey.fromSecret(secret) === null) return { ok: false, message: "The signing secret decodes to no bytes (expected base64).", usage: false };
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, message: `--url is not an absolute URL: ${url}`, usage: true };
  }
  if (target.protocol !== "http:" && target.protocol !== "https:") return { ok: false, message: "--url must be http:// or https://", usage: true };

  return {
    ok: true,
    help: false,
    options: {
      mode,
      url: target.toString(),
      mediaBaseUrl: mediaBaseUrlFor(target),
      secret: secret.trim(),
      shape: values.shape as PayloadShape | undefined,
      count,
      concurrency,
      shuffle: values.shuffle ?? false,
      duplicates,
      seed: values.seed ?? DEFAULT_SEED,
      json: values.json ?? false,
    },
  };
}

/** The app's base URL: the receiver URL without the webhook path (keeps a path prefix), else its origin. */
export function mediaBaseUrlFor(target: URL): string {
  const path = target.pathname.replace(/\/+$/, "");
  return path.endsWith(WEBHOOK_PATH) ? `${target.origin}${path.slice(0, -WEBHOOK_PATH.length)}` : target.origin;
}

function positiveInteger(raw: string | undefined, fallback: number): number | null {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim())) return null;
  const value = Number(raw);
  return Number.isSafeInteger(value) && value >= 1 ? value : null;
}
