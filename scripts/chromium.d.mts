// Types for scripts/chromium.mjs (plain ESM so scripts/test.mjs runs before any TypeScript tooling).
type Env = Record<string, string | undefined>;
export type InstallPlan = { describe: string; steps: [string, string[]][] };
export function findChromium(options?: { env?: Env; root?: string }): { path: string; source: string } | null;
export function installPlan(options?: { isRoot?: boolean; osRelease?: Record<string, string> }): InstallPlan;
export function ensureChromium(options?: {
  env?: Env;
  root?: string;
  plan?: InstallPlan;
  run?: (command: string, args: string[], env: Env) => boolean;
  log?: (line: string) => void;
}): { path: string; source: string } | { error: string };
