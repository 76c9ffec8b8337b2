import { REJECTION_REASONS, rejectionLabel, type RejectionHour } from "@/lib/event-log/rejections";

const COLORS: Record<string, string> = {
  signature_mismatch: "fill-rose-500 dark:fill-rose-400",
  timestamp_out_of_range: "fill-amber-500 dark:fill-amber-400",
  missing_signature: "fill-zinc-400 dark:fill-zinc-500",
  malformed_signature: "fill-violet-500 dark:fill-violet-400",
  too_large: "fill-sky-500 dark:fill-sky-400",
};
const SWATCHES: Record<string, string> = {
  signature_mismatch: "bg-rose-500 dark:bg-rose-400",
  timestamp_out_of_range: "bg-amber-500 dark:bg-amber-400",
  missing_signature: "bg-zinc-400 dark:bg-zinc-500",
  malformed_signature: "bg-violet-500 dark:bg-violet-400",
  too_large: "bg-sky-500 dark:bg-sky-400",
};

const WIDTH = 480;
const HEIGHT = 64;

/** Rejected deliveries per hour (last 24 h), stacked by reason. A server-rendered SVG: no script. */
export function RejectionChart({ hours }: { hours: RejectionHour[] }) {
  const total = hours.reduce((sum, h) => sum + h.total, 0);
  const max = Math.max(1, ...hours.map((h) => h.total));
  const slot = WIDTH / hours.length;
  const seen = REJECTION_REASONS.filter((reason) => hours.some((h) => h.counts[reason]));
  return (
    <section
      aria-labelledby="rejections-title"
      data-testid="rejection-chart"
      className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs dark:border-white/10 dark:bg-zinc-900"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="rejections-title" className="text-xs font-medium text-zinc-500 dark:text-zinc-400">
          Rejected deliveries, last 24 hours
        </h2>
        <p className="text-sm font-semibold text-zinc-900 tabular-nums dark:text-white" data-testid="rejection-total">
          {total.toLocaleString("en-US")}
        </p>
      </div>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="mt-2 h-16 w-full" role="img" aria-label={`${total} rejected deliveries in the last 24 hours`}>
        <line x1={0} x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} className="stroke-zinc-200 dark:stroke-white/10" />
        {hours.map((hour, i) => {
          let y = HEIGHT;
          return (
            <g key={hour.hour.toISOString()}>
              <title>{`${hour.hour.toISOString().slice(11, 16)} UTC: ${hour.total} rejected`}</title>
              {REJECTION_REASONS.map((reason) => {
                const count = hour.counts[reason] ?? 0;
                if (count === 0) return null;
                const h = Math.max(2, (count / max) * (HEIGHT - 4));
                y -= h;
                return <rect key={reason} x={i * slot + 1} y={y} width={slot - 2} height={h} rx={1} className={COLORS[reason]} />;
              })}
            </g>
          );
        })}
      </svg>
      {seen.length > 0 ? (
        <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
          {seen.map((reason) => (
            <li key={reason} className="flex items-center gap-1.5">
              <span className={`size-2 rounded-sm ${SWATCHES[reason]}`} aria-hidden="true" />
              {rejectionLabel(reason)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">None: every delivery was signed correctly. Bodies of rejected deliveries are never stored.</p>
      )}
    </section>
  );
}
