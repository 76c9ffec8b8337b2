import { describe, expect, it, vi } from "vitest";
import type { AppDatabase } from "@/lib/db/types";
import { timelineCsvStream } from "@/lib/timeline/csv";
import type { TimelineFilters } from "@/lib/timeline/filters";

const NO_FILTERS: TimelineFilters = {
  q: null,
  phoneNumberId: null,
  contactId: null,
  conversationId: null,
  direction: null,
  kind: null,
  status: null,
  hasRecording: null,
  hasMedia: null,
  since: null,
  until: null,
};

describe("CSV export when the database fails mid-stream", () => {
  it("ends with a visible marker row and errors the stream instead of looking complete", async () => {
    const failing = new Proxy({}, { get: () => () => Promise.reject(new Error("database is locked")) });
    const db = { prisma: failing, dialect: "sqlite", url: "file:x" } as unknown as AppDatabase;
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const reader = timelineCsvStream(db, { filters: NO_FILTERS, tz: "UTC", baseUrl: "http://localhost" }).getReader();
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    let text = "";
    let failure: unknown;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
    } catch (error) {
      failure = error;
    }
    quiet.mockRestore();
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text).toContain("# export failed before the end");
    expect(String(failure)).toMatch(/database is locked/);
  });
});
