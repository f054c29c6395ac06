import "dotenv/config";
import { parseArgs } from "node:util";
import { ask } from "./cli/ask.ts";
import { catalogCommand } from "./cli/catalog.ts";
import { CliError, databasePathOf, resolveWorkspace } from "./cli/context.ts";
import { exportCommand, importCommand } from "./cli/roles-file.ts";
import { purgeWorkspaceCommand, workspacesCommand } from "./cli/workspaces.ts";
import { openCliContext } from "./compose.ts";
import { CatalogError } from "./domain/catalog.ts";
import { DatabaseFileError } from "./store/db.ts";
import { MigrationError } from "./store/migrate.ts";

const USAGE = `rolecall — the command line (same engine and database as the bot; no Slack needed)

Usage:
  rolecall ask "<question>" [--channel C…] [--json]   who decides? (--json with no question: one per line from stdin)
  rolecall import <roles.yml|->                      load a roles file (teams, hats, allocations, deciders,
                                                     settings) in one transaction: all or nothing; a
                                                     workspace new to the database needs --team
  rolecall export                                    write the workspace's roles file to stdout (> roles.yml)
  rolecall export --checkins --format csv|jsonl [--from YYYY-MM] [--to YYYY-MM] [--include-private]
                  the check-in history to stdout, one row per lead per week (default: the last 12
                  months); private leads are left out unless --include-private
  rolecall digest --month YYYY-MM [--channel C…] [--png out.png] [--dry-run] [--force-claim]
                  print each team's drift digest for a month (or one channel's), write its chart;
                  without --dry-run also post it like the monthly job, once (needs SLACK_BOT_TOKEN)
  rolecall org --month YYYY-MM [--json]              the organisation's report for a month: findings across
                                                     every team, response rates, trend (prints only)
  rolecall run weekly-checkin [--at <ISO time>] [--dry-run]
                  run the scheduler's weekly check-in tick at --at (default now) for every workspace (or
                  --team): DMs and reminders due then (needs SLACK_BOT_TOKEN); --dry-run lists every
                  lead, who would be asked or reminded and why, and who would not and why
  rolecall backup <file> [--force]                   copy the database to <file> while the bot runs (a
                                                     consistent snapshot); --force replaces an existing file
  rolecall restore <file>                            replace the database with a backup; refused while a bot
                                                     runs on it; the replaced file is kept beside it
  rolecall workspaces                                every workspace: OAuth installed or uninstalled, and when
  rolecall purge-workspace T…                        delete every row of an uninstalled workspace, in every table
  rolecall catalog status                            each workspace's copy of the default catalog: its version,
                                                     and whether it is current or waits for the bot's next start

Options:
  --team T…       the Slack workspace id, when the database serves more than one
  --help          this text

Environment: DATABASE_PATH (default ./data/rolecall.db); a fresh database gets the default catalog.
`;

export async function runCli(
  argv: string[],
  io = { stdin: process.stdin, write: (s: string) => void process.stdout.write(s) },
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      channel: { type: "string" },
      json: { type: "boolean", default: false },
      team: { type: "string" },
      help: { type: "boolean", default: false },
      month: { type: "string" },
      png: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      "force-claim": { type: "boolean", default: false },
      at: { type: "string" },
      force: { type: "boolean", default: false },
      checkins: { type: "boolean", default: false },
      from: { type: "string" },
      to: { type: "string" },
      format: { type: "string" },
      "include-private": { type: "boolean", default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    io.write(USAGE);
    return command || values.help ? 0 : 2;
  }
  // Before opening the context: neither may migrate the database, and a restore must not hold it open.
  if (command === "backup") {
    const { backupCommand } = await import("./cli/backup.ts");
    return await backupCommand(databasePathOf(), rest, { force: values.force ?? false }, io);
  }
  if (command === "restore") {
    const { restoreCommand } = await import("./cli/backup.ts");
    return await restoreCommand(databasePathOf(), rest, new Date(), io);
  }
  const { ctx, close } = openCliContext();
  try {
    // Like the scheduler, a run covers every workspace unless --team narrows it.
    if (command === "run") {
      const opts = { at: values.at, dryRun: values["dry-run"] ?? false, team: values.team };
      // Loaded on demand, like digest: only a run needs the Slack client.
      return await (await import("./cli/run-weekly-checkin.ts")).runJobCommand(ctx, rest, opts, io);
    }
    if (command === "workspaces") {
      workspacesCommand(ctx, io);
      return 0;
    }
    if (command === "purge-workspace") {
      purgeWorkspaceCommand(ctx, rest, io);
      return 0;
    }
    if (command === "catalog") {
      catalogCommand(ctx, rest, io);
      return 0;
    }
    // A roles file may name its workspace; one the database lacks is refused unless --team names it.
    if (command === "import") {
      if (rest.length > 1) throw new CliError("Import one file at a time: rolecall import roles.yml");
      const fallbackTeam = () => resolveWorkspace(ctx, values.team);
      await importCommand(ctx, rest[0], { team: values.team, fallbackTeam }, io);
      return 0;
    }
    const teamId = resolveWorkspace(ctx, values.team);
    switch (command) {
      case "export":
        if (values.checkins) {
          if (rest.length > 0)
            throw new CliError(`export --checkins takes options only, not "${rest.join(" ")}".`);
          const { exportCheckinsCommand } = await import("./cli/export-checkins.ts");
          exportCheckinsCommand(
            ctx,
            teamId,
            {
              from: values.from,
              to: values.to,
              format: values.format,
              includePrivate: values["include-private"] ?? false,
            },
            io,
          );
          return 0;
        }
        if (values.from ?? values.to ?? values.format ?? values["include-private"])
          throw new CliError("--from, --to, --format and --include-private go with export --checkins.");
        if (rest.length > 0)
          throw new CliError(`export takes no arguments; redirect it: rolecall export > roles.yml`);
        exportCommand(ctx, teamId, io);
        return 0;
      case "ask":
        if (rest.length > 1) throw new CliError('Put the question in quotes: rolecall ask "who decides X?"');
        await ask(ctx, teamId, rest[0], { channel: values.channel, json: values.json ?? false }, io);
        return 0;
      case "digest":
        if (rest.length > 0) throw new CliError(`digest takes options only, not "${rest.join(" ")}".`);
        // Loaded on demand: the chart renderer takes seconds to load, and import/export/ask never need it.
        return await (await import("./cli/digest.ts")).digestCommand(
          ctx,
          teamId,
          {
            month: values.month,
            channel: values.channel,
            png: values.png,
            dryRun: values["dry-run"] ?? false,
            forceClaim: values["force-claim"] ?? false,
          },
          io,
        );
      case "org":
        if (rest.length > 0) throw new CliError(`org takes options only, not "${rest.join(" ")}".`);
        return await (await import("./cli/org.ts")).orgCommand(
          ctx,
          teamId,
          { month: values.month, json: values.json ?? false },
          io,
        );
      default:
        throw new CliError(`Unknown command "${command}".\n\n${USAGE}`);
    }
  } finally {
    close();
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("/src/cli.ts");
if (isMain) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      const known =
        err instanceof CliError ||
        err instanceof CatalogError ||
        err instanceof MigrationError ||
        err instanceof DatabaseFileError ||
        (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
      process.stderr.write(`${known ? (err as Error).message : String((err as Error).stack ?? err)}\n`);
      process.exitCode = known ? 2 : 1;
    },
  );
}
