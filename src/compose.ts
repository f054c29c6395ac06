import { CliError, databasePathOf } from "./cli/context.ts";
import type { AppContext, Clock } from "./context.ts";
import { type PostPace, SLACK_POST_PACE } from "./delivery/post-pace.ts";
import type { DecisionArea } from "./domain/catalog.ts";
import type { MatcherOptions } from "./domain/matcher.ts";
import { createLogger, type Logger } from "./log.ts";
import { createMetrics, type Metrics } from "./metrics.ts";
import { CatalogCache } from "./services/catalog.ts";
import { loadCatalog } from "./store/catalog-file.ts";
import { type Db, openDatabase } from "./store/db.ts";
import { createStores } from "./store/index.ts";
import { migrate } from "./store/migrate.ts";

/** Builds the shared context over an open, migrated database (the bot, the CLI, the demo, tests). */
export function createAppContext(
  db: Db,
  options: {
    clock?: Clock;
    logger: Logger;
    roleAdmins?: readonly string[];
    ackBudgetMs?: number;
    /** The areas a new workspace starts with; catalog/default.yml unless given. */
    defaultAreas?: readonly DecisionArea[];
    /** Technology names, example questions and the decision to answer; catalog/ unless given. */
    matcherOptions?: MatcherOptions;
    metrics?: Metrics;
    postPace?: PostPace;
  },
): AppContext {
  return {
    stores: createStores(db),
    clock: options.clock ?? (() => new Date()),
    logger: options.logger,
    roleAdmins: options.roleAdmins ?? [],
    catalogs: new CatalogCache(options.defaultAreas ?? loadCatalog(), options.matcherOptions),
    ackBudgetMs: options.ackBudgetMs ?? 2000,
    metrics: options.metrics ?? createMetrics(),
    ...(options.postPace ? { postPace: options.postPace } : {}),
  };
}

/** The CLI runs the same code paths as the bot, on the same DATABASE_PATH, without Slack. */
export function openCliContext(env: Record<string, string | undefined> = process.env): {
  ctx: AppContext;
  close(): void;
} {
  const db = openDatabase(databasePathOf(env));
  migrate(db);
  const level = env.LOG_LEVEL === "debug" || env.LOG_LEVEL === "info" ? env.LOG_LEVEL : "warn";
  const logger = createLogger(level, undefined, {
    format: env.LOG_FORMAT === "json" ? "json" : "text",
    secrets: [env.SLACK_SIGNING_SECRET, env.SLACK_BOT_TOKEN, env.SLACK_APP_TOKEN],
  });
  const postPace = postPaceOf(env);
  const ctx = createAppContext(db, { logger, ...(postPace ? { postPace } : {}) });
  return { ctx, close: () => db.close() };
}

/** SLACK_POSTS_PER_MINUTE, as the server's configuration reads it, for the CLI's fan-out. */
function postPaceOf(env: Record<string, string | undefined>): PostPace | undefined {
  const value = env.SLACK_POSTS_PER_MINUTE;
  if (!value) return undefined;
  const perMinute = Number(value);
  if (!(perMinute > 0))
    throw new CliError(
      `SLACK_POSTS_PER_MINUTE must be a number of messages a minute, more than 0; got ${value}`,
    );
  return { ...SLACK_POST_PACE, perMinute };
}
