import { createRequire } from "node:module";
import type { Config, LogFormat, LogLevel } from "./config.ts";

export type Logger = {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
};

export type LoggerOptions = {
  /** `text` (the default): one readable line per call; `json`: one JSON object per line (pino). */
  format?: LogFormat;
  /** Exact values never to write, such as the signing secret; Slack tokens are caught by shape. */
  secrets?: readonly (string | undefined)[];
  now?: () => Date;
};

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const LEVELS = Object.keys(ORDER) as LogLevel[];

/** A small levelled logger on stderr; Bolt gets the same one so there is one stream to read. */
export function createLogger(
  level: LogLevel,
  sink: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  options: LoggerOptions = {},
): Logger {
  const redact = secretRedactor(options.secrets ?? []);
  const now = options.now ?? (() => new Date());
  const out = (line: string) => sink(redact(line));
  const logger =
    (options.format ?? "text") === "json" ? jsonLogger(level, out, now) : textLogger(level, out, now);
  return logger;
}

/** The logger the bot's configuration asks for, with its secrets kept out of every line. */
export function createConfiguredLogger(
  config: Pick<Config, "logLevel" | "logFormat" | "botToken" | "appToken" | "signingSecret"> &
    Partial<Pick<Config, "oauth">>,
  sink?: (line: string) => void,
): Logger {
  return createLogger(config.logLevel, sink, {
    format: config.logFormat,
    secrets: [
      config.botToken,
      config.appToken,
      config.signingSecret,
      config.oauth?.clientSecret,
      config.oauth?.stateSecret,
    ],
  });
}

function textLogger(level: LogLevel, out: (line: string) => void, now: () => Date): Logger {
  const at =
    (lvl: LogLevel) =>
    (...args: unknown[]) => {
      if (ORDER[lvl] < ORDER[level]) return;
      const text = args
        .map((a) =>
          a instanceof Error ? (a.stack ?? a.message) : typeof a === "string" ? a : JSON.stringify(a),
        )
        .join(" ");
      out(`${now().toISOString()} ${lvl.toUpperCase()} ${text}`);
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/**
 * pino writing to `out` synchronously, so nothing is lost when the process exits right after a
 * line. A call's text goes in `msg`, as the text format would print it without stacks; its first
 * Error goes in `err`, with pino's serializer (type, message, stack and the error's own fields).
 */
function jsonLogger(level: LogLevel, out: (line: string) => void, now: () => Date): Logger {
  // Loaded only when asked for: the bot runs within a memory budget, and pino costs it ~9 MB.
  const { pino } = createRequire(import.meta.url)("pino") as typeof import("pino");
  const base = pino(
    {
      level,
      timestamp: () => `,"time":"${now().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    { write: (line: string) => out(line.endsWith("\n") ? line.slice(0, -1) : line) },
  );
  const at =
    (lvl: LogLevel) =>
    (...args: unknown[]) => {
      if (ORDER[lvl] < ORDER[level]) return;
      const err = args.find((a): a is Error => a instanceof Error);
      const msg = args
        .map((a) => (a instanceof Error ? a.message : typeof a === "string" ? a : JSON.stringify(a)))
        .join(" ");
      base[lvl](err ? { err } : {}, msg);
    };
  return Object.fromEntries(LEVELS.map((l) => [l, at(l)])) as Logger;
}

/** Slack tokens: bot (xoxb-), user (xoxp-), refresh and rotated (xoxe-, xoxe.xoxp-), app-level (xapp-). */
const SLACK_TOKEN = /\b(?:xox[a-z](?:\.xox[a-z])?|xapp)-[A-Za-z0-9-]+/g;
const REDACTED = "[redacted]";

/**
 * Replaces secrets in a finished line, after every argument and nested error field is in it, so no
 * path through the formatting can leak one. Each exact secret is also matched as JSON escapes it.
 */
export function secretRedactor(secrets: readonly (string | undefined)[]): (line: string) => string {
  const exact = [
    ...new Set(
      secrets
        // Too short a value would blank out ordinary words; real secrets are long.
        .filter((s): s is string => typeof s === "string" && s.length >= 8)
        .flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]),
    ),
  ].sort((a, b) => b.length - a.length);
  return (line) => {
    let text = line.replace(SLACK_TOKEN, REDACTED);
    for (const s of exact) text = text.split(s).join(REDACTED);
    return text;
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
