import { env } from "./env";

type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export type Logger = Record<Level, (msg: string, fields?: Record<string, unknown>) => void>;

/** One JSON line per call on stdout/stderr. Callers pass ids and outcomes, never secrets or message bodies. */
export function createLogger(level: Level | "silent" = "info", write = defaultWrite): Logger {
  const make =
    (at: Level) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (ORDER[at] < ORDER[level]) return;
      write(at, JSON.stringify({ time: new Date().toISOString(), level: at, msg, ...fields }));
    };
  return { debug: make("debug"), info: make("info"), warn: make("warn"), error: make("error") };
}

function defaultWrite(level: Level, line: string): void {
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
}

let logger: Logger | undefined;

export function log(): Logger {
  logger ??= createLogger(env().LOG_LEVEL);
  return logger;
}
