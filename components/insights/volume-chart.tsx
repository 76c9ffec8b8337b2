import { scaleBand, scaleLinear } from "d3-scale";
import { stack } from "d3-shape";
import { VOLUME_CATEGORIES, type Volume, type VolumeCategory } from "@/lib/insights/queries";
import { CATEGORY_LABELS } from "@/lib/insights/tables";
import { formatShortDay } from "@/lib/insights/format";
import { AXIS_TEXT, CATEGORY_FILL, CATEGORY_SWATCH, GRID_LINE } from "./chart-colors";

const W = 640;
const H = 220;
const M = { top: 8, right: 8, bottom: 24, left: 36 };

/** Messages and calls per day, stacked by kind (SVG on the server: d3-scale for positions, d3-shape's stack for the layers). */
export function VolumeChart({ volume }: { volume: Volume }) {
  const present = VOLUME_CATEGORIES.filter((c) => volume.totals[c] > 0);
  const rows = volume.days.map((d) => ({ day: d.day, ...d.counts }));
  const layers = stack<(typeof rows)[number], VolumeCategory>().keys(present)(rows);
  const maxTotal = Math.max(1, ...volume.days.map((d) => present.reduce((sum, c) => sum + d.counts[c], 0)));
  const x = scaleBand<string>().domain(volume.days.map((d) => d.day)).range([M.left, W - M.right]).paddingInner(0.25).paddingOuter(0.1);
  const y = scaleLinear().domain([0, maxTotal]).nice(4).range([H - M.bottom, M.top]);
  const every = Math.ceil(volume.days.length / 10);
  const total = present.reduce((sum, c) => sum + volume.totals[c], 0);
  return (
    <div>
      <div className="overflow-x-auto">
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${total} messages and calls over ${volume.days.length} days, stacked by kind`} className="h-auto w-full min-w-[480px]">
          {y.ticks(4).map((t) => (
            <g key={t}>
              <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} className={GRID_LINE} />
              <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end" className={AXIS_TEXT}>
                {t}
              </text>
            </g>
          ))}
          {layers.map((layer) => (
            <g key={layer.key} className={CATEGORY_FILL[layer.key]}>
              {layer.map((point) => {
                const height = y(point[0]) - y(point[1]);
                if (height <= 0) return null;
                return (
                  <rect key={point.data.day} x={x(point.data.day)} y={y(point[1])} width={x.bandwidth()} height={height} rx={1}>
                    <title>{`${formatShortDay(point.data.day)}: ${point.data[layer.key]} ${CATEGORY_LABELS[layer.key].toLowerCase()}`}</title>
                  </rect>
                );
              })}
            </g>
          ))}
          {volume.days.map((d, i) =>
            i % every === 0 ? (
              <text key={d.day} x={(x(d.day) ?? 0) + x.bandwidth() / 2} y={H - 6} textAnchor="middle" className={AXIS_TEXT}>
                {formatShortDay(d.day)}
              </text>
            ) : null,
          )}
        </svg>
      </div>
      <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1.5 text-xs text-zinc-600 dark:text-zinc-400">
        {present.map((c) => (
          <li key={c} className="flex items-center gap-1.5">
            <span className={`size-2.5 rounded-sm ${CATEGORY_SWATCH[c]}`} aria-hidden="true" />
            {CATEGORY_LABELS[c]} <span className="text-zinc-400 tabular-nums dark:text-zinc-500">{volume.totals[c].toLocaleString("en-US")}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
