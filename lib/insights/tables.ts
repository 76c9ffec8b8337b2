import { csvRow } from "../timeline/csv";
import type { AppDatabase } from "../db/types";
import {
  VOLUME_CATEGORIES,
  getCallbackTimes,
  getFirstResponseTimes,
  getHeatMap,
  getMissedRate,
  getStaffLoad,
  getVolume,
  type HeatMap,
  type Insights,
  type MissedRate,
  type StaffRow,
  type Volume,
  type VolumeCategory,
  type WaitBucket,
  type WaitStats,
} from "./queries";
import type { InsightsRange } from "./range";

/**
 * Each chart's plain table: what the page's table view shows and what its CSV download holds,
 * built once from the same figures as the chart.
 */

export const CHART_IDS = ["volume", "missed-rate", "callbacks", "first-response", "busiest-hours", "staff"] as const;
export type ChartId = (typeof CHART_IDS)[number];

export type Cell = string | number | null;
export type InsightsTable = { chart: ChartId; title: string; columns: string[]; rows: Cell[][] };

export const CATEGORY_LABELS: Record<VolumeCategory, string> = {
  text_in: "Texts in",
  text_out: "Texts out",
  answered: "Calls answered",
  missed: "Missed calls",
  voicemail: "Voicemails",
  call_out: "Outgoing calls",
  call_other: "Other incoming calls",
};

export const WAIT_BUCKET_LABELS: Record<WaitBucket, string> = {
  "15m": "Within 15 minutes",
  "1h": "15–60 minutes",
  "4h": "1–4 hours",
  "24h": "4–24 hours",
  later: "Over a day",
  none: "Not yet",
};

/** Indexed by weekday number (0 = Sunday); tables and the heat map list them Monday first. */
export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

/** Minutes with one decimal: what the tables and CSVs show for durations. */
export const minutes = (seconds: number | null): number | null => (seconds === null ? null : Math.round(seconds / 6) / 10);
/** A share as a percentage with one decimal. */
export const percent = (rate: number | null): number | null => (rate === null ? null : Math.round(rate * 1000) / 10);

export function volumeTable(volume: Volume): InsightsTable {
  return {
    chart: "volume",
    title: "Volume per day",
    columns: ["Day", ...VOLUME_CATEGORIES.map((c) => CATEGORY_LABELS[c]), "Total"],
    rows: volume.days.map(({ day, counts }) => [day, ...VOLUME_CATEGORIES.map((c) => counts[c]), VOLUME_CATEGORIES.reduce((sum, c) => sum + counts[c], 0)]),
  };
}

export function missedRateTable(rate: MissedRate): InsightsTable {
  return {
    chart: "missed-rate",
    title: "Missed-call rate per day",
    columns: ["Day", "Incoming calls", "Missed or voicemail", "Missed rate (%)"],
    rows: rate.days.map((d) => [d.day, d.incomingCalls, d.missed, percent(d.rate)]),
  };
}

function waitTable(chart: ChartId, title: string, subject: string, doneLabel: string, stats: WaitStats): InsightsTable {
  return {
    chart,
    title,
    columns: ["Measure", "Value"],
    rows: [
      [subject, stats.total],
      [doneLabel, stats.answered],
      ["Median (minutes)", minutes(stats.medianSeconds)],
      ["90th percentile (minutes)", minutes(stats.p90Seconds)],
      ...stats.buckets.map((b): Cell[] => [WAIT_BUCKET_LABELS[b.key], b.count]),
    ],
  };
}

export const callbackTable = (stats: WaitStats) => waitTable("callbacks", "Time to callback", "Missed calls and voicemails", "Called back", stats);
export const firstResponseTable = (stats: WaitStats) => waitTable("first-response", "First response to texts", "Inbound text threads", "Answered", stats);

export function heatMapTable(heatMap: HeatMap): InsightsTable {
  return {
    chart: "busiest-hours",
    title: "Incoming calls and texts by weekday and hour",
    columns: ["Weekday", ...Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}:00`)],
    rows: WEEK_ORDER.map((weekday) => [WEEKDAYS[weekday], ...heatMap.counts[weekday]!]),
  };
}

/** A staff row's name as people read it: the OpenPhone name, else the US… id, else "Unassigned". */
export function staffLabel(row: Pick<StaffRow, "userId" | "name">): string {
  return row.name ?? row.userId ?? "Unassigned";
}

export function staffTable(staff: StaffRow[]): InsightsTable {
  return {
    chart: "staff",
    title: "Per staff member",
    columns: ["Staff member", "OpenPhone user id", "Calls answered", "Talk time (minutes)", "Texts sent"],
    rows: staff.map((s) => [staffLabel(s), s.userId ?? "", s.callsAnswered, minutes(s.talkSeconds), s.textsSent]),
  };
}

export function insightsTables(insights: Insights): Record<ChartId, InsightsTable> {
  return {
    volume: volumeTable(insights.volume),
    "missed-rate": missedRateTable(insights.missedRate),
    callbacks: callbackTable(insights.callbacks),
    "first-response": firstResponseTable(insights.firstResponse),
    "busiest-hours": heatMapTable(insights.heatMap),
    staff: staffTable(insights.staff),
  };
}

/** One chart's table, running only the queries it needs (the CSV export). */
export async function getInsightsTable(db: AppDatabase, chart: ChartId, range: InsightsRange): Promise<InsightsTable> {
  switch (chart) {
    case "volume":
      return volumeTable(await getVolume(db, range));
    case "missed-rate":
      return missedRateTable(await getMissedRate(db, range));
    case "callbacks":
      return callbackTable(await getCallbackTimes(db, range));
    case "first-response":
      return firstResponseTable(await getFirstResponseTimes(db, range));
    case "busiest-hours":
      return heatMapTable(await getHeatMap(db, range));
    case "staff":
      return staffTable(await getStaffLoad(db, range));
    default: {
      const unhandled: never = chart;
      throw new Error(`unknown chart ${String(unhandled)}`);
    }
  }
}

/** The table as CSV (the timeline export's cell rule: RFC 4180 quoting and the spreadsheet-formula guard). */
export function tableToCsv(table: InsightsTable): string {
  return [table.columns, ...table.rows].map((row) => csvRow(row)).join("");
}

export function csvFileNameFor(chart: ChartId, range: Pick<InsightsRange, "from" | "to">): string {
  return range.from === range.to ? `insights-${chart}-${range.from}.csv` : `insights-${chart}-${range.from}-to-${range.to}.csv`;
}
