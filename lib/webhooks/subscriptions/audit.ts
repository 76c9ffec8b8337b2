import type { PrismaHandle } from "../../db/types";

export type Actor = { id: number | null; label: string };

export const CLI_ACTOR: Actor = { id: null, label: "command line" };

export type AuditAction =
  | "create"
  | "delete"
  | "enable"
  | "disable"
  | "rotate"
  | "test"
  | "reveal"
  | "switch_started"
  | "switch_completed"
  | "switch_failed";

export async function recordAudit(
  prisma: PrismaHandle,
  entry: { actor: Actor; action: AuditAction; target?: string | null; detail?: string | null; at: Date },
): Promise<void> {
  await prisma.webhookAuditEntry.create({
    data: {
      actorId: entry.actor.id,
      actorLabel: entry.actor.label,
      action: entry.action,
      target: entry.target ?? null,
      detail: entry.detail ?? null,
      createdAt: entry.at,
    },
  });
}

export async function listAudit(prisma: PrismaHandle, limit = 20) {
  return prisma.webhookAuditEntry.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, actorLabel: true, action: true, target: true, detail: true, createdAt: true },
  });
}

export type AuditEntryView = Awaited<ReturnType<typeof listAudit>>[number];
