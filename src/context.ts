import type { Logger } from "./log.ts";
import { createMetrics, type Metrics } from "./metrics.ts";
import { CatalogCache } from "./services/catalog.ts";
import type { Db } from "./store/db.ts";
import { createStores, type Stores } from "./store/index.ts";

/** Time is passed in everywhere so tests control it; production uses the wall clock. */
export type Clock = () => Date;

/** What listeners, jobs and the CLI share. Built once in main.ts (or by a test). */
export type AppContext = {
  stores: Stores;
  clock: Clock;
  logger: Logger;
  /** Slack user ids from ROLE_ADMINS. */
  roleAdmins: readonly string[];
  /** Per-workspace matcher indexes, rebuilt only when a catalog changes. */
  catalogs: CatalogCache;
  /** How long the /role router waits for an answer before acking with "working on it". */
  ackBudgetMs: number;
  /** Counters and histograms served at /metrics; each context has its own registry. */
  metrics: Metrics;
};

/** Builds the shared context over an open, migrated database. */
export function createAppContext(
  db: Db,
  options: {
    clock?: Clock;
    logger: Logger;
    roleAdmins?: readonly string[];
    ackBudgetMs?: number;
    metrics?: Metrics;
  },
): AppContext {
  return {
    stores: createStores(db),
    clock: options.clock ?? (() => new Date()),
    logger: options.logger,
    roleAdmins: options.roleAdmins ?? [],
    catalogs: new CatalogCache(),
    ackBudgetMs: options.ackBudgetMs ?? 2000,
    metrics: options.metrics ?? createMetrics(),
  };
}
