import type { LogLevel } from "./config.ts";

export type Logger = {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
};

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A small levelled logger on stderr; Bolt gets the same one so there is one stream to read. */
export function createLogger(
  level: LogLevel,
  sink: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
) {
  const at =
    (lvl: LogLevel) =>
    (...args: unknown[]) => {
      if (ORDER[lvl] < ORDER[level]) return;
      const text = args
        .map((a) =>
          a instanceof Error ? (a.stack ?? a.message) : typeof a === "string" ? a : JSON.stringify(a),
        )
        .join(" ");
      sink(`${new Date().toISOString()} ${lvl.toUpperCase()} ${text}`);
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") } satisfies Logger;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
