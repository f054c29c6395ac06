import type { DecisionArea } from "../domain/catalog.ts";
import { AreaMatcher } from "../domain/matcher.ts";
import type { StoredArea } from "../store/areas.ts";
import type { Stores } from "../store/index.ts";

/** What the catalog needs: its stores and the clock, not the whole context (which holds the cache). */
export type CatalogDeps = {
  stores: Pick<Stores, "areas" | "workspaces" | "db">;
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
  constructor(readonly defaultAreas: readonly DecisionArea[]) {}

  get(ctx: CatalogDeps, teamId: string): Cached {
    const cached = this.byWorkspace.get(teamId);
    // A workspace this process has an index for was seeded already: no write on the request path.
    if (!cached) ensureCatalog(ctx, teamId, this.defaultAreas);
    const revision = ctx.stores.areas.revision(teamId);
    if (cached && cached.revision === revision) return cached;
    const areas = ctx.stores.areas.list(teamId);
    const fresh = { revision, matcher: new AreaMatcher(areas), areas };
    this.byWorkspace.set(teamId, fresh);
    return fresh;
  }
}

/** A workspace gets the default catalog the first time anyone uses it. */
export function ensureCatalog(ctx: CatalogDeps, teamId: string, defaultAreas: readonly DecisionArea[]): void {
  const now = ctx.clock();
  ctx.stores.workspaces.ensure(teamId, now);
  if (ctx.stores.workspaces.get(teamId)?.catalogSeededAt) return;
  ctx.stores.db.transaction(() => {
    ctx.stores.areas.seed(teamId, defaultAreas, now);
    ctx.stores.workspaces.markCatalogSeeded(teamId, now);
  })();
}
