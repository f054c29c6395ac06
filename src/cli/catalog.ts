import type { AppContext } from "../context.ts";
import { shortVersion } from "../domain/catalog-sync.ts";
import { catalogStatus } from "../services/catalog-sync.ts";
import { CliError } from "./context.ts";

type Io = { write: (s: string) => void };

/** `rolecall catalog status`: which version of the default catalog each workspace's copy is at. */
export function catalogCommand(ctx: AppContext, args: string[], io: Io): void {
  if (args.length !== 1 || args[0] !== "status") {
    throw new CliError("Usage: rolecall catalog status");
  }
  const defaults = ctx.catalogs.defaultAreas;
  const status = catalogStatus(ctx, defaults);
  io.write(`default catalog ${shortVersion(status.version)} (${defaults.length} areas)\n`);
  for (const w of status.workspaces) {
    const at = w.version ? shortVersion(w.version) : "unversioned";
    const state = w.current ? "current" : "behind: brought up to date when the bot next starts";
    io.write(`${w.teamId}\t${at}\t${state}${w.syncedAt ? `\tsynced ${w.syncedAt}` : ""}\n`);
  }
}
