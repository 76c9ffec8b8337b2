import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Attempt, SenderJob } from "./sender";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type Load = {
  /** Every attempt so far, in the order the sender reported them. */
  attempts: Attempt[];
  /** Resolves when every delivery got a 2xx. */
  done: Promise<void>;
  stop: () => void;
};

/** Starts tests/reliability/sender.ts in its own process on a job. */
export function startLoad(name: string, job: SenderJob): Load {
  const dir = path.join(ROOT, "tests", ".tmp", "reliability");
  fs.mkdirSync(dir, { recursive: true });
  const jobFile = path.join(dir, `${name}-job.json`);
  fs.writeFileSync(jobFile, JSON.stringify(job));
  const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), ["tests/reliability/sender.ts", jobFile], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const attempts: Attempt[] = [];
  let pending = "";
  let errors = "";
  child.stdout.on("data", (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop()!;
    for (const line of lines) if (line) attempts.push(JSON.parse(line) as Attempt);
  });
  child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const done = new Promise<void>((resolve, reject) =>
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`sender exited with ${code}: ${errors.slice(-2000)}`)))),
  );
  return { attempts, done, stop: () => child.kill("SIGTERM") };
}

/** The deliveries that got a 2xx, by index. */
export function acknowledged(attempts: Attempt[]): Set<number> {
  return new Set(attempts.filter((a) => a.status >= 200 && a.status < 300).map((a) => a.i));
}
