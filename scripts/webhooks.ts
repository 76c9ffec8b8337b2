// `npm run webhooks -- <command>`: manage OpenPhone webhook subscriptions from a shell, through the
// same code as Admin → Webhooks. Logic and usage text: lib/webhooks/subscriptions/cli.ts.
import os from "node:os";
import readline from "node:readline";
import { createOpenPhoneClient } from "../lib/openphone/api/client";
import { webhookEndpointUrl } from "../lib/webhooks/endpoint";
import { runWebhooksCli } from "../lib/webhooks/subscriptions/cli";
import { createWebhookManager } from "../lib/webhooks/subscriptions/manager";
import { runWithDatabase } from "./cli-env";

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

await runWithDatabase((db, config) => {
  const manager = createWebhookManager({
    prisma: db.prisma,
    client: config.OPENPHONE_API_KEY
      ? createOpenPhoneClient({ apiKey: config.OPENPHONE_API_KEY, baseUrl: config.OPENPHONE_API_BASE_URL, timeoutMs: config.OPENPHONE_API_TIMEOUT_MS })
      : null,
    appSecret: config.APP_SECRET,
    webhookUrl: webhookEndpointUrl(config.WEBHOOK_BASE_URL),
    graceSeconds: config.WEBHOOK_KEY_GRACE_SECONDS,
    now: () => new Date(),
    // Running app instances notice key changes by themselves within a second.
    onKeysChanged: () => undefined,
  });
  return runWebhooksCli(process.argv.slice(2), {
    manager,
    actor: { id: null, label: `command line (${os.userInfo().username})` },
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    confirm,
  });
});
