// `npm run users -- <command>`: manage sign-in accounts from a shell (create, reset-password, list, …).
// Logic and usage text: lib/auth/cli.ts. Reads DATABASE_URL and WEBHOOK_BASE_URL like the app.
import readline from "node:readline";
import { runUsersCli } from "../lib/auth/cli";
import { runWithDatabase } from "./cli-env";

/** Piped stdin: its first line. A terminal: a prompt that does not echo. Nothing: "" (generate). */
async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    let input = "";
    for await (const chunk of process.stdin) input += chunk;
    return input.split(/\r?\n/)[0] ?? "";
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stdout.write(prompt);
  output._writeToOutput = () => {}; // hide what is typed
  const answer = await new Promise<string>((resolve) => rl.question("", resolve));
  rl.close();
  process.stdout.write("\n");
  return answer;
}

await runWithDatabase((db, config) =>
  runUsersCli(process.argv.slice(2), {
    db,
    baseUrl: config.WEBHOOK_BASE_URL,
    now: () => new Date(),
    io: { out: (line) => console.log(line), err: (line) => console.error(line), readPassword },
  }),
);
