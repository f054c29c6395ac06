import type { DecisionArea } from "../domain/catalog.ts";
import { catalogVersion } from "../domain/catalog-sync.ts";
import { AreaMatcher, type MatcherOptions } from "../domain/matcher.ts";
import type { StoredArea } from "../store/areas.ts";
import { loadMatcherOptions } from "../store/catalog-file.ts";
import type { Stores } from "../store/index.ts";

/** What the catalog needs: its stores and the clock, not the whole context (which holds the cache). */
export type CatalogDeps = {
  stores: Pick<Stores, "areas" | "workspaces" | "catalogVersions" | "db">;
  clock: () => Date;
};

type Cached = { revision: string; matcher: AreaMatcher; areas: StoredArea[] };

/**
 * One matcher index per workspace, built on first use and rebuilt only when the catalog's
 * revision changes (an area added or edited, by this process or another), never per request.
 */
export class CatalogCache {
  private readonly byWorkspace = new Map<string, Cached>();

  /** `defaultAreas`: what a workspace's catalog starts as (the loaded catalog/default.yml). */
  /** `matcherOptions`: technology names and the calibrated decision to answer (catalog/). */
  /**
   * Loaded on the first question when not given: the bot passes them, checked at start-up; a process
   * that never matches a question (the check-in fan-out, most CLI commands) then never trains the
   * example classifier nor holds its index.
   */
  constructor(
    readonly defaultAreas: readonly DecisionArea[],
    private matcherOptions?: MatcherOptions,
  ) {}

  get(ctx: CatalogDeps, teamId: string): Cached {
    const cached = this.byWorkspace.get(teamId);
    // A workspace this process has an index for was seeded already: no write on the request path.
    if (!cached) ensureCatalog(ctx, teamId, this.defaultAreas);
    const revision = ctx.stores.areas.revision(teamId);
    if (cached && cached.revision === revision) return cached;
    const areas = ctx.stores.areas.list(teamId);
    this.matcherOptions ??= loadMatcherOptions();
    const fresh = {
      revision,
      matcher: new AreaMatcher(areas, this.matcherOptions),
      areas,
    };
    this.byWorkspace.set(teamId, fresh);
    return fresh;
  }

  /** Drops a workspace's index, so the next question rebuilds it and checks the catalog is copied. */
  forget(teamId: string): void {
    this.byWorkspace.delete(teamId);
  }
}

const versions = new WeakMap<readonly DecisionArea[], string>();

/** `catalogVersion` of a loaded default catalog, hashed once per process (the array is loaded once). */
export function defaultCatalogVersion(defaultAreas: readonly DecisionArea[]): string {
  let version = versions.get(defaultAreas);
  if (version === undefined) {
    version = catalogVersion(defaultAreas);
    versions.set(defaultAreas, version);
  }
  return version;
}

/**
 * A workspace gets the default catalog the first time anyone uses it, and the copy records which
 * version of it it is (syncCatalogs brings older copies up to date at start-up).
 */
export function ensureCatalog(ctx: CatalogDeps, teamId: string, defaultAreas: readonly DecisionArea[]): void {
  const now = ctx.clock();
  ctx.stores.workspaces.ensure(teamId, now);
  if (ctx.stores.workspaces.get(teamId)?.catalogSeededAt) return;
  ctx.stores.db.transaction(() => {
    ctx.stores.areas.seed(teamId, defaultAreas, now);
    ctx.stores.workspaces.markCatalogSeeded(teamId, now);
    ctx.stores.catalogVersions.record(teamId, defaultCatalogVersion(defaultAreas), now);
  })();
}
