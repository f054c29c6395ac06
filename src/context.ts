import type { Logger } from "./log.ts";
import type { Metrics } from "./metrics.ts";
import type { CatalogCache } from "./services/catalog.ts";
import type { Stores } from "./store/index.ts";

/** Time is passed in everywhere so tests control it; production uses the wall clock. */
export type Clock = () => Date;

/** A rate as Slack states it: calls a minute, and how many may go at once before the rate applies. */
export type PostPace = { perMinute: number; burst: number };

/**
 * What listeners, jobs and the CLI share. Only the type lives here: the composition root
 * (compose.ts) builds it, so nothing below the root depends on how.
 */
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
  /** The check-in fan-out's `chat.postMessage` rate per workspace; delivery/post-pace.ts's default unless set. */
  postPace?: PostPace;
};
