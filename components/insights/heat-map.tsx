import { scaleLinear } from "d3-scale";
import type { HeatMap } from "@/lib/insights/queries";
import { WEEK_ORDER, WEEKDAYS } from "@/lib/insights/tables";
import { AXIS_TEXT } from "./chart-colors";

const CELL = 22;
const GAP = 3;
const LEFT = 34;
const TOP = 4;
const BOTTOM = 18;

const hourLabel = (h: number) => `${String(h).padStart(2, "0")}:00`;

/** Incoming calls and texts per weekday × hour in the viewer's zone; darker is busier. */
export function HeatMapChart({ heatMap, tz }: { heatMap: HeatMap; tz: string }) {
  const opacity = scaleLinear().domain([0, Math.max(1, heatMap.max)]).range([0.12, 1]);
  const width = LEFT + 24 * (CELL + GAP);
  const height = TOP + 7 * (CELL + GAP) + BOTTOM;
  return (
    <div>
      <div className="overflow-x-auto">
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Incoming calls and texts by weekday and hour (${tz}); busiest hour has ${heatMap.max}`} className="h-auto w-full min-w-[520px]">
          {WEEK_ORDER.map((weekday, row) => (
            <g key={weekday}>
              <text x={LEFT - 6} y={TOP + row * (CELL + GAP) + CELL / 2} dy="0.32em" textAnchor="end" className={AXIS_TEXT}>
                {WEEKDAYS[weekday]!.slice(0, 3)}
              </text>
              {heatMap.counts[weekday]!.map((n, hour) => (
                <rect
                  key={hour}
                  x={LEFT + hour * (CELL + GAP)}
                  y={TOP + row * (CELL + GAP)}
                  width={CELL}
                  height={CELL}
                  rx={3}
                  data-count={n}
                  fillOpacity={n > 0 ? opacity(n) : 1}
                  className={n > 0 ? "fill-indigo-600 dark:fill-indigo-400" : "fill-zinc-100 dark:fill-white/5"}
                >
                  <title>{`${WEEKDAYS[weekday]} ${hourLabel(hour)}–${hourLabel((hour + 1) % 24)}: ${n}`}</title>
                </rect>
              ))}
            </g>
          ))}
          {[0, 3, 6, 9, 12, 15, 18, 21].map((hour) => (
            <text key={hour} x={LEFT + hour * (CELL + GAP)} y={height - 4} className={AXIS_TEXT}>
              {hourLabel(hour)}
            </text>
          ))}
        </svg>
      </div>
      <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">Times in {tz.replaceAll("_", " ")}.</p>
    </div>
  );
}
