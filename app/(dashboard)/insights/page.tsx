import type { Metadata } from "next";
import { cookies } from "next/headers";
import { connection } from "next/server";
import { ChartCard, Figure } from "@/components/insights/chart-card";
import { HeatMapChart } from "@/components/insights/heat-map";
import { InsightsToolbar } from "@/components/insights/insights-toolbar";
import { RateChart } from "@/components/insights/rate-chart";
import { StaffChart } from "@/components/insights/staff-chart";
import { VolumeChart } from "@/components/insights/volume-chart";
import { WaitChart } from "@/components/insights/wait-chart";
import { PageHeader } from "@/components/page-header";
import { TimeZoneSync } from "@/components/timeline/time-zone-sync";
import { TZ_COOKIE, viewerTimeZone } from "@/lib/time-zone";
import { requireUser } from "@/lib/auth/guards";
import { getDatabase } from "@/lib/db";
import { formatDayRange, formatPercent, formatWait } from "@/lib/insights/format";
import { listInboxes } from "@/lib/timeline/queries";
import { getInsights } from "@/lib/insights/queries";
import { insightsSearchParams, parseInsightsQuery, resolveInsightsRange } from "@/lib/insights/range";
import { insightsTables, type ChartId } from "@/lib/insights/tables";

export const metadata: Metadata = { title: "Insights" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** How the phones are doing: volume, missed calls, callbacks, response times, busy hours, who carries the load. */
export default async function InsightsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  await connection(); // reads the database: render per request, never at build time
  const db = getDatabase();
  const tz = viewerTimeZone((await cookies()).get(TZ_COOKIE)?.value);
  const range = resolveInsightsRange(parseInsightsQuery(await searchParams), tz, new Date());
  const [insights, numbers] = await Promise.all([getInsights(db, range), listInboxes(db)]);
  const tables = insightsTables(insights);
  const csvHref = (chart: ChartId) => `/api/insights/export.csv?${insightsSearchParams({ ...range, preset: "custom" }, { chart, tz }).toString()}`;
  const { missedRate, callbacks, firstResponse } = insights;
  const rateChange = missedRate.rate !== null && missedRate.previousRate !== null ? Math.round((missedRate.rate - missedRate.previousRate) * 1000) / 10 : null;
  const days = range.days.length;
  const numberName = numbers.find((n) => n.id === range.phoneNumberId);

  return (
    <>
      <TimeZoneSync serverTz={tz} />
      <PageHeader
        title="Insights"
        description={`${formatDayRange(range.from, range.to)} · ${numberName ? (numberName.name ?? numberName.number ?? `Number ${numberName.id}`) : "All numbers"} · times in ${tz.replaceAll("_", " ")}`}
      />
      <InsightsToolbar range={range} numbers={numbers} />

      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard title="Volume" description="Messages and calls per day, by kind." table={tables.volume} csvHref={csvHref("volume")} className="lg:col-span-2">
          <VolumeChart volume={insights.volume} />
        </ChartCard>

        <ChartCard
          title="Missed-call rate"
          description="Incoming calls that went unanswered (missed or voicemail), per day."
          table={tables["missed-rate"]}
          csvHref={csvHref("missed-rate")}
          className="lg:col-span-2"
          figures={
            <Figure
              label={`${missedRate.missed} of ${missedRate.incomingCalls} incoming calls`}
              value={formatPercent(missedRate.rate)}
              detail={
                rateChange === null ? (
                  "No calls in the previous period to compare with."
                ) : (
                  <span data-testid="missed-rate-trend" className={rateChange > 0 ? "text-rose-600 dark:text-rose-400" : rateChange < 0 ? "text-emerald-600 dark:text-emerald-400" : undefined}>
                    {rateChange > 0 ? "▲" : rateChange < 0 ? "▼" : "="} {Math.abs(rateChange)} pts vs the previous {days === 1 ? "day" : `${days} days`} ({formatPercent(missedRate.previousRate)})
                  </span>
                )
              }
            />
          }
        >
          <RateChart rate={missedRate} />
        </ChartCard>

        <ChartCard
          title="Time to callback"
          description="From a missed call or voicemail to the first outgoing call or text to that contact."
          table={tables.callbacks}
          csvHref={csvHref("callbacks")}
          figures={
            <>
              <Figure label="Median" value={formatWait(callbacks.medianSeconds)} />
              <Figure label="90th percentile" value={formatWait(callbacks.p90Seconds)} />
              <Figure label="Called back" value={`${callbacks.answered} of ${callbacks.total}`} />
            </>
          }
        >
          <WaitChart stats={callbacks} noun="Missed calls" />
        </ChartCard>

        <ChartCard
          title="First response"
          description="From a contact's first unanswered text to our first reply (text or call)."
          table={tables["first-response"]}
          csvHref={csvHref("first-response")}
          figures={
            <>
              <Figure label="Median" value={formatWait(firstResponse.medianSeconds)} />
              <Figure label="90th percentile" value={formatWait(firstResponse.p90Seconds)} />
              <Figure label="Answered" value={`${firstResponse.answered} of ${firstResponse.total}`} />
            </>
          }
        >
          <WaitChart stats={firstResponse} noun="Text threads" />
        </ChartCard>

        <ChartCard title="Busiest hours" description="Incoming calls and texts by weekday and hour." table={tables["busiest-hours"]} csvHref={csvHref("busiest-hours")} className="lg:col-span-2">
          <HeatMapChart heatMap={insights.heatMap} tz={tz} />
        </ChartCard>

        <ChartCard title="Per staff member" description="Incoming calls answered, talk time on answered calls, texts sent." table={tables.staff} csvHref={csvHref("staff")} className="lg:col-span-2">
          <StaffChart staff={insights.staff} />
        </ChartCard>
      </div>
    </>
  );
}
