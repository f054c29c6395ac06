import type { DecisionArea } from "./domain/catalog.ts";
import type { Logger } from "./log.ts";
import { CatalogCache } from "./services/catalog.ts";
import { loadCatalog } from "./store/catalog-file.ts";
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
};

/** Builds the shared context over an open, migrated database. */
export function createAppContext(
  db: Db,
  options: {
    clock?: Clock;
    logger: Logger;
    roleAdmins?: readonly string[];
    ackBudgetMs?: number;
    /** The areas a new workspace starts with; catalog/default.yml unless given. */
    defaultAreas?: readonly DecisionArea[];
  },
): AppContext {
  return {
    stores: createStores(db),
    clock: options.clock ?? (() => new Date()),
    logger: options.logger,
    roleAdmins: options.roleAdmins ?? [],
    catalogs: new CatalogCache(options.defaultAreas ?? loadCatalog()),
    ackBudgetMs: options.ackBudgetMs ?? 2000,
  };
}
