import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { signingSecretProblem } from "./openphone/signature";
import { WORKSPACE_ARTIFACT_KINDS, type WorkspaceArtifactKind } from "./completeness/rules";
import { emailSchema, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordSchema } from "./auth/schemas";

/** Every configuration variable the app reads. Documented in the README's configuration table. */
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .default("file:./data/app.db")
    .refine((v) => /^(file:|postgres(ql)?:\/\/)/.test(v), {
      message: "must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL)",
    }),
  OPENPHONE_WEBHOOK_SIGNING_KEY: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .superRefine((secrets, ctx) => {
      secrets.forEach((secret, i) => {
        const problem = signingSecretProblem(secret);
        if (problem) ctx.addIssue({ code: "custom", message: `secret ${i + 1} ${problem}` });
      });
    }),
  WEBHOOK_BASE_URL: z.url({ message: "must be an absolute URL such as https://inbox.example.com" }).optional(),
  OPENPHONE_API_KEY: z.string().trim().min(1).optional(),
  OPENPHONE_API_BASE_URL: z.url().default("https://api.openphone.com"),
  /** How long a rotated-out webhook signing key stays trusted, so deliveries in flight are not rejected. */
  WEBHOOK_KEY_GRACE_SECONDS: z.coerce.number().int().min(0).max(30 * 86_400).default(86_400),
  /** Per request to the OpenPhone API. */
  OPENPHONE_API_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  APP_SECRET: z.string().min(32, { message: "must be at least 32 characters" }).optional(),
  APP_SECRET_FILE: z.string().default("./data/app-secret"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Real events are a few KB; the cap bounds what an unauthenticated sender can make us read and hash.
  WEBHOOK_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(256 * 1024),
  WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(1).default(300),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  // First start on an empty users table: both set → this admin is created instead of printing a setup link.
  ADMIN_EMAIL: z.string().trim().optional(),
  ADMIN_PASSWORD: z.string().optional(),
  /** How long a sign-in lasts (absolute, not sliding). */
  SESSION_TTL_HOURS: z.coerce.number().min(0.01).max(24 * 90).default(24 * 7),
  /** Raw bodies of processed events older than this are emptied (the event row and the data stay). */
  EVENT_BODY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Admin banner and alert when no delivery arrived for this long while subscriptions exist. */
  ALERT_NO_DELIVERY_MINUTES: z.coerce.number().int().min(1).max(60 * 24 * 30).default(120),
  /** Slack-compatible incoming-webhook URL for alerts (optional; never sent to the browser). */
  ALERT_WEBHOOK_URL: z.url({ message: "must be an absolute URL" }).optional(),
  /** How often the in-process maintenance job runs (alerts, retention, stalled replays); 0 turns it off. */
  MAINTENANCE_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** The completeness watch fetches a missing recording, transcript, summary or voicemail this long after the call ended (then with exponential backoff). */
  COMPLETENESS_DELAY_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(30),
  /** Fetches per missing piece before the watch gives up and shows it as not available. */
  COMPLETENESS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(12).default(6),
  /** What every answered call should get: `auto` (inferred from what the workspace has sent), or a list of recording, transcript, summary (or `none`). */
  COMPLETENESS_EXPECT: z
    .string()
    .trim()
    .default("auto")
    .transform((value, ctx): "auto" | WorkspaceArtifactKind[] => {
      const v = value.toLowerCase();
      if (v === "auto") return "auto";
      if (v === "none") return [];
      const kinds = v.split(",").map((s) => s.trim()).filter(Boolean);
      const known = (k: string): k is WorkspaceArtifactKind => (WORKSPACE_ARTIFACT_KINDS as readonly string[]).includes(k);
      if (kinds.length === 0 || !kinds.every(known)) {
        ctx.addIssue({ code: "custom", message: "must be auto, none, or a comma-separated list of recording, transcript, summary" });
        return z.NEVER;
      }
      return kinds.filter(known);
    }),
  /** A session unused for this long ends, whatever its absolute lifetime. */
  SESSION_IDLE_HOURS: z.coerce.number().min(0.01).max(24 * 90).default(24),
  /** Reverse proxies in front of the app: 0 = none (forwarded headers are ignored), N = the client is the Nth X-Forwarded-For entry from the right. */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Hosts the media proxy may fetch from: `host`, `*.domain` or `host:port`, comma-separated. */
  MEDIA_ALLOWED_HOSTS: z
    .string()
    .default("*.openphone.com,*.openphone.co,*.quo.com,storage.googleapis.com")
    .transform((v) => v.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean))
    .refine((hosts) => hosts.every((h) => /^(\*\.)?[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/.test(h)), {
      message: "must be host names such as media.example.com, *.example.com or 127.0.0.1:4010, comma-separated",
    }),
  /** Where the first-admin setup link is also written (mode 600), for platforms that keep container logs. */
  SETUP_LINK_FILE: z.string().trim().min(1).optional(),
  /** Enables the benchmark's verify-only route for requests carrying this token in `x-bench-token`. */
  BENCH_BASELINE: z.string().min(32, { message: "must be a token of at least 32 characters" }).optional(),
}).superRefine((v, ctx) => {
  if (Boolean(v.ADMIN_EMAIL) !== Boolean(v.ADMIN_PASSWORD)) {
    ctx.addIssue({ code: "custom", path: [v.ADMIN_EMAIL ? "ADMIN_PASSWORD" : "ADMIN_EMAIL"], message: "set ADMIN_EMAIL and ADMIN_PASSWORD together" });
  }
  if (v.ADMIN_EMAIL && !emailSchema.safeParse(v.ADMIN_EMAIL).success) {
    ctx.addIssue({ code: "custom", path: ["ADMIN_EMAIL"], message: "must be an email address" });
  }
  if (v.ADMIN_PASSWORD && !passwordSchema.safeParse(v.ADMIN_PASSWORD).success) {
    ctx.addIssue({ code: "custom", path: ["ADMIN_PASSWORD"], message: `must be ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters` });
  }
});

export type Env = z.infer<typeof envSchema> & { APP_SECRET: string; WEBHOOK_BASE_URL: string };

export class ConfigError extends Error {}

/** Validates a set of variables. Pure apart from reading/creating the app-secret file. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings mean "unset" (docker-compose and .env files produce them).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${lines.join("; ")}`);
  }
  const values = parsed.data;
  return {
    ...values,
    APP_SECRET: values.APP_SECRET ?? readOrCreateAppSecret(values.APP_SECRET_FILE),
    WEBHOOK_BASE_URL: values.WEBHOOK_BASE_URL ?? `http://localhost:${values.PORT}`,
  };
}

/** The first start needs no configuration: a random secret is generated once and kept on disk. */
function readOrCreateAppSecret(file: string): string {
  const resolved = path.resolve(file);
  try {
    const existing = fs.readFileSync(resolved, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.mkdirSync(path.dirname(resolved), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    // "wx" fails if another process created it first; then read theirs.
    fs.writeFileSync(resolved, secret + "\n", { mode: 0o600, flag: "wx" });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return fs.readFileSync(resolved, "utf8").trim();
    throw error;
  }
}

let cached: Env | undefined;

/** The validated configuration of this process. */
export function env(): Env {
  cached ??= loadEnv();
  return cached;
}

/** Tests change process.env between cases; this forgets the cached copy. */
export function resetEnvForTests(): void {
  cached = undefined;
}
