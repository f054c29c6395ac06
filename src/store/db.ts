import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

export type Db = Database.Database;

/** A database file that cannot be opened, backed up or restored; the message names the file. */
export class DatabaseFileError extends Error {
  override name = "DatabaseFileError";
}

/**
 * Opens (creating if needed) the SQLite file with the pragmas rolecall relies on. SQLite's own
 * errors ("unable to open database file", "file is not a database") do not say which file, so
 * they are rethrown naming it and the variable that chose it.
 */
export function openDatabase(path: string): Db {
  let db: Db | undefined;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    // The bot, the CLI and a job can touch the file at once; wait rather than fail on a lock.
    db.pragma("busy_timeout = 5000");
    db.pragma("synchronous = NORMAL");
    return db;
  } catch (err) {
    db?.close();
    throw cannotOpen(path, err);
  }
}

/** SQLite's or the file system's refusal, naming the file and the variable that chose it. */
export function cannotOpen(path: string, err: unknown): DatabaseFileError {
  return new DatabaseFileError(
    `Cannot open the database ${path} (DATABASE_PATH): ${(err as Error).message}. ` +
      "Set DATABASE_PATH to a rolecall SQLite file, or to a new file in a folder rolecall may write to.",
    { cause: err },
  );
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * The prepared statement for `sql` on `db`, compiled once and reused: preparing costs more than
 * running most of rolecall's queries, and a slash command runs a handful of them.
 */
export function prepared(db: Db, sql: string): Database.Statement {
  let byText = statements.get(db);
  if (!byText) {
    byText = new Map();
    statements.set(db, byText);
  }
  let statement = byText.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    byText.set(sql, statement);
  }
  return statement;
}

/**
 * A value that changes whenever anything is written to the database, by this connection
 * (`total_changes()`) or by another one, such as the CLI importing a roles file (`data_version`),
 * so that a read running on every slash command can be cached against it.
 *
 * `data_version` costs about 4 µs (it checks the WAL's shared memory), so it is read once per
 * synchronous run of code: everything one request reads sees the same version, and another
 * process's commit is seen from the next turn of the event loop. This connection's own writes
 * are always seen at once.
 */
export function changeMark(db: Db): string {
  const own = prepared(db, "SELECT total_changes()").pluck().get() as number;
  let others = dataVersions.get(db);
  if (others === undefined) {
    others = prepared(db, "PRAGMA data_version").pluck().get() as number;
    dataVersions.set(db, others);
    queueMicrotask(() => dataVersions.delete(db));
  }
  return `${own}:${others}`;
}

const dataVersions = new WeakMap<Db, number>();

/** Read-through cache of query results, each valid until the next write to the database. */
export class UntilWriteCache<T> {
  private readonly entries = new Map<string, { mark: string; value: T }>();

  constructor(
    private readonly db: Db,
    private readonly maxEntries = 1000,
  ) {}

  get(key: string, read: () => T): T {
    // Inside a transaction a read may see writes that are then rolled back, which leave
    // total_changes() moved on: such a value must never be served after the transaction.
    if (this.db.inTransaction) return read();
    const mark = changeMark(this.db);
    const hit = this.entries.get(key);
    if (hit && hit.mark === mark) return hit.value;
    const value = read();
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { mark, value });
    return value;
  }
}

/**
 * Every row a statement returns, each read by its row type's one mapper (`toTeam`, `toProfile`, …),
 * so a store states the cast from SQLite's untyped rows in one place.
 */
export function mapAll<R, T>(statement: Database.Statement, map: (row: R) => T, ...params: unknown[]): T[] {
  return (statement.all(...params) as R[]).map(map);
}

/** The first row a statement returns, read by its row type's mapper; undefined when there is none. */
export function mapOne<R, T>(
  statement: Database.Statement,
  map: (row: R) => T,
  ...params: unknown[]
): T | undefined {
  const row = statement.get(...params) as R | undefined;
  return row === undefined ? undefined : map(row);
}

type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** A row's columns under their camelCase names: `digest_channel_id` becomes `digestChannelId`. */
export type Camelled<R> = { [K in keyof R & string as CamelCase<K>]: R[K] };

const camelNames = new Map<string, string>();

function camelName(column: string): string {
  let name = camelNames.get(column);
  if (name === undefined) {
    name = column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    camelNames.set(column, name);
  }
  return name;
}

/**
 * The one mapping from a stored row to an object: every column the query selected, read as stored,
 * under its camelCase name and in the selected order. A store selects exactly the columns its object
 * has and converts only what SQLite cannot store as is (booleans, JSON).
 */
export function camelRow<R extends object>(row: R): Camelled<R> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) out[camelName(column)] = value;
  return out as Camelled<R>;
}
