import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DatabaseFileError, openDatabase } from "../../src/store/db.ts";
import { MigrationError, migrate } from "../../src/store/migrate.ts";

const root = new URL("../../", import.meta.url).pathname;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "rc-open-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("a database that cannot be opened", () => {
  it("names the file and DATABASE_PATH when its folder cannot be created", () => {
    // A regular file where a folder should be: no folder can be made under it, even by root.
    writeFileSync(join(dir, "blocker"), "");
    const path = join(dir, "blocker", "data", "rolecall.db");
    expect(() => openDatabase(path)).toThrow(DatabaseFileError);
    expect(() => openDatabase(path)).toThrow(`Cannot open the database ${path} (DATABASE_PATH): ENOTDIR`);
  });

  it("names the file and DATABASE_PATH when it is not a SQLite file", () => {
    const path = join(dir, "rolecall.db");
    writeFileSync(path, "name,role\nsam,tech-lead\n".repeat(200));
    expect(() => openDatabase(path)).toThrow(
      `Cannot open the database ${path} (DATABASE_PATH): file is not a database.`,
    );
  });

  it("names the file when migrating it fails", () => {
    const path = join(dir, "rolecall.db");
    const db = openDatabase(path);
    try {
      const bad = [{ version: 1, name: "bad", sql: "CREATE TABLE", checksum: "x" }];
      expect(() => migrate(db, bad)).toThrow(MigrationError);
      expect(() => migrate(db, bad)).toThrow(`Cannot migrate the database ${path} (DATABASE_PATH): `);
    } finally {
      db.close();
    }
  });

  it("stops the bot with that one message and no stack", () => {
    const path = join(dir, "rolecall.db");
    writeFileSync(path, "not SQLite at all\n".repeat(200));
    const r = spawnSync(join(root, "node_modules/.bin/tsx"), [join(root, "src/main.ts")], {
      cwd: dir,
      encoding: "utf8",
      env: {
        PATH: process.env.PATH ?? "",
        SLACK_BOT_TOKEN: "xoxb-not-used",
        SLACK_APP_TOKEN: "xapp-not-used",
        DATABASE_PATH: path,
      },
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      `Cannot open the database ${path} (DATABASE_PATH): file is not a database. ` +
        "Set DATABASE_PATH to a rolecall SQLite file, or to a new file in a folder rolecall may write to.",
    ]);
  });
});
