/**
 * Fixed settings shared by tests/playwright.config.ts (which starts the app with them) and the e2e
 * specs (which sign deliveries with E2E_SIGNING_SECRET, e.g. via lib/simulator/sign.ts).
 */

/** Override with E2E_PORT when 3100 is taken (another checkout running its e2e suite). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;

/** The OpenPhone signing secret the e2e server trusts (base64, like OpenPhone's). Test-only. */
export const E2E_SIGNING_SECRET = Buffer.from("openphone-inbox e2e signing secret, not for production").toString("base64");

/** The database the e2e server uses, set by the config for every Playwright process. */
export function e2eDatabaseUrl(): string {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run through tests/playwright.config.ts");
  return url;
}

/** The fake OpenPhone API the e2e app talks to (scripts/fake-openphone.ts), 1000 above E2E_PORT (4114 for 3114). */
export const E2E_FAKE_OPENPHONE_PORT = E2E_PORT + 1000;
export const E2E_FAKE_OPENPHONE_URL = `http://127.0.0.1:${E2E_FAKE_OPENPHONE_PORT}`;
export const E2E_OPENPHONE_API_KEY = "e2e-openphone-api-key";

/** A second app on the same database and build, without OPENPHONE_API_KEY (the "no key" state). */
export const E2E_NO_KEY_PORT = E2E_PORT + 500;
export const E2E_NO_KEY_BASE_URL = `http://localhost:${E2E_NO_KEY_PORT}`;

/** Short, so the e2e run can watch a rotated-out key expire. */
export const E2E_KEY_GRACE_SECONDS = 6;
