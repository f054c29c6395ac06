/**
 * The bot the who-decides benchmark loads: src/main.ts's start-up (configuration from the
 * environment, migrations, Bolt in HTTP mode) without the scheduler. The synthetic workspace has
 * work due at the real date (last month's digests, this week's check-ins), and the scheduler would
 * run it in the middle of the measurement; the jobs are measured on their own.
 */
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/log.ts";
import { startRolecall } from "../src/server.ts";

const config = loadConfig(process.env);
const running = await startRolecall(config, { logger: createLogger(config.logLevel), scheduler: false });
process.stdout.write(`bot listening on port ${running.port}\n`);
process.once("SIGTERM", () => {
  void running.stop().finally(() => process.exit(0));
});
