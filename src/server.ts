import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { App } from "@slack/bolt";
import type { Config } from "./config.ts";
import { type AppContext, type Clock, createAppContext } from "./context.ts";
import { createJobs } from "./jobs/index.ts";
import { type Scheduler, startScheduler } from "./jobs/scheduler.ts";
import { createConfiguredLogger, type Logger } from "./log.ts";
import { createSlackApp } from "./slack/app.ts";
import { openDatabase } from "./store/db.ts";
import { holdInstanceLock } from "./store/instance-lock.ts";
import { migrate } from "./store/migrate.ts";

export type Running = {
  app: App;
  ctx: AppContext;
  /** The HTTP port actually bound (useful with PORT=0), or undefined in Socket Mode. */
  port: number | undefined;
  scheduler: Scheduler | undefined;
  stop(): Promise<void>;
};

export type StartOptions = {
  clock?: Clock;
  logger?: Logger;
  ackBudgetMs?: number;
  /** Tests drive jobs by hand with an injected clock; production ticks every minute. */
  scheduler?: boolean;
};

/** Composition root: config → db → migrate → app → start. Shared by main.ts and the e2e tests. */
export async function startRolecall(config: Config, options: StartOptions = {}): Promise<Running> {
  const logger = options.logger ?? createConfiguredLogger(config);
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
  try {
    const { applied } = migrate(db);
    if (applied.length) logger.info(`Applied migrations: ${applied.join(", ")}`);
  } catch (err) {
    close();
    throw err;
  }
  const ctx = createAppContext(db, {
    logger,
    roleAdmins: config.roleAdmins,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.ackBudgetMs ? { ackBudgetMs: options.ackBudgetMs } : {}),
  });
  const app = createSlackApp(config, ctx);
  let port: number | undefined;
  try {
    const started = config.mode === "http" ? await app.start(config.port) : await app.start();
    const address = config.mode === "http" ? (started as Server).address() : null;
    port = address && typeof address === "object" ? (address as AddressInfo).port : undefined;
  } catch (err) {
    close();
    throw err;
  }
  const scheduler: Scheduler | undefined =
    options.scheduler === false ? undefined : startScheduler(ctx, createJobs(app.client, ctx));
  let stopped = false;
  return {
    app,
    ctx,
    port,
    scheduler,
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.stop().catch((err) => logger.warn("Receiver did not stop cleanly", err));
      await scheduler?.stop();
      close();
    },
  };
}
