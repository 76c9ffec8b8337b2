"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { fieldErrorsOf } from "@/lib/auth/forms";
import { validatedAction } from "@/lib/auth/validated-action";
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

export const connectEverythingAction = validatedAction(
  connectEverythingSchema,
  "admin",
  async ({ generation, numbers }, { user }): Promise<WebhookActionState> =>
    run(async () => {
      const { created, existing } = await webhookManager().connectEverything({ generation, resourceIds: numbers }, actorOf(user));
      const message =
        created.length === 0
          ? `Already connected: all ${existing.length} event families have a subscription to this app. Nothing was created.`
          : `Connected ${created.map((s) => (s.family ? FAMILY_LABELS[s.family] : s.id)).join(", ")}${existing.length ? ` (${existing.length} already existed)` : ""}. Their signing keys are stored and trusted.`;
      return { status: "success", message };
    }),
  (error): WebhookActionState => ({ status: "error", message: error.issues[0]?.message ?? "Invalid input" }),
);

export const createSubscriptionAction = validatedAction(
  createSubscriptionSchema,
  "admin",
  async ({ generation, family, numbers, url, label }, { user }): Promise<WebhookActionState> =>
    run(async () => {
      // An empty label field means "no label".
      const created = await webhookManager().create({ generation, family, resourceIds: numbers, url, label: label || undefined }, actorOf(user));
      return { status: "success", message: `Created webhook ${created.id}; its signing key is stored and trusted.` };
    }),
  (error): WebhookActionState => ({ status: "error", fieldErrors: fieldErrorsOf(error), message: "Check the highlighted fields." }),
);

export const manageSubscriptionAction = validatedAction(
  manageSubscriptionSchema,
  "admin",
  async ({ id, intent }, { user }): Promise<WebhookActionState> => {
    const actor = actorOf(user);
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
  },
  (): WebhookActionState => ({ status: "error", message: "Unknown webhook or action." }),
);

export const switchTo2026Action = validatedAction(
  z.object({}),
  "admin",
  async (_input, { user }): Promise<WebhookActionState> =>
    run(async () => {
      const result = await webhookManager().switchTo2026(actorOf(user));
      return result.ok
        ? { status: "success", message: `Switched: ${result.created.length} 2026 webhooks verified, ${result.deleted.length} legacy webhooks deleted. The switch window is recorded for the backfill.` }
        : { status: "error", message: result.problem ?? "The switch stopped." };
    }),
  (): WebhookActionState => ({ status: "error", message: "The switch stopped." }),
);
