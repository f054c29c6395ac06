import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { App, webApi } from "@slack/bolt";
import { createAppContext } from "./compose.ts";
import type { Config } from "./config.ts";
import type { AppContext, Clock } from "./context.ts";
import { observedSlackFetch } from "./delivery/observed-fetch.ts";
import { SLACK_POST_PACE } from "./delivery/post-pace.ts";
import { TokenRotator } from "./delivery/token-rotation.ts";
import { type Backoff, TokenVerification } from "./delivery/token-verification.ts";
import { healthRoutes } from "./health.ts";
import { startHealthServer } from "./health-server.ts";
import { createJobs } from "./jobs/index.ts";
import { perInstallJobs } from "./jobs/per-install.ts";
import { type Job, type Scheduler, startScheduler } from "./jobs/scheduler.ts";
import { workspaceRetentionJob } from "./jobs/workspace-retention.ts";
import { createConfiguredLogger, type Logger } from "./log.ts";
import { syncCatalogs } from "./services/catalog-sync.ts";
import { authTestClient, botClient, createSlackApp, tokenRefreshClient } from "./slack/app.ts";
import { singleTokenAuthorize } from "./slack/authorize.ts";
import { loadCatalog, loadMatcherOptions } from "./store/catalog-file.ts";
import { openDatabase } from "./store/db.ts";
import { holdInstanceLock } from "./store/instance-lock.ts";
import { migrate, readMigrations, schemaVersion } from "./store/migrate.ts";

export type Running = {
  app: App;
  ctx: AppContext;
  /**
   * The bot's WebClient, with its token, that the scheduled jobs use (`app.client` has no token).
   * Tokenless in distribution mode, where the jobs build one per installed workspace.
   */
  client: webApi.WebClient;
  /** The HTTP port actually bound (useful with PORT=0), or undefined in Socket Mode. */
  port: number | undefined;
  /** Socket Mode with HEALTH_PORT: the port health and metrics are served on. */
  healthPort: number | undefined;
  scheduler: Scheduler | undefined;
  /** The jobs the scheduler ticks (tests run them by hand with `scheduler: false`). */
  jobs: Job[];
  /**
   * The background check of SLACK_BOT_TOKEN (its state is part of /readyz). Never started in
   * distribution mode, where each workspace's token is checked as it installs (auth.test in Bolt's
   * OAuth exchange) and /readyz reports "per-install" instead.
   */
  token: TokenVerification;
  stop(): Promise<void>;
};

export type StartOptions = {
  clock?: Clock;
  logger?: Logger;
  ackBudgetMs?: number;
  /** Tests drive jobs by hand with an injected clock; production ticks every minute. */
  scheduler?: boolean;
  /** A catalog file other than catalog/default.yml (tests). */
  catalogPath?: string;
  /** An example questions file other than catalog/examples.yml (tests). */
  examplesPath?: string;
  /** Waits between token checks while Slack is unreachable (tests make them tiny). */
  tokenBackoff?: Backoff;
  /** Slack refused the token for good; main.ts logs it and exits. Default: log it. */
  onTokenRejected?: (message: string) => void;
};

/** Composition root: config → db → migrate → app → start. Shared by main.ts and the e2e tests. */
export async function startRolecall(config: Config, options: StartOptions = {}): Promise<Running> {
  const logger = options.logger ?? createConfiguredLogger(config);
  // Before anything opens: a broken catalog (or technology names, example questions, calibration)
  // stops start-up with its one message.
  const defaultAreas = loadCatalog(options.catalogPath);
  const matcherOptions = loadMatcherOptions({
    ...(options.catalogPath ? { catalogPath: options.catalogPath } : {}),
    ...(options.examplesPath ? { examplesPath: options.examplesPath } : {}),
  });
  // Held while the bot runs, so `rolecall restore` can tell (see store/instance-lock.ts).
  const lock = holdInstanceLock(config.databasePath);
  let db: ReturnType<typeof openDatabase>;
  try {
    db = openDatabase(config.databasePath);
  } catch (err) {
    lock?.release();
    throw err;
  }
  const close = () => {
    db.close();
    lock?.release();
  };
  let latest: number;
  try {
    const migrations = readMigrations();
    const { applied } = migrate(db, migrations);
    if (applied.length) logger.info(`Applied migrations: ${applied.join(", ")}`);
    latest = migrations.at(-1)?.version ?? 0;
  } catch (err) {
    close();
    throw err;
  }
  const ctx = createAppContext(db, {
    logger,
    roleAdmins: config.roleAdmins,
    defaultAreas,
    matcherOptions,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.ackBudgetMs ? { ackBudgetMs: options.ackBudgetMs } : {}),
    ...(config.postsPerMinute ? { postPace: { ...SLACK_POST_PACE, perMinute: config.postsPerMinute } } : {}),
  });
  try {
    // Before Slack can ask anything: every workspace answers from this default catalog from the start.
    syncCatalogs(ctx, defaultAreas);
  } catch (err) {
    close();
    throw err;
  }
  const fetch = observedSlackFetch(ctx.metrics, config.slackApiUrl);
  const token = new TokenVerification({
    authTest: authTestClient(config, fetch),
    logger,
    onRejected: options.onTokenRejected ?? ((message) => logger.error(message)),
    ...(options.tokenBackoff ? { backoff: options.tokenBackoff } : {}),
  });
  let scheduler: Scheduler | undefined;
  const routes = healthRoutes(
    () => ({
      database: db.open && schemaVersion(db) >= latest,
      token: config.oauth ? "per-install" : token.state,
      scheduler: scheduler ? scheduler.lastTickAt() : "disabled",
      now: ctx.clock(),
    }),
    ctx.metrics,
  );
  // Distribution mode: the one place rotated tokens are refreshed, for listeners and jobs alike.
  const rotator = config.oauth
    ? new TokenRotator({
        installations: ctx.stores.installations,
        clock: ctx.clock,
        metrics: ctx.metrics,
        logger,
        client: tokenRefreshClient(config, ctx, fetch),
        clientId: config.oauth.clientId,
        clientSecret: config.oauth.clientSecret,
      })
    : undefined;
  const app = createSlackApp(config, ctx, {
    ...(config.botToken ? { authorize: singleTokenAuthorize(config.botToken, () => token.identity) } : {}),
    fetch,
    customRoutes: routes,
    ...(rotator ? { rotator } : {}),
  });
  let port: number | undefined;
  let health: Awaited<ReturnType<typeof startHealthServer>> | undefined;
  try {
    const started = config.mode === "http" ? await app.start(config.port) : await app.start();
    const address = config.mode === "http" ? (started as Server).address() : null;
    port = address && typeof address === "object" ? (address as AddressInfo).port : undefined;
    if (config.mode === "socket" && config.healthPort !== undefined) {
      health = await startHealthServer(config.healthPort, routes);
    }
  } catch (err) {
    await app.stop().catch(() => {});
    close();
    throw err;
  }
  if (!config.oauth) token.start();
  const client = botClient(config, ctx, fetch);
  const jobs = rotator
    ? [
        ...perInstallJobs(ctx, (installToken) => botClient(config, ctx, fetch, installToken), rotator),
        workspaceRetentionJob(ctx, config.workspaceRetentionDays),
      ]
    : createJobs(client, ctx);
  scheduler = options.scheduler === false ? undefined : startScheduler(ctx, jobs);
  let stopped = false;
  return {
    app,
    ctx,
    client,
    port,
    healthPort: health?.port,
    scheduler,
    jobs,
    token,
    async stop() {
      if (stopped) return;
      stopped = true;
      token.stop();
      await health?.stop();
      await app.stop().catch((err) => logger.warn("Receiver did not stop cleanly", err));
      await scheduler?.stop();
      close();
    },
  };
}
