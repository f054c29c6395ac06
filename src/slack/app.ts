import { App, type Logger as BoltLogger, type LogLevel } from "@slack/bolt";
import type { Config } from "../config.ts";
import type { AppContext } from "../context.ts";
import { INTERACTIVE_RETRY } from "../delivery/web-clients.ts";
import type { Logger } from "../log.ts";
import { registerListeners } from "./index.ts";

export function createSlackApp(config: Config, ctx: AppContext): App {
  const clientOptions = { slackApiUrl: config.slackApiUrl, retryConfig: INTERACTIVE_RETRY };
  const common = {
    token: config.botToken,
    clientOptions,
    logger: boltLogger(ctx.logger, config.logLevel),
    // rolecall keeps no conversation state in memory (it lives in SQLite), and Bolt's default store
    // builds a "Conversation not found" Error on every request that has none.
    convoStore: false as const,
  };
  const app =
    config.mode === "socket"
      ? new App({ ...common, socketMode: true, appToken: config.appToken })
      : new App({ ...common, signingSecret: config.signingSecret ?? "", port: config.port });
  registerListeners(app, ctx);
  app.error(async (err) => {
    ctx.logger.error("Unhandled error in a Slack listener", err);
  });
  return app;
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
