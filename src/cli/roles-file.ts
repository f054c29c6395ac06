import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { AppContext } from "../context.ts";
import { parseRolesFile } from "../domain/roles-file.ts";
import { exportRolesText, type ImportCounts, importRoles } from "../services/roles-file.ts";
import { CliError } from "./context.ts";

type Io = { stdin: NodeJS.ReadableStream; write: (s: string) => void };

/** `rolecall export`: the workspace's roles file on stdout. */
export function exportCommand(ctx: AppContext, teamId: string, io: Io): void {
  // An empty file for a workspace the database doesn't have (a wrong DATABASE_PATH, a mistyped --team)
  // looks like a real export, and importing it would end every hat: say so instead.
  if (!ctx.stores.workspaces.get(teamId)) {
    const known = ctx.stores.workspaces.list().map((w) => w.teamId);
    throw new CliError(
      known.length
        ? `There is no workspace ${teamId} in this database (it has ${known.join(", ")}); nothing was exported.`
        : "This database has no workspace yet, so there is nothing to export. Check DATABASE_PATH, or start from examples/roles.example.yml.",
    );
  }
  io.write(exportRolesText(ctx, teamId));
}

/** `rolecall import <file|->`: all or nothing; problems are listed by line and nothing is written. */
export async function importCommand(
  ctx: AppContext,
  path: string | undefined,
  opts: { team: string | undefined; fallbackTeam: () => string },
  io: Io,
): Promise<void> {
  if (!path) throw new CliError("Name the file to import: rolecall import roles.yml (or - for stdin)");
  const fileName = path === "-" ? "stdin" : basename(path);
  const text = path === "-" ? await readAll(io.stdin) : readFile(path);
  if (!opts.team) refuseUnknownWorkspace(ctx, text, fileName);
  const outcome = importRoles(ctx, text, { fileName, team: opts.team, fallbackTeam: opts.fallbackTeam });
  if (!outcome.ok) {
    const n = outcome.errors.length;
    throw new CliError(
      `Nothing was imported: ${fileName} has ${n} problem${n === 1 ? "" : "s"}:\n${outcome.errors.map((e) => `  ${e}`).join("\n")}`,
    );
  }
  const summary = describeCounts(outcome.counts);
  io.write(
    summary
      ? `Imported ${fileName} into workspace ${outcome.teamId}: ${summary}.\n`
      : `Workspace ${outcome.teamId} already matches ${fileName}; nothing changed.\n`,
  );
  for (const w of outcome.warnings) io.write(`warning: ${w}\n`);
}

/**
 * A file naming a workspace this database doesn't serve, next to ones it does, is far more often the
 * wrong DATABASE_PATH or a stale file than a new workspace: creating it silently would leave the
 * intended one untouched. --team says it is meant. An empty database takes any workspace.
 */
function refuseUnknownWorkspace(ctx: AppContext, text: string, fileName: string): void {
  const parsed = parseRolesFile(text, fileName);
  // A file that doesn't parse is refused by the import itself, with every problem listed.
  if (!parsed.ok || !parsed.file.workspace) return;
  const wanted = parsed.file.workspace;
  const known = ctx.stores.workspaces.list().map((w) => w.teamId);
  if (known.length === 0 || known.includes(wanted)) return;
  throw new CliError(
    `Nothing was imported: ${parsed.at(["workspace"])}: ${wanted} is not a workspace in this database (it has ${known.join(", ")}). ` +
      `Check DATABASE_PATH and the file's workspace; to add ${wanted} as a new workspace, run the import again with --team ${wanted}.`,
  );
}

function describeCounts(c: ImportCounts): string {
  const parts: [number, string, string][] = [
    [c.settingsChanged, "setting", "settings"],
    [c.areasAdded, "custom area", "custom areas"],
    [c.areasUpdated, "custom area updated", "custom areas updated"],
    [c.teamsChanged, "team added or updated", "teams added or updated"],
    [c.hatChanges, "hat change", "hat changes"],
    [c.overridesSet, "decider override set", "decider overrides set"],
    [c.overridesRemoved, "decider override removed", "decider overrides removed"],
    [c.allocationChanges, "allocation change", "allocation changes"],
    [c.learnedSet, "learned question set", "learned questions set"],
    [c.learnedForgotten, "learned question forgotten", "learned questions forgotten"],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`)
    .join(", ");
}

function readFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new CliError(
      code === "ENOENT" ? `There is no file ${path}.` : `Cannot read ${path}: ${(err as Error).message}`,
    );
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
