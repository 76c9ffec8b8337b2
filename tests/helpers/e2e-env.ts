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
