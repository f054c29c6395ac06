/**
 * How `rolecall restore` knows a bot is running on a database: every running bot holds a shared
 * lock on a sidecar file, `<database>.lock`, for as long as it runs, and a restore needs the
 * exclusive lock on it.
 *
 * The sidecar is a SQLite file opened in `locking_mode = EXCLUSIVE`: in that mode the first read
 * takes a shared lock that SQLite keeps until the connection closes. Several bots may share it;
 * a restore's `BEGIN EXCLUSIVE` (without waiting) fails while any of them holds it. The locks are
 * the operating system's own (POSIX advisory locks, the ones SQLite always uses), so a bot that
 * crashes or is killed releases its lock with its process: there is no pid file to go stale.
 * The database file itself cannot serve: in WAL mode a connection holds no lock between
 * transactions, and the CLI opens it as freely as the bot does.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { cannotOpen, DatabaseFileError } from "./db.ts";

export type InstanceLock = { readonly path: string; release(): void };

export function instanceLockPath(databasePath: string): string {
  return `${databasePath}.lock`;
}

/**
 * Taken by the bot before it opens the database and released when it stops. Waits up to
 * `waitMs` for a restore that holds the exclusive lock to finish.
 */
export function holdInstanceLock(databasePath: string, waitMs = 30_000): InstanceLock | undefined {
  if (databasePath === ":memory:") return undefined;
  try {
    // The lock is taken before the database is opened, so its folder is made here.
    mkdirSync(dirname(databasePath), { recursive: true });
  } catch (err) {
    throw cannotOpen(databasePath, err);
  }
  const path = instanceLockPath(databasePath);
  const lock = openLockFile(path);
  try {
    lock.pragma(`busy_timeout = ${Math.max(0, Math.floor(waitMs))}`);
    lock.pragma("locking_mode = EXCLUSIVE");
    lock.prepare("SELECT count(*) FROM sqlite_master").get();
  } catch (err) {
    lock.close();
    if ((err as { code?: string }).code === "SQLITE_BUSY") {
      throw new DatabaseFileError(
        `${databasePath} (DATABASE_PATH) is being restored (\`rolecall restore\` holds ${path}); start rolecall again when the restore is done.`,
      );
    }
    throw lockFileError(path, err);
  }
  return { path, release: () => lock.close() };
}

/**
 * The exclusive lock a restore holds while it replaces the database, or undefined when a bot
 * (or another restore) holds the sidecar. Never waits.
 */
export function tryExclusiveInstanceLock(databasePath: string): InstanceLock | undefined {
  const path = instanceLockPath(databasePath);
  const lock = openLockFile(path);
  try {
    lock.pragma("busy_timeout = 0");
    lock.pragma("locking_mode = EXCLUSIVE");
    // Committing an empty exclusive transaction keeps the lock: exclusive mode releases it on close.
    lock.exec("BEGIN EXCLUSIVE; COMMIT");
  } catch (err) {
    lock.close();
    if ((err as { code?: string }).code === "SQLITE_BUSY") return undefined;
    throw lockFileError(path, err);
  }
  return { path, release: () => lock.close() };
}

function openLockFile(path: string): Database.Database {
  try {
    return new Database(path);
  } catch (err) {
    throw lockFileError(path, err);
  }
}

function lockFileError(path: string, err: unknown): DatabaseFileError {
  return new DatabaseFileError(
    `Cannot use the lock file ${path} next to DATABASE_PATH: ${(err as Error).message}. ` +
      "rolecall needs to create and lock it in the database's folder.",
  );
}
