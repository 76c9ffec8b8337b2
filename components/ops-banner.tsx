import Link from "next/link";
import { AlertIcon } from "@/components/icons";
import { getDatabase } from "@/lib/db";
import { env } from "@/lib/env";
import { currentAlertConditions } from "@/lib/ops/alerts";

/** For admins: what needs attention (no deliveries, failed events waiting, webhooks a backfill found lost). Renders nothing when all is well. */
export async function OpsBanner() {
  const conditions = await currentAlertConditions(getDatabase(), new Date(), { noDeliveryMinutes: env().ALERT_NO_DELIVERY_MINUTES });
  if (conditions.length === 0) return null;
  return (
    <div
      role="status"
      data-testid="ops-banner"
      className="mb-6 rounded-xl border border-amber-300/70 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-400/25 dark:bg-amber-400/10 dark:text-amber-100"
    >
      <ul className="space-y-1.5">
        {conditions.map((condition) => (
          <li key={condition.key} className="flex items-start gap-2" data-alert={condition.key}>
            <AlertIcon className="mt-0.5 size-4 shrink-0 text-amber-600 dark:text-amber-300" />
            <p className="min-w-0">
              <span className="font-semibold">{condition.title}.</span> {condition.detail}{" "}
              <Link href={condition.href} className="font-medium whitespace-nowrap underline decoration-amber-500/50 underline-offset-2 hover:decoration-amber-600">
                {condition.linkLabel}
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
