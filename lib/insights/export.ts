import { z } from "zod";
import type { AppDatabase } from "../db/types";
import { parseInsightsQuery, resolveInsightsRange } from "./range";
import { CHART_IDS, csvFileNameFor, getInsightsTable, tableToCsv } from "./tables";

const chartSchema = z.enum(CHART_IDS);

export type InsightsCsv = { ok: true; fileName: string; body: string } | { ok: false; error: string };

/**
 * GET /api/insights/export.csv?chart=…&range=…&from=…&to=…&number=…&tz=…: one chart's table.
 * Days are in `tz` (UTC without it); other values are read like the page reads them.
 */
export async function exportInsightsCsv(db: AppDatabase, params: URLSearchParams, now: Date): Promise<InsightsCsv> {
  const chart = chartSchema.safeParse(params.get("chart"));
  if (!chart.success) return { ok: false, error: `chart must be one of ${CHART_IDS.join(", ")}` };
  const range = resolveInsightsRange(parseInsightsQuery(params), "UTC", now);
  const table = await getInsightsTable(db, chart.data, range);
  return { ok: true, fileName: csvFileNameFor(chart.data, range), body: tableToCsv(table) };
}
