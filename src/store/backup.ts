/**
 * Backup and restore of the SQLite file. A backup is one self-contained file (rollback-journal
 * mode, no -wal beside it) taken with SQLite's online backup API, so it is consistent while the
 * bot keeps writing; a restore puts such a file in place of the database, only while no bot runs
 * on it (see instance-lock.ts), and keeps the file it replaced.
 */
import { existsSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { DatabaseFileError } from "./db.ts";
import { instanceLockPath, tryExclusiveInstanceLock } from "./instance-lock.ts";
import { readMigrations } from "./migrate.ts";

/** SQLite's limit on pages per backup step: the whole database in one step. */
const ALL_PAGES = 0x7fffffff;

export type BackupResult = { path: string; bytes: number; migration: number };

/** Copies the live database at `sourcePath` to `destPath` (replacing any file there) and checks the copy. */
export async function backupDatabase(sourcePath: string, destPath: string): Promise<BackupResult> {
  if (!existsSync(sourcePath)) {
    throw new DatabaseFileError(`There is no database at ${sourcePath} (DATABASE_PATH) to back up.`);
  }
  requireFolder(destPath);
  const source = openExisting(sourcePath, `the database ${sourcePath} (DATABASE_PATH)`, false);
  // Written beside the destination and renamed over it once complete and checked, so an
  // interrupted backup never leaves a half-written file under the name asked for.
  const partial = `${destPath}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  try {
    source.pragma("busy_timeout = 5000");
    // After the first step, copy the rest in one: a step holds one read transaction, which in WAL
    // mode never blocks the bot's writes, whereas small steps start over after each of them.
    await source.backup(partial, { progress: () => ALL_PAGES });
    const copy = new Database(partial);
    try {
      copy.pragma("journal_mode = DELETE");
    } finally {
      copy.close();
    }
    const { migration } = checkBackupFile(partial, destPath);
    renameSync(partial, destPath);
    return { path: destPath, bytes: statSync(destPath).size, migration };
  } catch (err) {
    rmSync(partial, { force: true });
    if (err instanceof DatabaseFileError) throw err;
    throw new DatabaseFileError(`Cannot back up ${sourcePath} to ${destPath}: ${(err as Error).message}`, {
      cause: err,
    });
  } finally {
    source.close();
  }
}

/**
 * Checks that `path` is a sound rolecall database this version can run: SQLite's integrity check
 * passes, the migrations table is there, and no migration is newer than this rolecall knows.
 * Returns the latest migration it has. `shownAs` names the file in messages.
 */
export function checkBackupFile(path: string, shownAs: string = path): { migration: number } {
  if (!existsSync(path)) throw new DatabaseFileError(`There is no file ${shownAs}.`);
  if (!statSync(path).isFile()) throw new DatabaseFileError(`${shownAs} is not a file.`);
  const db = openExisting(path, shownAs, true);
  try {
    let problems: string[];
    try {
      problems = (db.pragma("integrity_check") as { integrity_check: string }[]).map(
        (r) => r.integrity_check,
      );
    } catch (err) {
      throw new DatabaseFileError(`${shownAs} is not a rolecall backup: ${(err as Error).message}.`, {
        cause: err,
      });
    }
    if (problems.join() !== "ok") {
      throw new DatabaseFileError(
        `${shownAs} is damaged: SQLite's integrity check says ${problems.slice(0, 3).join("; ")}.`,
      );
    }
    const hasMigrations = db
      .prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      .pluck()
      .get() as number;
    if (!hasMigrations) {
      throw new DatabaseFileError(
        `${shownAs} is a SQLite database but not rolecall's: it has no schema_migrations table.`,
      );
    }
    const migration = (db.prepare("SELECT max(version) FROM schema_migrations").pluck().get() ?? 0) as number;
    const known = readMigrations().length;
    if (migration > known) {
      throw new DatabaseFileError(
        `${shownAs} was written by a newer rolecall (migration ${migration}; this one knows ${known}): upgrade rolecall before restoring it.`,
      );
    }
    return { migration };
  } finally {
    db.close();
  }
}

export type RestoreResult = { migration: number; keptAs: string | undefined };

/**
 * Puts the backup at `backupPath` in place of the database at `databasePath`. Refused while a bot
 * holds the database's instance lock; the lock is held throughout, so no bot starts mid-restore.
 * The replaced database (with its -wal, if a crash left one) is kept as
 * `<database>.before-restore-<time>`.
 */
export async function restoreDatabase(
  backupPath: string,
  databasePath: string,
  now: Date,
): Promise<RestoreResult> {
  requireFolder(databasePath);
  const lock = tryExclusiveInstanceLock(databasePath);
  if (!lock) {
    throw new DatabaseFileError(
      `rolecall is running on ${databasePath} (DATABASE_PATH): a bot holds ${instanceLockPath(databasePath)}. ` +
        "Stop the bot, run the restore, then start it again.",
    );
  }
  try {
    if (existsSync(databasePath) && sameFile(backupPath, databasePath)) {
      throw new DatabaseFileError(
        `${backupPath} is the database itself (DATABASE_PATH): restore from a backup.`,
      );
    }
    const { migration } = checkBackupFile(backupPath);
    const incoming = `${databasePath}.restoring-${process.pid}`;
    rmSync(incoming, { force: true });
    try {
      // Through SQLite rather than a file copy, so a backup with a -wal of its own arrives whole.
      const source = openExisting(backupPath, backupPath, true);
      try {
        await source.backup(incoming, { progress: () => ALL_PAGES });
      } finally {
        source.close();
      }
      const keptAs = existsSync(databasePath) ? setAside(databasePath, now) : undefined;
      renameSync(incoming, databasePath);
      return { migration, keptAs };
    } finally {
      rmSync(incoming, { force: true });
    }
  } finally {
    lock.release();
  }
}

/** Moves the database and its -wal aside under one new name; the -shm is only an index and goes. */
function setAside(databasePath: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/:/g, "-");
  const keptAs = `${databasePath}.before-restore-${stamp}`;
  if (existsSync(keptAs)) {
    throw new DatabaseFileError(`${keptAs} already exists: wait a second and restore again.`);
  }
  // The -wal first: were the main file moved alone, its committed pages would be lost to it and
  // would be replayed into the restored file instead.
  if (existsSync(`${databasePath}-wal`)) renameSync(`${databasePath}-wal`, `${keptAs}-wal`);
  rmSync(`${databasePath}-shm`, { force: true });
  renameSync(databasePath, keptAs);
  return keptAs;
}

function requireFolder(path: string): void {
  const folder = dirname(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new DatabaseFileError(`The folder ${folder} (for ${path}) does not exist.`);
  }
}

function sameFile(a: string, b: string): boolean {
  const sa = statSync(a, { throwIfNoEntry: false });
  const sb = statSync(b, { throwIfNoEntry: false });
  return sa !== undefined && sb !== undefined && sa.dev === sb.dev && sa.ino === sb.ino;
}

function openExisting(path: string, shownAs: string, readonly: boolean): Database.Database {
  try {
    return new Database(path, { fileMustExist: true, readonly });
  } catch (err) {
    throw new DatabaseFileError(`Cannot open ${shownAs}: ${(err as Error).message}.`, { cause: err });
  }
}
