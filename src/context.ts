import type { Logger } from "./log.ts";
import type { Stores } from "./store/index.ts";

/** Time is passed in everywhere so tests control it; production uses the wall clock. */
export type Clock = () => Date;

/** What listeners, jobs and the CLI share. Built once in main.ts (or by a test). */
export type AppContext = {
  stores: Stores;
  clock: Clock;
  logger: Logger;
  /** Slack user ids from ROLE_ADMINS. */
  roleAdmins: readonly string[];
  /** How long the /role router waits for an answer before acking with "working on it". */
  ackBudgetMs: number;
};
