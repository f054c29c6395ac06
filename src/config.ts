import { z } from "zod";

const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
const LOG_FORMATS = ["text", "json"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

const userIdList = z
  .string()
  .default("")
  .transform((raw) =>
    raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, "each entry must be a Slack user id such as U0123ABCD")),
  );

const schema = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: "is required: the bot token (xoxb-…) from OAuth & Permissions" })
    .regex(/^xoxb-/, "must be a bot token starting with xoxb- (OAuth & Permissions → Bot User OAuth Token)"),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, "must be an app-level token starting with xapp- (Basic Information → App-Level Tokens)")
    .optional(),
  PORT: z.coerce
    .number({ error: "must be a port number" })
    .int("must be a whole number")
    .min(0, "must be between 0 and 65535")
    .max(65535, "must be between 0 and 65535")
    .default(3000),
  HEALTH_PORT: z.coerce
    .number({ error: "must be a port number" })
    .int("must be a whole number")
    .min(0, "must be between 0 and 65535")
    .max(65535, "must be between 0 and 65535")
    .optional(),
  SLACK_API_URL: z
    .url({ error: "must be a URL such as https://slack.com/api/" })
    .default("https://slack.com/api/"),
  DATABASE_PATH: z.string().min(1, "must be a file path").default("./data/rolecall.db"),
  ROLE_ADMINS: userIdList,
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
  LOG_FORMAT: z.enum(LOG_FORMATS, { error: `must be one of ${LOG_FORMATS.join(", ")}` }).default("text"),
});

export type Config = {
  botToken: string;
  signingSecret: string | undefined;
  appToken: string | undefined;
  mode: "http" | "socket";
  port: number;
  /** Socket Mode only: where /healthz, /readyz and /metrics are served (HTTP mode serves them on `port`). */
  healthPort: number | undefined;
  slackApiUrl: string;
  databasePath: string;
  roleAdmins: string[];
  logLevel: LogLevel;
  logFormat: LogFormat;
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

function emptyToUndefined(env: Record<string, string | undefined>): Record<string, string | undefined> {
  // An empty line in .env (`SLACK_APP_TOKEN=`) means "not set", not "set to nothing".
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === "" ? undefined : v]));
}

/** Parses the environment into one typed Config, or throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const raw = emptyToUndefined(env);
  const parsed = schema.safeParse(raw);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${String(issue.path[0] ?? "environment")} ${issue.message}`);
  // Checked outside zod so it is reported together with every other problem, not after them.
  if (!raw.SLACK_APP_TOKEN && !raw.SLACK_SIGNING_SECRET) {
    problems.push(
      "SLACK_SIGNING_SECRET is required in HTTP mode (Basic Information → Signing Secret); or set SLACK_APP_TOKEN to use Socket Mode",
    );
  }
  if (!parsed.success || problems.length) {
    const lines = problems.map((p) => `  - ${p}`);
    throw new ConfigError(
      `rolecall cannot start: the configuration is incomplete or invalid.\n${lines.join("\n")}\n` +
        "Set these in .env (copy .env.example) or in the environment; the README's Configuration table explains each.",
    );
  }
  const e = parsed.data as z.infer<typeof schema>;
  return {
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET,
    appToken: e.SLACK_APP_TOKEN,
    mode: e.SLACK_APP_TOKEN ? "socket" : "http",
    port: e.PORT,
    healthPort: e.HEALTH_PORT,
    slackApiUrl: e.SLACK_API_URL.endsWith("/") ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`,
    databasePath: e.DATABASE_PATH,
    roleAdmins: e.ROLE_ADMINS,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
  };
}
