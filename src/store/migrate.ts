import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "./db.ts";
import { packageRoot } from "./package-root.ts";

export type Migration = { version: number; name: string; sql: string; checksum: string };

export class MigrationError extends Error {
  override name = "MigrationError";
}

export const MIGRATIONS_DIR = join(packageRoot(fileURLToPath(import.meta.url)), "migrations");

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function checksumOf(sql: string): string {
  // Line endings must not make a checkout on Windows look like an edited migration.
  return createHash("sha256").update(sql.replace(/\r\n/g, "\n")).digest("hex");
}

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .map((file) => {
      const m = FILE_PATTERN.exec(file);
      if (!m) throw new MigrationError(`Migration file ${file} must be named NNNN_name.sql (lower case).`);
      const sql = readFileSync(join(dir, file), "utf8");
      return { version: Number(m[1]), name: m[2] as string, sql, checksum: checksumOf(sql) };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new MigrationError(
        `Migrations must be numbered 0001, 0002, … without gaps; found ${m.version} at position ${i + 1}.`,
      );
    }
  });
  return migrations;
}

type AppliedRow = { version: number; name: string; checksum: string };

/**
 * Applies pending migrations in order, each in its own transaction; refuses edited or unknown ones.
 * Every error names the database file, since an operator may run several.
 */
export function migrate(db: Db, migrations: Migration[] = readMigrations()): { applied: number[] } {
  try {
    return applyMigrations(db, migrations);
  } catch (err) {
    throw new MigrationError(
      `Cannot migrate the database ${db.name} (DATABASE_PATH): ${(err as Error).message}`,
      { cause: err },
    );
  }
}

function applyMigrations(db: Db, migrations: Migration[]): { applied: number[] } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const appliedRows = db
    .prepare("SELECT version, name, checksum FROM schema_migrations ORDER BY version")
    .all() as AppliedRow[];
  const known = new Map(migrations.map((m) => [m.version, m]));

  for (const row of appliedRows) {
    const m = known.get(row.version);
    if (!m) {
      throw new MigrationError(
        `The database has migration ${pad(row.version)}_${row.name}, which this version of rolecall does not know. ` +
          "A newer rolecall has run on it: upgrade rolecall, or restore a backup taken before that upgrade.",
      );
    }
    if (m.checksum !== row.checksum) {
      throw new MigrationError(
        `Migration ${pad(m.version)}_${m.name}.sql was edited after it was applied (checksum differs). ` +
          "Applied migrations are append-only: restore the file and put the change in a new migration.",
      );
    }
  }

  const done = new Set(appliedRows.map((r) => r.version));
  const record = db.prepare(
    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
  );
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, m.checksum, new Date().toISOString());
    })();
    applied.push(m.version);
  }
  return { applied };
}

function pad(n: number): string {
  return String(n).padStart(4, "0");
}

/** The latest migration applied to `db` (0 for none); throws if the database is closed. */
export function schemaVersion(db: Db): number {
  const row = db.prepare("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").get() as {
    v: number;
  };
  return row.v;
}
