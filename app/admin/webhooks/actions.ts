"use server";

import { revalidatePath } from "next/cache";
import { fieldErrorsOf, formText } from "@/lib/auth/forms";
import { requireAdmin } from "@/lib/auth/guards";
import type { WebhookActionState } from "@/lib/webhooks/subscriptions/action-state";
import type { Actor } from "@/lib/webhooks/subscriptions/audit";
import { describeAdminFailure } from "@/lib/webhooks/subscriptions/errors";
import { FAMILY_LABELS } from "@/lib/webhooks/subscriptions/families";
import { connectEverythingSchema, createSubscriptionSchema, manageSubscriptionSchema } from "@/lib/webhooks/subscriptions/schemas";
import { webhookManager } from "@/lib/webhooks/subscriptions/server";

const PAGE = "/admin/webhooks";

function actorOf(admin: { id: number; email: string }): Actor {
  return { id: admin.id, label: admin.email };
}

/** Expected failures (no key, wrong key, rate limited, unknown id…) become a message; anything else throws. */
async function run(fn: () => Promise<WebhookActionState>): Promise<WebhookActionState> {
  try {
    return await fn();
  } catch (error) {
    const failure = describeAdminFailure(error);
    if (!failure) throw error;
    return { status: "error", kind: failure.kind, message: failure.message };
  } finally {
    revalidatePath(PAGE);
  }
}

export async function connectEverythingAction(_previous: WebhookActionState, formData: FormData): Promise<WebhookActionState> {
  const actor = actorOf(await requireAdmin());
  const parsed = connectEverythingSchema.safeParse({ generation: formText(formData, "generation"), numbers: formData.getAll("numbers") });
  if (!parsed.success) return { status: "error", message: parsed.error.issues[0]?.message ?? "Invalid input" };
  return run(async () => {
    const { created, existing } = await webhookManager().connectEverything({ generation: parsed.data.generation, resourceIds: parsed.data.numbers }, actor);
    const message =
      created.length === 0
        ? `Already connected: all ${existing.length} event families have a subscription to this app. Nothing was created.`
        : `Connected ${created.map((s) => (s.family ? FAMILY_LABELS[s.family] : s.id)).join(", ")}${existing.length ? ` (${existing.length} already existed)` : ""}. Their signing keys are stored and trusted.`;
    return { status: "success", message };
  });
}

export async function createSubscriptionAction(_previous: WebhookActionState, formData: FormData): Promise<WebhookActionState> {
  const actor = actorOf(await requireAdmin());
  const parsed = createSubscriptionSchema.safeParse({
    generation: formText(formData, "generation"),
    family: formText(formData, "family"),
    numbers: formData.getAll("numbers"),
    url: formText(formData, "url"),
    label: formText(formData, "label") || undefined,
  });
  if (!parsed.success) return { status: "error", fieldErrors: fieldErrorsOf(parsed.error), message: "Check the highlighted fields." };
  return run(async () => {
    const created = await webhookManager().create(
      { generation: parsed.data.generation, family: parsed.data.family, resourceIds: parsed.data.numbers, url: parsed.data.url, label: parsed.data.label },
      actor,
    );
    return { status: "success", message: `Created webhook ${created.id}; its signing key is stored and trusted.` };
  });
}

export async function manageSubscriptionAction(_previous: WebhookActionState, formData: FormData): Promise<WebhookActionState> {
  const actor = actorOf(await requireAdmin());
  const parsed = manageSubscriptionSchema.safeParse({ id: formText(formData, "id"), intent: formText(formData, "intent") });
  if (!parsed.success) return { status: "error", message: "Unknown webhook or action." };
  const { id, intent } = parsed.data;
  return run(async () => {
    const manager = webhookManager();
    switch (intent) {
      case "test": {
        const test = await manager.test(id, actor);
        return { status: test.stored ? "success" : "error", test, message: test.problem ?? undefined };
      }
      case "enable":
      case "disable":
        await manager.setStatus(id, intent === "enable" ? "enabled" : "disabled", actor);
        return { status: "success", message: intent === "enable" ? "Enabled." : "Disabled: OpenPhone stops delivering until it is enabled." };
      case "rotate": {
        const { graceEndsAt } = await manager.rotate(id, actor);
        return { status: "success", message: `New key stored and trusted. The old key stays valid until ${graceEndsAt.toUTCString()}.` };
      }
      case "reveal":
        return { status: "success", secret: await manager.reveal(id, actor), message: "This reveal is recorded in the change log." };
      case "delete":
        await manager.remove(id, actor);
        return { status: "success", message: `Deleted ${id}; deliveries signed with its key are now rejected.` };
      default: {
        const never: never = intent;
        return never;
      }
    }
  });
}

export async function switchTo2026Action(_previous: WebhookActionState): Promise<WebhookActionState> {
  const actor = actorOf(await requireAdmin());
  return run(async () => {
    const result = await webhookManager().switchTo2026(actor);
    return result.ok
      ? { status: "success", message: `Switched: ${result.created.length} 2026 webhooks verified, ${result.deleted.length} legacy webhooks deleted. The switch window is recorded for the backfill.` }
      : { status: "error", message: result.problem ?? "The switch stopped." };
  });
}
