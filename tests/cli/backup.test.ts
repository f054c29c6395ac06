import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli.ts";
import { openDatabase } from "../../src/store/db.ts";
import { holdInstanceLock, tryExclusiveInstanceLock } from "../../src/store/instance-lock.ts";
import { migrate } from "../../src/store/migrate.ts";
import { startHarness } from "../e2e/harness.ts";

const root = new URL("../../", import.meta.url).pathname;

let dir: string;
let database: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "rc-backup-"));
  database = join(dir, "rolecall.db");
  vi.stubEnv("DATABASE_PATH", database);
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

/** The CLI in this process; its output, or the error it ends with. */
async function cli(args: string[]) {
  const out: string[] = [];
  const io = { stdin: process.stdin, write: (s: string) => void out.push(s) };
  const code = await runCli(args, io);
  return { code, out: out.join("") };
}

/** The CLI as its own process, as an operator runs it next to a running bot. */
function cliProcess(args: string[], databasePath: string) {
  const r = spawnSync(join(root, "node_modules/.bin/tsx"), [join(root, "src/cli.ts"), ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", DATABASE_PATH: databasePath },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A migrated rolecall database with a `notes` table the tests write to and read back. */
function createDatabase(path: string, notes: string[] = []): void {
  const db = openDatabase(path);
  try {
    migrate(db);
    db.exec("CREATE TABLE IF NOT EXISTS notes (text TEXT NOT NULL)");
    const add = db.prepare("INSERT INTO notes (text) VALUES (?)");
    for (const n of notes) add.run(n);
  } finally {
    db.close();
  }
}

function notesIn(path: string): string[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT text FROM notes ORDER BY rowid").pluck().all() as string[];
  } finally {
    db.close();
  }
}

describe("rolecall backup", () => {
  it("takes a consistent copy while another connection keeps writing", async () => {
    createDatabase(database);
    const writer = openDatabase(database);
    // Each write adds one row to both tables in one transaction: a torn copy would differ.
    writer.exec("CREATE TABLE left_side (n INTEGER); CREATE TABLE right_side (n INTEGER)");
    const pair = writer.transaction((n: number) => {
      writer.prepare("INSERT INTO left_side (n) VALUES (?)").run(n);
      writer.prepare("INSERT INTO right_side (n) VALUES (?)").run(n);
    });
    for (let n = 0; n < 2000; n++) pair(n);

    let written = 2000;
    let writesDuringBackup = 0;
    let running = true;
    const keepWriting = () => {
      if (!running) return;
      pair(written++);
      writesDuringBackup++;
      setImmediate(keepWriting);
    };
    setImmediate(keepWriting);
    const target = join(dir, "backup.db");
    const result = await cli(["backup", target]);
    running = false;
    writer.close();

    expect(result.code).toBe(0);
    expect(writesDuringBackup).toBeGreaterThan(0);
    const copy = new Database(target, { readonly: true });
    try {
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      // A self-contained file: rollback journal, no -wal needed beside it.
      expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
      const left = copy.prepare("SELECT count(*) FROM left_side").pluck().get() as number;
      const right = copy.prepare("SELECT count(*) FROM right_side").pluck().get() as number;
      expect(left).toBe(right);
      expect(left).toBeGreaterThanOrEqual(2000);
      expect(left).toBeLessThanOrEqual(written);
    } finally {
      copy.close();
    }
    expect(existsSync(`${target}-wal`)).toBe(false);
  });

  it("prints the backup's path and size, and refuses to overwrite a file unless --force", async () => {
    createDatabase(database, ["first"]);
    const target = join(dir, "backup.db");
    const first = await cli(["backup", target]);
    const size = statSync(target).size;
    expect(first.out).toContain(`Backed up ${database} to ${target} (${(size / 1024).toFixed(1)} KiB`);

    writeFileSync(join(dir, "keep.txt"), "not a backup");
    await expect(cli(["backup", join(dir, "keep.txt")])).rejects.toThrow(
      `${join(dir, "keep.txt")} already exists: choose another file, or add --force to replace it.`,
    );
    expect(readFileSync(join(dir, "keep.txt"), "utf8")).toBe("not a backup");

    createDatabase(database, ["second"]);
    expect((await cli(["backup", target, "--force"])).code).toBe(0);
    expect(notesIn(target)).toEqual(["first", "second"]);
  });

  it("refuses when there is no database to back up", async () => {
    await expect(cli(["backup", join(dir, "backup.db")])).rejects.toThrow(
      `There is no database at ${database} (DATABASE_PATH) to back up.`,
    );
  });
});

describe("rolecall restore", () => {
  it("is refused while the bot runs on the database, and works once it has stopped", async () => {
    const backup = join(dir, "backup.db");
    createDatabase(backup, ["from the backup"]);
    const harness = await startHarness({ dbDir: dir });
    try {
      createDatabase(database, ["written while running"]);
      const refused = cliProcess(["restore", backup], database);
      expect(refused.code).toBe(2);
      expect(refused.err).toContain(`rolecall is running on ${database} (DATABASE_PATH)`);
      expect(refused.err).toContain("Stop the bot, run the restore, then start it again.");
      expect(notesIn(database)).toEqual(["written while running"]);
    } finally {
      await harness.stop();
    }

    const restored = cliProcess(["restore", backup], database);
    expect(restored.err).toBe("");
    expect(restored.code).toBe(0);
    expect(notesIn(database)).toEqual(["from the backup"]);
    const kept = readdirSync(dir).filter((f) => f.startsWith("rolecall.db.before-restore-"));
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(/^rolecall\.db\.before-restore-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z$/);
    expect(notesIn(join(dir, kept[0] as string))).toEqual(["written while running"]);
    expect(restored.out).toContain(`The database it replaced is kept as ${join(dir, kept[0] as string)}`);
  });

  it("keeps the committed pages of a -wal left by a crash with the replaced database", async () => {
    const backup = join(dir, "backup.db");
    createDatabase(backup, ["from the backup"]);
    createDatabase(database, ["before the crash"]);
    // A connection that is never closed leaves its -wal behind, as a killed bot would.
    const crashed = new Database(database);
    crashed.pragma("journal_mode = WAL");
    crashed.pragma("wal_autocheckpoint = 0");
    crashed.prepare("INSERT INTO notes (text) VALUES ('only in the wal')").run();
    const wal = readFileSync(`${database}-wal`);
    const main = readFileSync(database);
    crashed.close();
    writeFileSync(database, main);
    writeFileSync(`${database}-wal`, wal);

    await cli(["restore", backup]);
    expect(notesIn(database)).toEqual(["from the backup"]);
    const kept = readdirSync(dir).find((f) => /^rolecall\.db\.before-restore-[\dT-]+Z$/.test(f));
    expect(notesIn(join(dir, kept as string))).toEqual(["before the crash", "only in the wal"]);
  });

  it("refuses a file that is not a sound rolecall database, and leaves the database as it was", async () => {
    createDatabase(database, ["current"]);
    const text = join(dir, "notes.txt");
    writeFileSync(text, "this is not SQLite\n".repeat(100));
    await expect(cli(["restore", text])).rejects.toThrow(
      `${text} is not a rolecall backup: file is not a database.`,
    );
    const other = join(dir, "other.db");
    const foreign = new Database(other);
    foreign.exec("CREATE TABLE things (x)");
    foreign.close();
    await expect(cli(["restore", other])).rejects.toThrow(
      `${other} is a SQLite database but not rolecall's: it has no schema_migrations table.`,
    );
    await expect(cli(["restore", join(dir, "missing.db")])).rejects.toThrow(
      `There is no file ${join(dir, "missing.db")}.`,
    );
    expect(notesIn(database)).toEqual(["current"]);
    expect(readdirSync(dir).filter((f) => f.includes("before-restore"))).toEqual([]);
  });

  it("says so in one line, without a stack, when run as a command", () => {
    writeFileSync(join(dir, "notes.txt"), "plain text");
    const r = cliProcess(["restore", "notes.txt"], database);
    expect(r.code).toBe(2);
    expect(r.err).toBe("notes.txt is not a rolecall backup: file is not a database.\n");
  });
});

describe("the instance lock", () => {
  it("lets several bots share the database, and a bot that starts mid-restore is refused", () => {
    const a = holdInstanceLock(database, 0);
    const b = holdInstanceLock(database, 0);
    expect(tryExclusiveInstanceLock(database)).toBeUndefined();
    a?.release();
    expect(tryExclusiveInstanceLock(database)).toBeUndefined();
    b?.release();
    const restoring = tryExclusiveInstanceLock(database);
    expect(restoring).toBeDefined();
    expect(() => holdInstanceLock(database, 0)).toThrow(`${database} (DATABASE_PATH) is being restored`);
    restoring?.release();
    holdInstanceLock(database, 0)?.release();
  });
});
