/**
 * Bringing a workspace's copy of the default catalog up to date with a newer default catalog.
 *
 * A workspace copies catalog/default.yml on first use. Without a sync, a tuned keyword or a
 * corrected decider would reach only workspaces created afterwards. The sync takes the new default
 * for every area the workspace left as it was copied, and leaves alone everything the workspace
 * made its own: edited areas, custom areas, default areas it deleted, and (through the area ids
 * staying put) its channel decisions and learned questions.
 */
import { createHash } from "node:crypto";
import type { DecisionArea } from "./catalog.ts";

/**
 * The default catalog's version: a hash of its areas as parsed, in file order. Comments, key order
 * and YAML style do not move it; any change to what an area says does.
 */
export function catalogVersion(areas: readonly DecisionArea[]): string {
  return sha256(JSON.stringify(areas.map((a) => [a.id, ...contentOf(a)])));
}

/**
 * A hash of what a workspace may edit in an area plus its source: a copy whose content no longer
 * hashes to the value recorded when it was copied has been edited in the workspace.
 */
export function areaContentHash(area: Omit<DecisionArea, "id">): string {
  return sha256(JSON.stringify(contentOf(area)));
}

/** An area as the workspace holds it, with what the sync needs to know about its history. */
export type CopiedArea = DecisionArea & {
  isCustom: boolean;
  /**
   * `areaContentHash` of the default this copy was last taken from; null for copies made before
   * the hash was recorded.
   */
  defaultHash: string | null;
  /** How many times the row was rewritten (the matcher cache's revision counts it). */
  edits: number;
  /** A channel decision (`/role decide`) or a learned question points at the area. */
  inUse: boolean;
};

export type CatalogSyncInput = {
  /** The default catalog now, in file order. */
  defaults: readonly DecisionArea[];
  /** The workspace's catalog, custom areas included. */
  copy: readonly CopiedArea[];
  /** Ids of default areas the workspace deleted: they must not come back. */
  removedOnPurpose: ReadonlySet<string>;
};

export type KeptReason = "edited" | "in-use" | "custom";

export type CatalogSyncPlan = {
  /** Unedited copies whose default changed: rewrite them as these. */
  update: DecisionArea[];
  /** Default areas the workspace never had: add them. */
  add: DecisionArea[];
  /** Unedited, unused copies of areas the default catalog dropped: delete them. */
  remove: string[];
  /** Copies that already say what the default says but record an older (or no) origin: record this one. */
  rebase: DecisionArea[];
  /** Areas where the default now says something else (or nothing) that the workspace keeps as they are, and why. */
  kept: { id: string; because: KeptReason }[];
};

/**
 * Edited: the content no longer hashes to the default it was copied from. A copy made before that
 * hash was kept counts as edited only if its row was rewritten, which until then only an admin's
 * edit of a custom area did: the default catalog's copies could not be edited.
 */
export function isEdited(area: CopiedArea): boolean {
  if (area.defaultHash === null) return area.edits > 0;
  return areaContentHash(area) !== area.defaultHash;
}

/** What a sync changes in one workspace's catalog. Applying the plan twice changes nothing the second time. */
export function planCatalogSync(input: CatalogSyncInput): CatalogSyncPlan {
  const plan: CatalogSyncPlan = { update: [], add: [], remove: [], rebase: [], kept: [] };
  const copies = new Map(input.copy.map((a) => [a.id, a]));
  const defaultIds = new Set(input.defaults.map((a) => a.id));

  for (const fresh of input.defaults) {
    const copy = copies.get(fresh.id);
    if (!copy) {
      if (!input.removedOnPurpose.has(fresh.id)) plan.add.push(fresh);
      continue;
    }
    if (copy.isCustom) {
      // A custom area took the id first; it is the workspace's, so the default one stays out.
      plan.kept.push({ id: fresh.id, because: "custom" });
      continue;
    }
    const freshHash = areaContentHash(fresh);
    if (areaContentHash(copy) === freshHash) {
      if (copy.defaultHash !== freshHash) plan.rebase.push(fresh);
    } else if (isEdited(copy)) {
      plan.kept.push({ id: fresh.id, because: "edited" });
    } else {
      plan.update.push(fresh);
    }
  }

  for (const copy of input.copy) {
    if (copy.isCustom || defaultIds.has(copy.id)) continue;
    if (isEdited(copy)) plan.kept.push({ id: copy.id, because: "edited" });
    // Deleting it would delete the channel decisions and learned questions that point at it.
    else if (copy.inUse) plan.kept.push({ id: copy.id, because: "in-use" });
    else plan.remove.push(copy.id);
  }
  return plan;
}

/** Counts for the log line and the CLI. */
export function syncCounts(plan: CatalogSyncPlan) {
  const kept = (because: KeptReason) => plan.kept.filter((k) => k.because === because).length;
  return {
    updated: plan.update.length,
    added: plan.add.length,
    removed: plan.remove.length,
    keptEdited: kept("edited"),
    keptInUse: kept("in-use"),
    keptCustom: kept("custom"),
  };
}

function contentOf(a: Omit<DecisionArea, "id">) {
  return [a.title, a.description, a.keywords, a.decider, a.consulted, a.informed, a.source];
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The first 12 hex digits of a version: enough to tell versions apart in a log line or a table. */
export function shortVersion(version: string): string {
  return version.slice(0, 12);
}
