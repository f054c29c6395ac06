import type { AppContext } from "../context.ts";
import { purgeWorkspace } from "../store/purge.ts";
import { CliError } from "./context.ts";

type Io = { write: (s: string) => void };

/** `rolecall workspaces`: every OAuth install and its state (never a token). */
export function workspacesCommand(ctx: AppContext, io: Io): void {
  const installs = ctx.stores.installations.list();
  const known = new Set(installs.map((i) => i.teamId));
  for (const i of installs) {
    const state = i.uninstalledAt ? `uninstalled ${i.uninstalledAt}` : "installed";
    io.write(
      `${i.teamId}\t${i.teamName ?? ""}\t${state}\tinstalled ${i.installedAt} by ${i.installerUserId}\n`,
    );
  }
  // Single-workspace mode, or data left from before distribution mode: a workspace with no install.
  for (const w of ctx.stores.workspaces.list()) {
    if (!known.has(w.teamId)) io.write(`${w.teamId}\t\tno OAuth install (single-workspace mode)\n`);
  }
}

/** `rolecall purge-workspace T…`: deletes every row the workspace has, in every table. */
export function purgeWorkspaceCommand(ctx: AppContext, args: string[], io: Io): void {
  const [teamId, ...extra] = args;
  if (!teamId || extra.length || !/^T[A-Z0-9]+$/.test(teamId)) {
    throw new CliError("Name one workspace id: rolecall purge-workspace T0123ABCD");
  }
  if (ctx.stores.installations.find(teamId)) {
    throw new CliError(
      `${teamId} still has rolecall installed: its data is purged only after it uninstalls (rolecall workspaces).`,
    );
  }
  const deleted = purgeWorkspace(ctx.stores.db, teamId);
  const total = Object.values(deleted).reduce((a, b) => a + b, 0);
  const detail = Object.entries(deleted)
    .filter(([, n]) => n > 0)
    .map(([table, n]) => `${table} ${n}`)
    .join(", ");
  io.write(`Purged ${teamId}: ${total} rows${detail ? ` (${detail})` : ""}\n`);
}
