import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/db.ts";
import {
  checksumOf,
  type Migration,
  MigrationError,
  migrate,
  readMigrations,
} from "../../src/store/migrate.ts";

const m = (version: number, name: string, sql: string): Migration => ({
  version,
  name,
  sql,
  checksum: checksumOf(sql),
});

describe("migrations", () => {
  it("applies the shipped migrations to a fresh file with WAL, foreign keys and a busy timeout", () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), "rc-")), "nested", "r.db"));
    const { applied } = migrate(db);
    expect(applied[0]).toBe(1);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(migrate(db).applied).toEqual([]);
    db.close();
  });

  it("upgrades a database made by the first release and keeps its digest records", () => {
    const db = openDatabase(":memory:");
    const shipped = readMigrations();
    migrate(db, shipped.slice(0, 1));
    db.prepare("INSERT INTO workspaces (team_id, created_at) VALUES ('T1', '2026-11-01T00:00:00Z')").run();
    db.prepare(
      "INSERT INTO digest_posts (team_id, channel_id, month, state, attempts, posted_at, message_ts) VALUES ('T1', 'C1', '2026-10', 'posted', 1, '2026-11-02T09:00:00Z', '1.2')",
    ).run();
    expect(migrate(db, shipped).applied).toEqual(shipped.slice(1).map((x) => x.version));
    expect(db.prepare("SELECT state, message_ts FROM digest_posts").all()).toEqual([
      { state: "posted", message_ts: "1.2" },
    ]);
    db.prepare(
      "INSERT INTO digest_posts (team_id, channel_id, month, state) VALUES ('T1', 'C1', '2026-11', 'skipped')",
    ).run();
    expect(db.pragma("foreign_key_check")).toEqual([]);
  });

  it("counts a reminder claimed before 0007 as sent, so it is never sent again", () => {
    const db = openDatabase(":memory:");
    const shipped = readMigrations();
    const reminderState = shipped.findIndex((x) => x.name === "reminder_state");
    migrate(db, shipped.slice(0, reminderState));
    db.prepare("INSERT INTO workspaces (team_id, created_at) VALUES ('T1', '2026-11-01T00:00:00Z')").run();
    const row = "INSERT INTO checkins (team_id, user_id, week, state, attempts, sent_at, reminded_at) VALUES";
    db.prepare(
      `${row} ('T1', 'U1', '2026-W48', 'sent', 1, '2026-11-27T14:00:00Z', '2026-11-28T14:00:00Z')`,
    ).run();
    db.prepare(`${row} ('T1', 'U2', '2026-W48', 'sent', 1, '2026-11-27T14:00:00Z', NULL)`).run();
    migrate(db, shipped);
    expect(
      db.prepare("SELECT user_id, reminder_state, reminder_attempts FROM checkins ORDER BY user_id").all(),
    ).toEqual([
      { user_id: "U1", reminder_state: "sent", reminder_attempts: 1 },
      { user_id: "U2", reminder_state: null, reminder_attempts: 0 },
    ]);
  });

  it("keys every workspace table by team_id", () => {
    const db = openDatabase(":memory:");
    migrate(db);
    const tables = (
      db
        // oauth_states_used records install links before any workspace exists: it holds no workspace data.
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('schema_migrations', 'oauth_states_used')",
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
    for (const table of tables) {
      const cols = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      expect(cols, table).toContain("team_id");
    }
  });

  it("applies in version order, each in its own transaction", () => {
    const db = openDatabase(":memory:");
    const bad = [
      m(1, "a", "CREATE TABLE a (x)"),
      m(2, "b", "CREATE TABLE b (x); INSERT INTO nope VALUES (1)"),
    ];
    expect(() => migrate(db, bad)).toThrow();
    const names = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((t) => t.name);
    expect(names).toContain("a");
    expect(names).not.toContain("b");
    expect(db.prepare("SELECT version FROM schema_migrations").all()).toEqual([{ version: 1 }]);
  });

  it("refuses to start when an applied migration was edited", () => {
    const db = openDatabase(":memory:");
    migrate(db, [m(1, "a", "CREATE TABLE a (x)")]);
    expect(() => migrate(db, [m(1, "a", "CREATE TABLE a (x, y)")])).toThrow(
      /0001_a\.sql was edited after it was applied/,
    );
  });

  it("refuses a database that holds a migration this code does not know", () => {
    const db = openDatabase(":memory:");
    migrate(db, [m(1, "a", "CREATE TABLE a (x)"), m(2, "b", "CREATE TABLE b (x)")]);
    expect(() => migrate(db, [m(1, "a", "CREATE TABLE a (x)")])).toThrow(MigrationError);
    expect(() => migrate(db, [m(1, "a", "CREATE TABLE a (x)")])).toThrow(/newer rolecall/);
  });

  it("reads NNNN_name.sql files in order and rejects gaps and bad names", () => {
    const dir = mkdtempSync(join(tmpdir(), "rc-m-"));
    writeFileSync(join(dir, "0002_second.sql"), "SELECT 2;");
    writeFileSync(join(dir, "0001_first.sql"), "SELECT 1;");
    expect(readMigrations(dir).map((x) => x.name)).toEqual(["first", "second"]);
    writeFileSync(join(dir, "0004_gap.sql"), "SELECT 4;");
    expect(() => readMigrations(dir)).toThrow(/without gaps/);
    const dir2 = mkdtempSync(join(tmpdir(), "rc-m-"));
    writeFileSync(join(dir2, "1_bad.sql"), "SELECT 1;");
    expect(() => readMigrations(dir2)).toThrow(/NNNN_name\.sql/);
  });
});
