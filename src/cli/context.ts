import "dotenv/config";
import { type AppContext, createAppContext } from "../context.ts";
import { createLogger } from "../log.ts";
import { openDatabase } from "../store/db.ts";
import { migrate } from "../store/migrate.ts";

/** Used when the database has no workspace yet (a fresh checkout trying the CLI). */
export const LOCAL_WORKSPACE = "T0LOCAL";

export class CliError extends Error {
  override name = "CliError";
}

/** The database the CLI works on, as the bot finds it. */
export function databasePathOf(env: Record<string, string | undefined> = process.env): string {
  return env.DATABASE_PATH || "./data/rolecall.db";
}

/** The CLI runs the same code paths as the bot, on the same DATABASE_PATH, without Slack. */
export function openCli(env: Record<string, string | undefined> = process.env): {
  ctx: AppContext;
  close(): void;
} {
  const db = openDatabase(databasePathOf(env));
  migrate(db);
  const level = env.LOG_LEVEL === "debug" || env.LOG_LEVEL === "info" ? env.LOG_LEVEL : "warn";
  const logger = createLogger(level, undefined, {
    format: env.LOG_FORMAT === "json" ? "json" : "text",
    secrets: [env.SLACK_SIGNING_SECRET, env.SLACK_BOT_TOKEN, env.SLACK_APP_TOKEN],
  });
  const ctx = createAppContext(db, { logger });
  return { ctx, close: () => db.close() };
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
