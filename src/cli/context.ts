import type { AppContext } from "../context.ts";

/** Used when the database has no workspace yet (a fresh checkout trying the CLI). */
export const LOCAL_WORKSPACE = "T0LOCAL";

export class CliError extends Error {
  override name = "CliError";
}

/** The database the CLI works on, as the bot finds it. */
export function databasePathOf(env: Record<string, string | undefined> = process.env): string {
  return env.DATABASE_PATH || "./data/rolecall.db";
}

/** The workspace to act on: --team, else the database's only workspace, else a local one. */
export function resolveWorkspace(ctx: AppContext, team: string | undefined): string {
  if (team) return team;
  const all = ctx.stores.workspaces.list();
  if (all.length === 1) return (all[0] as { teamId: string }).teamId;
  if (all.length === 0) return LOCAL_WORKSPACE;
  throw new CliError(
    `This database serves ${all.length} workspaces (${all.map((w) => w.teamId).join(", ")}): choose one with --team T…`,
  );
}
