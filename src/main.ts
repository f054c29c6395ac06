import "dotenv/config";
import { ConfigError, loadConfig } from "./config.ts";
import { createConfiguredLogger } from "./log.ts";
import { startRolecall } from "./server.ts";
import { DatabaseFileError } from "./store/db.ts";
import { MigrationError } from "./store/migrate.ts";

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createConfiguredLogger(config);
  const running = await startRolecall(config, { logger });
  logger.info(
    config.mode === "http"
      ? `rolecall is running in HTTP mode: POST http://localhost:${running.port}/slack/events`
      : "rolecall is running in Socket Mode",
  );
  const shutdown = async (signal: string) => {
    logger.info(`${signal} received: stopping`);
    await running.stop();
    logger.info("rolecall stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err: unknown) => {
  // Configuration, database file and migration problems are the operator's to fix: one clear
  // message, no stack.
  if (err instanceof ConfigError || err instanceof DatabaseFileError || err instanceof MigrationError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`rolecall failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exit(1);
});
