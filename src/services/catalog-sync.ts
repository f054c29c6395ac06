import type { AppContext } from "../context.ts";
import type { DecisionArea } from "../domain/catalog.ts";
import { planCatalogSync, shortVersion, syncCounts } from "../domain/catalog-sync.ts";
import { defaultCatalogVersion } from "./catalog.ts";

export type CatalogSyncDeps = Pick<AppContext, "stores" | "clock" | "logger" | "catalogs">;

export type CatalogSyncReport = {
  teamId: string;
  /** The version the copy was at; null when it was copied before versions were recorded. */
  from: string | null;
  to: string;
  counts: ReturnType<typeof syncCounts>;
};

/**
 * At start-up: brings every workspace whose catalog copy came from another version of the default
 * catalog up to date with this one, one transaction per workspace. Workspaces already current cost
 * nothing but the one query that lists them.
 */
export function syncCatalogs(
  ctx: CatalogSyncDeps,
  defaultAreas: readonly DecisionArea[],
): CatalogSyncReport[] {
  const version = defaultCatalogVersion(defaultAreas);
  const reports: CatalogSyncReport[] = [];
  for (const workspace of ctx.stores.catalogVersions.seeded()) {
    if (workspace.version === version) continue;
    const report = syncCatalog(ctx, workspace.teamId, defaultAreas);
    if (report) reports.push(report);
  }
  return reports;
}

/**
 * Brings one workspace's copy up to date with `defaultAreas` (see planCatalogSync for what changes);
 * undefined when there was nothing to do: no copy yet, or already at this version.
 */
export function syncCatalog(
  ctx: CatalogSyncDeps,
  teamId: string,
  defaultAreas: readonly DecisionArea[],
): CatalogSyncReport | undefined {
  const { stores } = ctx;
  const version = defaultCatalogVersion(defaultAreas);
  const now = ctx.clock();
  // IMMEDIATE: two processes starting at once must not both plan from the same old copy.
  const report = stores.db
    .transaction((): CatalogSyncReport | undefined => {
      if (!stores.workspaces.get(teamId)?.catalogSeededAt) return undefined;
      const from = stores.catalogVersions.get(teamId)?.version ?? null;
      if (from === version) return undefined;
      const plan = planCatalogSync({
        defaults: defaultAreas,
        copy: stores.areas.listCopies(teamId),
        removedOnPurpose: stores.areas.removedDefaults(teamId),
      });
      stores.areas.applySync(teamId, plan, now);
      stores.catalogVersions.record(teamId, version, now);
      return { teamId, from, to: version, counts: syncCounts(plan) };
    })
    .immediate();
  if (!report) return undefined;
  ctx.catalogs.forget(teamId);
  ctx.logger.info(syncLine(report));
  return report;
}

function syncLine({ teamId, from, to, counts }: CatalogSyncReport): string {
  const extras = [
    counts.keptInUse ? `${counts.keptInUse} kept because a channel decision or learned question uses it` : "",
    counts.keptCustom ? `${counts.keptCustom} kept out because a custom area has the id` : "",
  ].filter(Boolean);
  return (
    `Catalog of ${teamId} brought up to date with the default catalog ${shortVersion(to)} ` +
    `(was ${from ? shortVersion(from) : "unversioned"}): ${counts.updated} updated, ${counts.added} added, ` +
    `${counts.removed} removed, ${counts.keptEdited} kept because edited${extras.map((e) => `, ${e}`).join("")}`
  );
}

export type CatalogStatus = {
  /** The default catalog this process loaded. */
  version: string;
  workspaces: { teamId: string; version: string | null; syncedAt: string | null; current: boolean }[];
};

/** Every workspace with a catalog copy, the version it is at, and whether that is the loaded default's. */
export function catalogStatus(
  ctx: Pick<AppContext, "stores">,
  defaultAreas: readonly DecisionArea[],
): CatalogStatus {
  const version = defaultCatalogVersion(defaultAreas);
  return {
    version,
    workspaces: ctx.stores.catalogVersions.seeded().map((w) => ({
      teamId: w.teamId,
      version: w.version,
      syncedAt: w.syncedAt,
      current: w.version === version,
    })),
  };
}
