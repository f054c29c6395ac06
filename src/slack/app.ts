import {
  App,
  type Authorize,
  type Logger as BoltLogger,
  type CustomRoute,
  type LogLevel,
  webApi,
} from "@slack/bolt";
import type { Config } from "../config.ts";
import type { AppContext } from "../context.ts";
import type { TokenRotator } from "../delivery/token-rotation.ts";
import { INTERACTIVE_RETRY } from "../delivery/web-clients.ts";
import { type Logger, silentLogger } from "../log.ts";
import { registerListeners } from "./index.ts";
import { oauthAppOptions } from "./oauth.ts";

export type SlackWiring = {
  /**
   * Single-workspace mode: supplies the bot token per request (see slack/authorize.ts for why it is
   * not `token`). Left out in distribution mode, where Bolt reads it from the installation store.
   */
  authorize?: Authorize<boolean>;
  /** The fetch every WebClient uses (delivery/observed-fetch.ts counts failed calls). */
  fetch: webApi.FetchFunction;
  /** HTTP mode: extra GET routes on the app's own port (health and metrics). */
  customRoutes?: CustomRoute[];
  /** Distribution mode: refreshes a rotated bot token before a request uses it (the jobs share it). */
  rotator?: TokenRotator;
};

export function createSlackApp(config: Config, ctx: AppContext, wiring: SlackWiring): App {
  if (config.oauth && !wiring.rotator) throw new Error("Distribution mode needs the token rotator");
  const auth =
    config.oauth && wiring.rotator
      ? oauthAppOptions(
          config.oauth,
          ctx,
          { slackApiUrl: config.slackApiUrl, fetch: wiring.fetch },
          config.port,
          wiring.rotator,
        )
      : { authorize: wiring.authorize };
  const common = {
    ...auth,
    clientOptions: clientOptions(config, wiring.fetch),
    logger: boltLogger(ctx.logger, config.logLevel),
    // rolecall keeps no conversation state in memory (it lives in SQLite), and Bolt's default store
    // builds a "Conversation not found" Error on every request that has none.
    convoStore: false as const,
  };
  const app =
    config.mode === "socket"
      ? new App({ ...common, socketMode: true, appToken: config.appToken })
      : new App({
          ...common,
          signingSecret: config.signingSecret ?? "",
          port: config.port,
          customRoutes: wiring.customRoutes ?? [],
        });
  registerListeners(app, ctx);
  app.error(async (err) => {
    ctx.logger.error("Unhandled error in a Slack listener", err);
  });
  return app;
}

/**
 * The bot's own WebClient for the scheduled jobs. The App is built without a token (see
 * slack/authorize.ts), so `app.client` carries none; this one does, with the same options.
 */
export function botClient(
  config: Config,
  ctx: AppContext,
  fetch: webApi.FetchFunction,
  token: string | undefined = config.botToken,
): webApi.WebClient {
  return new webApi.WebClient(token, {
    ...clientOptions(config, fetch),
    logger: boltLogger(ctx.logger, config.logLevel),
  });
}

/**
 * auth.test for the background token check: no retries and no waiting out a 429 inside the client,
 * because token-verification.ts schedules every retry itself; quiet, because it logs one line per attempt.
 */
export function authTestClient(
  config: Config,
  fetch: webApi.FetchFunction,
): () => Promise<webApi.AuthTestResponse> {
  const client = new webApi.WebClient(config.botToken, {
    slackApiUrl: config.slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    fetch,
    logger: boltLogger(silentLogger, config.logLevel),
  });
  return () => client.auth.test();
}

/**
 * oauth.v2.access for token rotation: one attempt, well inside the refresh lease. A refresh token is
 * spent by its first exchange, so a retry after a lost reply could only be refused, and a call that
 * outlived the lease would let another process try to spend the same token.
 */
export function tokenRefreshClient(
  config: Config,
  ctx: AppContext,
  fetch: webApi.FetchFunction,
): webApi.WebClient {
  return new webApi.WebClient(undefined, {
    slackApiUrl: config.slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 20_000,
    fetch,
    logger: boltLogger(ctx.logger, config.logLevel),
  });
}

function clientOptions(config: Config, fetch: webApi.FetchFunction): webApi.WebClientOptions {
  // A fresh object each time: Bolt writes its logger into the options it is given.
  return { slackApiUrl: config.slackApiUrl, retryConfig: INTERACTIVE_RETRY, fetch };
}

function boltLogger(logger: Logger, level: Config["logLevel"]): BoltLogger {
  let current = level as LogLevel;
  return {
    debug: (...m) => logger.debug(...m),
    info: (...m) => logger.info(...m),
    warn: (...m) => logger.warn(...m),
    error: (...m) => logger.error(...m),
    setLevel: (l) => {
      current = l;
    },
    getLevel: () => current,
    setName: () => {},
  };
}
