import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { backupDatabase, restoreDatabase } from "../store/backup.ts";
import { CliError } from "./context.ts";

type Io = { write(s: string): void };

/** `rolecall backup <file> [--force]`: an online, consistent copy of DATABASE_PATH. */
export async function backupCommand(
  databasePath: string,
  args: string[],
  options: { force: boolean },
  io: Io,
): Promise<number> {
  const target = oneFile("backup", args);
  if (existsSync(target) && !options.force) {
    throw new CliError(`${target} already exists: choose another file, or add --force to replace it.`);
  }
  const result = await backupDatabase(databasePath, target);
  io.write(
    `Backed up ${databasePath} to ${resolve(result.path)} (${sizeText(result.bytes)}, migration ${result.migration}).\n`,
  );
  return 0;
}

/** `rolecall restore <file>`: replaces DATABASE_PATH with a backup, only while no bot runs on it. */
export async function restoreCommand(
  databasePath: string,
  args: string[],
  now: Date,
  io: Io,
): Promise<number> {
  const source = oneFile("restore", args);
  const result = await restoreDatabase(source, databasePath, now);
  io.write(`Restored ${databasePath} from ${source} (migration ${result.migration}).\n`);
  io.write(
    result.keptAs
      ? `The database it replaced is kept as ${result.keptAs}; delete it once the bot runs well.\n`
      : "There was no database there before.\n",
  );
  return 0;
}

function oneFile(command: string, args: string[]): string {
  if (args.length !== 1 || !args[0]) {
    throw new CliError(`${command} takes one file: rolecall ${command} <file>`);
  }
  return args[0];
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const kib = bytes / 1024;
  return kib < 1024 ? `${kib.toFixed(1)} KiB` : `${(kib / 1024).toFixed(1)} MiB`;
}
