import { scalePoint, scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import type { MissedRate } from "@/lib/insights/queries";
import { formatPercent, formatShortDay } from "@/lib/insights/format";
import { AXIS_TEXT, GRID_LINE } from "./chart-colors";

const W = 640;
const H = 180;
const M = { top: 10, right: 12, bottom: 24, left: 40 };

type Point = MissedRate["days"][number];

/** The missed-call rate per day as a line, with the previous period's rate as a dashed reference. */
export function RateChart({ rate }: { rate: MissedRate }) {
  const x = scalePoint<string>().domain(rate.days.map((d) => d.day)).range([M.left, W - M.right]).padding(0.5);
  const y = scaleLinear().domain([0, 1]).range([H - M.bottom, M.top]);
  const path = line<Point>()
    .defined((d) => d.rate !== null)
    .x((d) => x(d.day) ?? 0)
    .y((d) => y(d.rate ?? 0))(rate.days);
  const every = Math.ceil(rate.days.length / 10);
  return (
    <div className="overflow-x-auto">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Missed-call rate per day; ${formatPercent(rate.rate)} over the range`} className="h-auto w-full min-w-[480px]">
        {[0, 0.25, 0.5, 0.75, 1].map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} className={GRID_LINE} />
            <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end" className={AXIS_TEXT}>
              {t * 100}%
            </text>
          </g>
        ))}
        {rate.previousRate !== null ? (
          <g>
            <line x1={M.left} x2={W - M.right} y1={y(rate.previousRate)} y2={y(rate.previousRate)} strokeDasharray="4 4" className="stroke-zinc-400 dark:stroke-zinc-500" />
            <text x={W - M.right} y={y(rate.previousRate) - 4} textAnchor="end" className={AXIS_TEXT}>
              previous period {formatPercent(rate.previousRate)}
            </text>
          </g>
        ) : null}
        {path ? <path d={path} fill="none" strokeWidth={2} strokeLinejoin="round" className="stroke-rose-500 dark:stroke-rose-400" /> : null}
        {rate.days.map((d) =>
          d.rate === null ? null : (
            <circle key={d.day} cx={x(d.day)} cy={y(d.rate)} r={3} className="fill-white stroke-rose-500 dark:fill-zinc-900 dark:stroke-rose-400" strokeWidth={2}>
              <title>{`${formatShortDay(d.day)}: ${d.missed} of ${d.incomingCalls} incoming calls missed (${formatPercent(d.rate)})`}</title>
            </circle>
          ),
        )}
        {rate.days.map((d, i) =>
          i % every === 0 ? (
            <text key={d.day} x={x(d.day)} y={H - 6} textAnchor="middle" className={AXIS_TEXT}>
              {formatShortDay(d.day)}
            </text>
          ) : null,
        )}
      </svg>
    </div>
  );
}
