import { describeRecovered } from "../backfill/counts";
import type { AppDatabase } from "../db/types";
import type { Logger } from "../log";
import { incrementCounter } from "./counters";
import { getOpsStatus, type OpsStatus } from "./status";

export type AlertKey = "no_deliveries" | "failed_events" | "backfill_gap";
export const ALERT_KEYS: readonly AlertKey[] = ["no_deliveries", "failed_events", "backfill_gap"];
export type AlertCondition = { key: AlertKey; title: string; detail: string; href: string; linkLabel: string };

export type AlertConfig = { noDeliveryMinutes: number };

/** The same alert is never sent twice within this window. */
export const ALERT_REPEAT_MS = 60 * 60_000;
/** At most one message to the alert webhook per this window, whatever the number of conditions. */
export const ALERT_MIN_INTERVAL_MS = 60_000;

/** What needs an admin's attention now. Pure: the status is read by the caller. */
export function alertConditions(status: OpsStatus, now: Date, config: AlertConfig): AlertCondition[] {
  const conditions: AlertCondition[] = [];
  const quietMs = config.noDeliveryMinutes * 60_000;
  if (status.subscriptions > 0 && (!status.lastDeliveryAt || now.getTime() - status.lastDeliveryAt.getTime() > quietMs)) {
    conditions.push({
      key: "no_deliveries",
      title: "No webhook deliveries",
      detail: status.lastDeliveryAt
        ? `Nothing has arrived for ${formatAge(now.getTime() - status.lastDeliveryAt.getTime())} although OpenPhone webhooks are registered.`
        : "Nothing has ever arrived although OpenPhone webhooks are registered.",
      href: "/admin/events",
      linkLabel: "Open the event log",
    });
  }
  if (status.failedEvents > 0) {
    conditions.push({
      key: "failed_events",
      title: `${status.failedEvents.toLocaleString("en-US")} failed event${status.failedEvents === 1 ? "" : "s"} waiting`,
      detail: "Their processing failed; fix the cause, then replay them from the event log.",
      href: "/admin/events?outcome=failed",
      linkLabel: "Open the event log",
    });
  }
  const gap = status.backfillGap;
  if (gap) {
    conditions.push({
      key: "backfill_gap",
      title: "Webhooks were lost",
      detail: `Backfill #${gap.runId} recovered ${describeRecovered(gap.counts)} created between ${formatUtc(gap.from)} and ${formatUtc(gap.to)} that never arrived by webhook.`,
      href: "/admin/backfill",
      linkLabel: "Open backfill",
    });
  }
  return conditions;
}

/** "2026-11-30 09:01 UTC": alerts leave the server, so they name their zone. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatAge(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}

export type AlertSender = (url: string, body: { text: string }) => Promise<void>;

/** Posts JSON to a Slack-compatible incoming webhook, with a deadline. */
export const postAlert: AlertSender = async (url, body) => {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) throw new Error(`alert webhook answered ${response.status}`);
};

/**
 * Sends the conditions that are due to the alert webhook: each condition at most once per hour,
 * and at most one message per minute overall, across every instance (guarded updates on
 * AlertState rows claim a send). Returns the keys sent.
 */
export async function sendDueAlerts(
  db: AppDatabase,
  conditions: AlertCondition[],
  now: Date,
  options: { url: string | undefined; baseUrl: string; send?: AlertSender; log?: Logger },
): Promise<AlertKey[]> {
  await markActive(db, conditions, now);
  if (!options.url || conditions.length === 0) return [];
  if (!(await claim(db, "_any", now, ALERT_MIN_INTERVAL_MS))) return [];
  const due: AlertCondition[] = [];
  for (const condition of conditions) if (await claim(db, condition.key, now, ALERT_REPEAT_MS)) due.push(condition);
  if (due.length === 0) return [];
  const text = due.map((c) => `:warning: *${c.title}*: ${c.detail} <${options.baseUrl.replace(/\/+$/, "")}${c.href}|Open>`).join("\n");
  try {
    await (options.send ?? postAlert)(options.url, { text });
    await incrementCounter(db, "alerts:sent", due.length);
  } catch (error) {
    // Not sent: release the claims so the next run tries again instead of staying silent for an hour.
    await db.prisma.$transaction(due.map((c) => db.prisma.alertState.updateMany({ where: { key: c.key, lastSentAt: now }, data: { lastSentAt: null } })));
    options.log?.warn("alert webhook failed", { error: error instanceof Error ? error.message : String(error) });
    return [];
  }
  return due.map((c) => c.key);
}

/** Claims the right to send `key` now when it was last sent more than `windowMs` ago (or never). */
async function claim(db: AppDatabase, key: string, now: Date, windowMs: number): Promise<boolean> {
  const cutoff = new Date(now.getTime() - windowMs);
  await ensureRow(db, key);
  const [result] = await db.prisma.$transaction([
    db.prisma.alertState.updateMany({
      where: { key, OR: [{ lastSentAt: null }, { lastSentAt: { lte: cutoff } }] },
      data: { lastSentAt: now },
    }),
  ]);
  return result.count === 1;
}

async function ensureRow(db: AppDatabase, key: string): Promise<void> {
  try {
    await db.prisma.$transaction([db.prisma.alertState.upsert({ where: { key }, create: { key }, update: {}, select: { id: true } })]);
  } catch {
    // Another instance created it at the same moment: the row exists, which is all we need.
  }
}

/** Keeps `active` / `since` current for every known condition (what the banner would show). */
async function markActive(db: AppDatabase, conditions: AlertCondition[], now: Date): Promise<void> {
  for (const key of ALERT_KEYS) {
    const condition = conditions.find((c) => c.key === key);
    await ensureRow(db, key);
    await db.prisma.$transaction([
      condition
        ? db.prisma.alertState.updateMany({ where: { key, active: false }, data: { active: true, since: now, message: condition.title } })
        : db.prisma.alertState.updateMany({ where: { key, active: true }, data: { active: false, since: null, message: null } }),
    ]);
  }
}

/** The conditions the admin banner shows now. */
export async function currentAlertConditions(db: AppDatabase, now: Date, config: AlertConfig): Promise<AlertCondition[]> {
  return alertConditions(await getOpsStatus(db), now, config);
}
