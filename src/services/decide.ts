import type { AppContext } from "../context.ts";
import { type DecisionArea, keywordsFromTitle } from "../domain/catalog.ts";
import type { RoleId } from "../domain/roles.ts";
import type { StoredArea } from "../store/areas.ts";
import { ensureCatalog } from "./catalog.ts";
import { workspaceToday } from "./today.ts";

export type DecideResult =
  | { ok: true; area: StoredArea | DecisionArea; created: boolean }
  | { ok: false; error: string };

/**
 * Sets a channel's decider for an area named by title or id. An unknown title adds a custom area
 * to the workspace's catalog (keywords from its title), decided by the given role.
 */
export function setDecider(
  ctx: AppContext,
  input: {
    teamId: string;
    channelId: string;
    channelName?: string | undefined;
    title: string;
    decider: { role: RoleId } | { userId: string };
    by: string;
  },
): DecideResult {
  const { teamId, channelId } = input;
  ensureCatalog(ctx, teamId, ctx.catalogs.defaultAreas);
  const now = ctx.clock();
  const existing = ctx.stores.areas.findByName(teamId, input.title);
  let area: StoredArea | DecisionArea | undefined = existing;
  let created = false;
  if (!existing) {
    const role =
      "role" in input.decider ? input.decider.role : soleRoleOf(ctx, teamId, channelId, input.decider.userId);
    if (!role) {
      return {
        ok: false,
        error: `There is no area called "${input.title}". To add it as a custom area, name the deciding role (e.g. \`/role decide "${input.title}" tech-lead\`), then name a person if you like.`,
      };
    }
    const keywords = keywordsFromTitle(input.title);
    if (!keywords.length)
      return {
        ok: false,
        error: `"${input.title}" has no words to match questions on; use a more specific title.`,
      };
    area = {
      id: uniqueId(ctx, teamId, input.title),
      title: input.title,
      description: "Custom area added by an admin.",
      keywords,
      decider: role,
      consulted: [],
      informed: [],
      source: "custom",
    };
    created = true;
  }
  const chosen = area as StoredArea | DecisionArea;
  ctx.stores.db.transaction(() => {
    if (created) ctx.stores.areas.addCustom(teamId, chosen, input.by, now);
    ctx.stores.teams.ensure(teamId, channelId, input.channelName ?? null, now);
    ctx.stores.overrides.set(teamId, {
      channelId,
      areaId: chosen.id,
      decider: input.decider,
      setBy: input.by,
      setAt: now.toISOString(),
    });
  })();
  return { ok: true, area: chosen, created };
}

function soleRoleOf(ctx: AppContext, teamId: string, channelId: string, userId: string): RoleId | undefined {
  const roles = ctx.stores.hats
    .inChannel(teamId, channelId, workspaceToday(ctx, teamId))
    .filter((h) => h.userId === userId);
  return roles.length === 1 ? roles[0]?.role : undefined;
}

function uniqueId(ctx: AppContext, teamId: string, title: string): string {
  const base = `custom-${
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 50) || "area"
  }`;
  let id = base;
  for (let n = 2; ctx.stores.areas.get(teamId, id); n++) id = `${base}-${n}`;
  return id;
}
