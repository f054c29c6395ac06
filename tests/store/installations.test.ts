/**
 * The token-refresh lease across processes: two connections to one SQLite file, as two bot
 * processes sharing a database have.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Db, openDatabase } from "../../src/store/db.ts";
import { type InstallationRecord, InstallationStore } from "../../src/store/installations.ts";
import { migrate } from "../../src/store/migrate.ts";

const NOW = new Date("2026-11-23T12:00:00Z");
const NOW_S = NOW.getTime() / 1000;
const LEASE_S = 60;

const install: InstallationRecord = {
  teamId: "T0A",
  enterpriseId: undefined,
  teamName: "A",
  appId: undefined,
  botToken: "xoxe.xoxb-old",
  botUserId: "UBOT",
  botId: "BBOT",
  scopes: ["commands"],
  installerUserId: "U0INSTALLER",
  tokenExpiresAt: NOW_S - 60,
  refreshToken: "xoxe-1-old",
};

let dir: string;
let dbs: Db[];
let a: InstallationStore;
let b: InstallationStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "rc-installations-"));
  const path = join(dir, "rolecall.db");
  const first = openDatabase(path);
  migrate(first);
  dbs = [first, openDatabase(path)];
  a = new InstallationStore(dbs[0] as Db);
  b = new InstallationStore(dbs[1] as Db);
  a.save(install, NOW);
});
afterEach(() => {
  for (const db of dbs) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the token-refresh lease", () => {
  it("is released by its holder, so the next attempt need not wait for it to lapse", () => {
    expect(a.claimTokenRefresh("T0A", "xoxe-1-old", NOW_S, NOW_S + LEASE_S)).toBe(true);
    a.releaseTokenRefresh("T0A", "xoxe-1-old", NOW_S + LEASE_S);
    expect(b.claimTokenRefresh("T0A", "xoxe-1-old", NOW_S + 1, NOW_S + 1 + LEASE_S)).toBe(true);
  });

  it("is not freed by a late failure of a process whose own lease had lapsed", () => {
    expect(a.claimTokenRefresh("T0A", "xoxe-1-old", NOW_S, NOW_S + LEASE_S)).toBe(true);
    // A's call outlives its lease; B takes a lease of its own and is exchanging the token.
    const later = NOW_S + LEASE_S + 1;
    expect(b.claimTokenRefresh("T0A", "xoxe-1-old", later, later + LEASE_S)).toBe(true);
    // A's exchange then fails: it gives back only the lease it took.
    a.releaseTokenRefresh("T0A", "xoxe-1-old", NOW_S + LEASE_S);
    expect(a.claimTokenRefresh("T0A", "xoxe-1-old", later + 1, later + 1 + LEASE_S)).toBe(false);
  });
});
