// Shared Playwright fixtures: every spec imports { test, expect } from here, so signing in (and any
// other per-test setup) lives in one place.
export { expect, test } from "@playwright/test";
