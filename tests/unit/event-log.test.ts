import { describe, expect, it } from "vitest";
import { eventFilterParams, filterTimeRange, isFilterEmpty, parseEventFilter } from "@/lib/event-log/filters";
import { hourBucket } from "@/lib/event-log/rejections";
import { alertConditions } from "@/lib/ops/alerts";
import { renderMetrics, type MetricsSnapshot } from "@/lib/ops/metrics";
import { parsePrometheus, sampleValue } from "../helpers/prometheus";

describe("event-log filters", () => {
  it("reads known values from the URL and drops bad ones", () => {
    expect(parseEventFilter({ outcome: "failed", type: "call.completed", from: "2026-11-01", to: "2026-11-02", resource: " ACx ", q: "invoice" })).toEqual({
      outcome: "failed",
      type: "call.completed",
      from: "2026-11-01",
      to: "2026-11-02",
      resource: "ACx",
      q: "invoice",
    });
    expect(parseEventFilter({ outcome: "exploded", from: "yesterday", to: "2026-02-31x", q: "" })).toEqual({});
    expect(isFilterEmpty(parseEventFilter(new URLSearchParams("outcome=nope")))).toBe(true);
  });

  it("round-trips through URL params and covers whole UTC days", () => {
    const filter = parseEventFilter({ outcome: "duplicate", q: "a b" });
    expect(eventFilterParams(filter, { cursor: "1_2" }).toString()).toBe("outcome=duplicate&q=a+b&cursor=1_2");
    expect(filterTimeRange(parseEventFilter({ from: "2026-11-01", to: "2026-11-01" }))).toEqual({
      gte: new Date("2026-11-01T00:00:00Z"),
      lt: new Date("2026-11-02T00:00:00Z"),
    });
  });

  it("buckets rejections by UTC hour", () => {
    expect(hourBucket(new Date("2026-11-30T10:59:59.999Z")).toISOString()).toBe("2026-11-30T10:00:00.000Z");
  });
});

describe("alert conditions", () => {
  const base = { migrations: { current: true, pending: [] }, failedEvents: 0, subscriptions: 1, backfillGap: null };
  const now = new Date("2026-12-01T12:00:00Z");
  it("no deliveries only counts while webhooks are registered", () => {
    expect(alertConditions({ ...base, lastDeliveryAt: null }, now, { noDeliveryMinutes: 60 }).map((c) => c.key)).toEqual(["no_deliveries"]);
    expect(alertConditions({ ...base, subscriptions: 0, lastDeliveryAt: null }, now, { noDeliveryMinutes: 60 })).toEqual([]);
    expect(alertConditions({ ...base, lastDeliveryAt: new Date(now.getTime() - 59 * 60_000) }, now, { noDeliveryMinutes: 60 })).toEqual([]);
    expect(alertConditions({ ...base, failedEvents: 2, lastDeliveryAt: now }, now, { noDeliveryMinutes: 60 })[0]).toMatchObject({
      key: "failed_events",
      title: "2 failed events waiting",
      href: "/admin/events?outcome=failed",
    });
  });
});

describe("metrics rendering", () => {
  it("writes valid Prometheus text with cumulative histogram buckets", async () => {
    const snapshot: MetricsSnapshot = {
      deliveries: [{ type: "message.received", status: "processed", count: 5, duplicates: 2 }],
      rejections: { too_large: 3 },
      latency: { buckets: [1, 2, 3, 3, 4, 4, 4, 4, 4, 4, 4], count: 4, sumSeconds: 0.2 },
      replays: { processed: 1 },
      backfill: {},
      retention: { pruned: 7 },
      alerts: {},
      overdueArtifacts: { recording: 0, transcript: 2, summary: 0, voicemail: 1 },
      status: { migrations: { current: true, pending: [] }, lastDeliveryAt: new Date(0), failedEvents: 1, subscriptions: 0, backfillGap: null },
    };
    const { body, contentType } = await renderMetrics(snapshot, new Date(10_000), { processMetrics: false });
    expect(contentType).toContain("text/plain");
    expect(body).toContain("# TYPE openphone_webhook_processing_seconds histogram");
    const samples = parsePrometheus(body);
    expect(sampleValue(samples, "openphone_webhook_deliveries_total", { outcome: "duplicate" })).toBe(2);
    expect(sampleValue(samples, "openphone_webhook_rejections_total", { reason: "too_large" })).toBe(3);
    expect(sampleValue(samples, "openphone_overdue_artifacts", { kind: "transcript" })).toBe(2);
    expect(sampleValue(samples, "openphone_overdue_artifacts", { kind: "recording" })).toBe(0);
    expect(sampleValue(samples, "openphone_webhook_processing_seconds_bucket", { le: "0.005" })).toBe(1);
    expect(sampleValue(samples, "openphone_webhook_processing_seconds_bucket", { le: "+Inf" })).toBe(4);
    expect(sampleValue(samples, "openphone_event_bodies_pruned_total")).toBe(7);
    expect(sampleValue(samples, "openphone_last_delivery_age_seconds")).toBe(10);
  });
});
