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
    .string()
    .regex(/^xoxb-/, "must be a bot token starting with xoxb- (OAuth & Permissions → Bot User OAuth Token)")
    .optional(),
  SLACK_CLIENT_ID: z.string().min(1).optional(),
  SLACK_CLIENT_SECRET: z.string().min(1).optional(),
  SLACK_STATE_SECRET: z
    .string()
    .min(16, "must be at least 16 characters (any long random string)")
    .optional(),
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
  WORKSPACE_RETENTION_DAYS: z.coerce
    .number({ error: "must be a number of days" })
    .int("must be a whole number of days")
    .min(1, "must be at least 1 day")
    .default(30),
  SLACK_POSTS_PER_MINUTE: z.coerce
    .number({ error: "must be a number of messages a minute" })
    .positive("must be more than 0")
    .optional(),
  SLACK_API_URL: z
    .url({ error: "must be a URL such as https://slack.com/api/" })
    .default("https://slack.com/api/"),
  DATABASE_PATH: z.string().min(1, "must be a file path").default("./data/rolecall.db"),
  ROLE_ADMINS: userIdList,
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
  LOG_FORMAT: z.enum(LOG_FORMATS, { error: `must be one of ${LOG_FORMATS.join(", ")}` }).default("text"),
});

/** Slack OAuth credentials: set in distribution mode, where each workspace installs through /slack/install. */
export type OAuthConfig = { clientId: string; clientSecret: string; stateSecret: string };

export type Config = {
  /** Single-workspace mode: the one bot token. Undefined in distribution mode (tokens come from installs). */
  botToken: string | undefined;
  /** Distribution mode: the app's OAuth credentials. Undefined in single-workspace mode. */
  oauth: OAuthConfig | undefined;
  signingSecret: string | undefined;
  appToken: string | undefined;
  mode: "http" | "socket";
  port: number;
  /** Socket Mode only: where /healthz, /readyz and /metrics are served (HTTP mode serves them on `port`). */
  healthPort: number | undefined;
  slackApiUrl: string;
  /** The check-in fan-out's `chat.postMessage` rate per workspace; delivery/post-pace.ts's default unless set. */
  postsPerMinute?: number | undefined;
  /** Distribution mode: days after an uninstall before the workspace's data is purged. */
  workspaceRetentionDays: number;
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
  problems.push(...installModeProblems(raw));
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
    oauth:
      e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET
        ? {
            clientId: e.SLACK_CLIENT_ID,
            clientSecret: e.SLACK_CLIENT_SECRET,
            stateSecret: e.SLACK_STATE_SECRET,
          }
        : undefined,
    signingSecret: e.SLACK_SIGNING_SECRET,
    appToken: e.SLACK_APP_TOKEN,
    mode: e.SLACK_APP_TOKEN ? "socket" : "http",
    port: e.PORT,
    healthPort: e.HEALTH_PORT,
    slackApiUrl: e.SLACK_API_URL.endsWith("/") ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`,
    postsPerMinute: e.SLACK_POSTS_PER_MINUTE,
    workspaceRetentionDays: e.WORKSPACE_RETENTION_DAYS,
    databasePath: e.DATABASE_PATH,
    roleAdmins: e.ROLE_ADMINS,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
  };
}

const OAUTH_VARIABLES = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] as const;

/**
 * Exactly one way to get a bot token: SLACK_BOT_TOKEN (one workspace), or the three OAuth variables
 * (any workspace installs). Half of the OAuth set, or both ways at once, would leave it ambiguous
 * which token a request uses, so each is named as a problem rather than guessed at.
 */
function installModeProblems(raw: Record<string, string | undefined>): string[] {
  const oauthSet = OAUTH_VARIABLES.filter((name) => raw[name]);
  const oauthMissing = OAUTH_VARIABLES.filter((name) => !raw[name]);
  if (raw.SLACK_BOT_TOKEN && oauthSet.length) {
    return [
      `SLACK_BOT_TOKEN and ${oauthSet.join(", ")} are both set: set SLACK_BOT_TOKEN for one workspace, ` +
        "or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to let any workspace install (not both)",
    ];
  }
  if (oauthSet.length && oauthMissing.length) {
    return oauthMissing.map(
      (name) =>
        `${name} is required when ${oauthSet.join(", ")} ${oauthSet.length > 1 ? "are" : "is"} set ` +
        "(distribution mode needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET from Basic Information → App Credentials, " +
        "and SLACK_STATE_SECRET, a long random string)",
    );
  }
  if (!raw.SLACK_BOT_TOKEN && !oauthSet.length) {
    return [
      "SLACK_BOT_TOKEN is required: the bot token (xoxb-…) from OAuth & Permissions; " +
        "or set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to let any workspace install",
    ];
  }
  return [];
}
