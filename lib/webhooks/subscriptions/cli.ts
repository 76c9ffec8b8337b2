import { parseArgs } from "node:util";
import { webhookFamilySchema } from "../../openphone/api/schemas";
import type { Actor } from "./audit";
import { describeAdminFailure } from "./errors";
import { FAMILY_LABELS, GENERATION_LABELS } from "./families";
import type { SubscriptionView, TestResult, WebhookManager } from "./manager";
import { generationSchema, webhookIdSchema } from "./schemas";

export const WEBHOOKS_USAGE = `Usage: npm run webhooks -- <command> [options] [--json]

Commands:
  list                              the workspace's webhooks (both API generations)
  create --all | --family F         subscribe this app (F: messages, calls, summaries, transcripts);
         [--generation 2026|legacy] --all skips families already subscribed (running it twice creates nothing)
         [--numbers PN…,PN…] [--url U] [--label L]
  test [--id ID]                    signed test delivery and round trip (default: every webhook pointing here)
  delete --id ID | --all [--yes]    --all: every webhook pointing at this app; asks unless --yes
  enable --id ID | disable --id ID  2026 webhooks only
  rotate --id ID                    new signing key (2026); the old one stays trusted for WEBHOOK_KEY_GRACE_SECONDS
  reveal --id ID                    print the stored signing key (recorded in the change log)
  switch [--yes]                    legacy → 2026: create, verify a test delivery, then delete the legacy ones

Exit status: 0 done, 1 failed (test not stored, unknown id, switch stopped), 2 usage,
3 API key missing or rejected, 4 OpenPhone unavailable (unreachable, timeout, rate limited, 5xx).`;

export type WebhooksCliContext = {
  manager: WebhookManager;
  actor: Actor;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Asks a yes/no question; false when nobody can answer (no terminal). */
  confirm: (question: string) => Promise<boolean>;
};

class UsageError extends Error {}

const EXIT = { ok: 0, failed: 1, usage: 2, credentials: 3, unavailable: 4 } as const;

/** `npm run webhooks -- …`, the same manager the admin page uses; returns the exit status. */
export async function runWebhooksCli(argv: string[], ctx: WebhooksCliContext): Promise<number> {
  const [command, ...rest] = argv;
  let json = false;
  try {
    if (!command || command === "help" || command === "--help") {
      ctx.out(WEBHOOKS_USAGE);
      return command ? EXIT.ok : EXIT.usage;
    }
    const { values } = parseArgs({
      args: rest,
      strict: true,
      options: {
        json: { type: "boolean", default: false },
        all: { type: "boolean", default: false },
        yes: { type: "boolean", default: false },
        id: { type: "string" },
        family: { type: "string" },
        generation: { type: "string", default: "2026" },
        numbers: { type: "string", multiple: true },
        url: { type: "string" },
        label: { type: "string" },
      },
    });
    json = values.json;
    const emit = (data: unknown, lines: () => string[]) => (json ? ctx.out(JSON.stringify(data, null, 2)) : lines().forEach((l) => ctx.out(l)));
    const id = () => {
      const parsed = webhookIdSchema.safeParse(values.id ?? "");
      if (!parsed.success) throw new UsageError(`${command} needs --id <webhook id>`);
      return parsed.data;
    };
    const generation = () => {
      const parsed = generationSchema.safeParse(values.generation);
      if (!parsed.success) throw new UsageError("--generation must be 2026 or legacy");
      return parsed.data;
    };
    const numbers = (values.numbers ?? []).flatMap((n) => n.split(",")).map((n) => n.trim()).filter(Boolean);
    if (numbers.some((n) => !/^PN[A-Za-z0-9]+$/.test(n))) throw new UsageError("--numbers takes PN… ids");

    switch (command) {
      case "list": {
        const subs = await ctx.manager.list();
        emit({ subscriptions: subs }, () => (subs.length ? table(subs) : ["No webhooks. Run: npm run webhooks -- create --all"]));
        return EXIT.ok;
      }
      case "create": {
        if (values.all === Boolean(values.family)) throw new UsageError("create needs --all or --family <family>");
        if (values.all) {
          const result = await ctx.manager.connectEverything({ generation: generation(), resourceIds: numbers }, ctx.actor);
          emit(result, () => [
            ...result.created.map((s) => `created ${s.id} ${s.family ? FAMILY_LABELS[s.family] : ""}`),
            ...result.existing.map((s) => `exists  ${s.id} ${s.family ? FAMILY_LABELS[s.family] : ""}`),
            result.created.length ? `${result.created.length} created; keys stored and trusted.` : "Nothing to create: every family is subscribed.",
          ]);
          return EXIT.ok;
        }
        const family = webhookFamilySchema.safeParse(values.family);
        if (!family.success) throw new UsageError("--family must be messages, calls, summaries or transcripts");
        const created = await ctx.manager.create({ generation: generation(), family: family.data, resourceIds: numbers, url: values.url, label: values.label }, ctx.actor);
        emit({ created }, () => [`created ${created.id} → ${created.url}; key stored and trusted.`]);
        return EXIT.ok;
      }
      case "test": {
        const ids = values.id ? [id()] : (await ctx.manager.list()).filter((s) => s.pointsHere).map((s) => s.id);
        if (ids.length === 0) {
          ctx.err("No webhook points at this app. Run: npm run webhooks -- create --all");
          return EXIT.failed;
        }
        const results: TestResult[] = [];
        for (const one of ids) results.push(await ctx.manager.test(one, ctx.actor));
        emit({ results }, () =>
          results.map((r) => `${r.id.padEnd(28)} ${(["sent", "received", "verified", "stored"] as const).map((k) => `${r[k] ? "✓" : "✗"} ${k}`).join("  ")}  ${r.ms} ms${r.problem ? `  ${r.problem}` : ""}`),
        );
        return results.every((r) => r.stored) ? EXIT.ok : EXIT.failed;
      }
      case "delete": {
        if (values.all === Boolean(values.id)) throw new UsageError("delete needs --id <webhook id> or --all");
        const ids = values.all ? (await ctx.manager.list()).filter((s) => s.pointsHere).map((s) => s.id) : [id()];
        if (ids.length === 0) {
          emit({ deleted: [] }, () => ["Nothing to delete."]);
          return EXIT.ok;
        }
        if (!values.yes && !(await ctx.confirm(`Delete ${ids.join(", ")}? OpenPhone stops delivering at once. [y/N] `))) {
          ctx.err("Not deleted (pass --yes to skip the question).");
          return EXIT.failed;
        }
        for (const one of ids) await ctx.manager.remove(one, ctx.actor);
        emit({ deleted: ids }, () => ids.map((d) => `deleted ${d}`));
        return EXIT.ok;
      }
      case "enable":
      case "disable": {
        const target = id();
        await ctx.manager.setStatus(target, command === "enable" ? "enabled" : "disabled", ctx.actor);
        emit({ id: target, status: `${command}d` }, () => [`${command}d ${target}`]);
        return EXIT.ok;
      }
      case "rotate": {
        const target = id();
        const { graceEndsAt } = await ctx.manager.rotate(target, ctx.actor);
        emit({ id: target, graceEndsAt }, () => [`rotated ${target}; the old key is trusted until ${graceEndsAt.toISOString()}`]);
        return EXIT.ok;
      }
      case "reveal": {
        const key = await ctx.manager.reveal(id(), ctx.actor);
        emit({ key }, () => [key]);
        return EXIT.ok;
      }
      case "switch": {
        if (!values.yes && !(await ctx.confirm("Create 2026 webhooks, verify them, then delete the legacy ones? [y/N] "))) {
          ctx.err("Not switched (pass --yes to skip the question).");
          return EXIT.failed;
        }
        const result = await ctx.manager.switchTo2026(ctx.actor);
        emit(result, () => [result.ok ? `switched: created ${result.created.join(", ") || "none (existing reused)"}; deleted ${result.deleted.join(", ")}` : `stopped: ${result.problem}`]);
        return result.ok ? EXIT.ok : EXIT.failed;
      }
      default:
        throw new UsageError(`Unknown command ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))) {
      ctx.err(`✖ ${error.message}`);
      ctx.err(WEBHOOKS_USAGE);
      return EXIT.usage;
    }
    const failure = describeAdminFailure(error);
    if (!failure) throw error;
    if (json) ctx.out(JSON.stringify({ error: failure }, null, 2));
    ctx.err(`✖ ${failure.message}`);
    if (failure.kind === "not_configured" || failure.kind === "unauthorized" || failure.kind === "forbidden") return EXIT.credentials;
    if (["unreachable", "timeout", "rate_limited", "server", "invalid_response"].includes(failure.kind)) return EXIT.unavailable;
    return EXIT.failed;
  }
}

function table(subs: SubscriptionView[]): string[] {
  const rows = subs.map((s) => [
    s.id,
    GENERATION_LABELS[s.generation],
    s.family ? FAMILY_LABELS[s.family] : "custom",
    s.status,
    s.pointsHere ? "this app" : s.url,
    s.resourceIds.includes("*") ? "all" : s.resourceIds.join(","),
    s.hasKey ? "stored" : "—",
    s.lastDelivery ? s.lastDelivery.receivedAt.toISOString() : "—",
  ]);
  const head = ["ID", "GENERATION", "EVENTS", "STATUS", "TARGET", "NUMBERS", "KEY", "LAST DELIVERY"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [head, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd());
}
