import "dotenv/config";
import { ConfigError, loadConfig } from "./config.ts";
import { CatalogError } from "./domain/catalog.ts";
import { createConfiguredLogger } from "./log.ts";
import { type Running, startRolecall } from "./server.ts";
import { DatabaseFileError } from "./store/db.ts";
import { MigrationError } from "./store/migrate.ts";

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createConfiguredLogger(config);
  let running: Running | undefined;
  // A token Slack has revoked or never issued cannot start working while we wait, so staying up
  // (unready) would only hide the problem: one line naming the variable, then exit 1, as a bad
  // configuration does, so a supervisor's restart loop or crash alert shows it.
  const exitOnRejectedToken = async (message: string) => {
    logger.error(`${message} rolecall cannot work without it and is exiting.`);
    await running?.stop();
    process.exit(1);
  };
  running = await startRolecall(config, { logger, onTokenRejected: (m) => void exitOnRejectedToken(m) });
  logger.info(
    config.mode === "http"
      ? `rolecall is running in HTTP mode: POST http://localhost:${running.port}/slack/events`
      : `rolecall is running in Socket Mode${running.healthPort === undefined ? "" : `; health and metrics on http://localhost:${running.healthPort}`}`,
  );
  const shutdown = async (signal: string) => {
    logger.info(`${signal} received: stopping`);
    await running?.stop();
    logger.info("rolecall stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  // Configuration, catalog, database file and migration problems are the operator's to fix: one
  // clear message, no stack.
  if (
    err instanceof ConfigError ||
    err instanceof CatalogError ||
    err instanceof DatabaseFileError ||
    err instanceof MigrationError
  ) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`rolecall failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exit(1);
});
