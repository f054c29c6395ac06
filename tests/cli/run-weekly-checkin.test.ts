import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/db.ts";
import { createStores } from "../../src/store/index.ts";
import { migrate } from "../../src/store/migrate.ts";
import { FakeSlack } from "../e2e/fake-slack.ts";

const root = new URL("../../", import.meta.url).pathname;
const tsx = join(root, "node_modules/.bin/tsx");
const T = "T0ACME";
// Friday 20 Nov 2026 15:00 in Berlin, 09:00 in New York.
const AT = "2026-11-20T14:00:00Z";

/** A database with four people: a due lead, a lead whose slot is later, a paused lead, a one-hat person. */
function seed(db: string): void {
  const handle = openDatabase(db);
  migrate(handle);
  const s = createStores(handle);
  const fetched = new Date("2026-11-20T08:00:00Z");
  s.workspaces.ensure(T, new Date("2026-01-01T00:00:00Z"));
  s.workspaces.update(T, { timezone: "Europe/Berlin" });
  const hats = (userId: string, roles: ("tech-lead" | "engineering-manager")[]) => {
    for (const role of roles) {
      s.hats.record(T, {
        channelId: "C0PAY",
        userId,
        role,
        action: "assign",
        effectiveDate: "2026-01-01",
        recordedBy: "U0ADMIN",
        recordedAt: "2026-01-01T00:00:00Z",
      });
    }
  };
  hats("U0ALICE", ["tech-lead", "engineering-manager"]);
  s.people.saveSlackProfile(
    T,
    "U0ALICE",
    { displayName: "Alice", tz: "Europe/Berlin", isSlackAdmin: false },
    fetched,
  );
  hats("U0BOB", ["tech-lead", "engineering-manager"]);
  s.people.saveSlackProfile(
    T,
    "U0BOB",
    { displayName: "Bob", tz: "America/New_York", isSlackAdmin: false },
    fetched,
  );
  hats("U0CAROL", ["tech-lead", "engineering-manager"]);
  s.people.setCheckinPaused(T, "U0CAROL", true);
  hats("U0DAN", ["tech-lead"]);
  handle.close();
}

function checkinRows(db: string): { user_id: string; week: string; state: string }[] {
  const handle = openDatabase(db);
  try {
    return handle.prepare("SELECT user_id, week, state FROM checkins ORDER BY user_id").all() as {
      user_id: string;
      week: string;
      state: string;
    }[];
  } finally {
    handle.close();
  }
}

function cliSync(db: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(tsx, [join(root, "src/cli.ts"), ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", DATABASE_PATH: db, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Like cliSync, but lets this process's stand-in Slack answer while the CLI runs. */
function cli(db: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
    const child = spawn(tsx, [join(root, "src/cli.ts"), ...args], {
      env: { PATH: process.env.PATH ?? "", DATABASE_PATH: db, ...env },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

describe("rolecall run weekly-checkin", () => {
  let db: string;
  beforeEach(() => {
    db = join(mkdtempSync(join(tmpdir(), "rc-run-")), "rolecall.db");
    seed(db);
  });

  it("--dry-run lists who would be asked and why, who would not and why, and records nothing", () => {
    const r = cliSync(db, ["run", "weekly-checkin", "--dry-run", "--at", AT]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("dry run, nothing is sent or recorded");
    expect(r.out).toContain("Workspace T0ACME: 3 hybrid leads");
    const section = (title: string) => r.out.split(`${title} (`)[1]?.split("\n\n")[0] ?? "";
    expect(section("Would ask now")).toMatch(/^1\):/);
    expect(section("Would ask now")).toContain(
      "U0ALICE (Alice): due since Fri 2026-11-20 15:00 Europe/Berlin",
    );
    expect(section("Would ask now")).toContain(
      "2026-W47 · Fri 15:00 (workspace default) · Europe/Berlin from Slack profile",
    );
    expect(section("Would remind now")).toMatch(/^0\)/);
    expect(section("Not now")).toContain(
      "U0BOB (Bob): not yet due: due at Fri 2026-11-20 15:00 America/New_York",
    );
    expect(section("Not now")).toContain("U0CAROL: check-ins are paused");
    // Carol has no cached profile: the dry run says so rather than guessing.
    expect(section("Not now")).toContain("no Slack profile cached yet");
    expect(r.out).not.toContain("U0DAN");
    expect(checkinRows(db)).toEqual([]);
  });

  it("refuses to send without SLACK_BOT_TOKEN, and rejects a time without a zone, past the calendar or an unknown job", () => {
    const noToken = cliSync(db, ["run", "weekly-checkin", "--at", AT]);
    expect(noToken.code).toBe(2);
    expect(noToken.err).toContain("needs SLACK_BOT_TOKEN");
    expect(noToken.err).toContain("--dry-run");
    const local = cliSync(db, ["run", "weekly-checkin", "--dry-run", "--at", "2026-11-20T15:00"]);
    expect(local.code).toBe(2);
    expect(local.err).toContain("--at must be an ISO time with its zone");
    const pastCalendar = cliSync(db, ["run", "weekly-checkin", "--dry-run", "--at", "9999-12-31T12:00:00Z"]);
    expect(pastCalendar.code).toBe(2);
    expect(pastCalendar.err).toBe(
      `--at must be no later than 9999-12-19T00:00:00Z: rolecall's calendar ends in 9999, not "9999-12-31T12:00:00Z".\n`,
    );
    const unknown = cliSync(db, ["run", "weekly-digest", "--dry-run"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Unknown job "weekly-digest"');
    expect(checkinRows(db)).toEqual([]);
  });

  describe("without --dry-run, against the stand-in Slack", () => {
    let fake: FakeSlack;
    beforeAll(async () => {
      fake = await new FakeSlack().start();
      fake.addUser({ id: "U0ALICE", tz: "Europe/Berlin" });
      fake.addUser({ id: "U0BOB", tz: "America/New_York" });
    });
    afterAll(async () => fake.stop());

    it("sends what the scheduler would send at that time, once, however often it is run", async () => {
      fake.clear();
      const env = { SLACK_BOT_TOKEN: "xoxb-cli-test", SLACK_API_URL: fake.apiUrl };
      const first = await cli(db, ["run", "weekly-checkin", "--at", AT], env);
      expect(first.code).toBe(0);
      expect(first.out).toContain("1 sent, 0 reminded, 0 failed");
      expect(first.out).toContain("sent      U0ALICE 2026-W47 check-in (attempt 1)");
      const again = await cli(db, ["run", "weekly-checkin", "--at", "2026-11-20T14:05:00Z"], env);
      expect(again.code).toBe(0);
      expect(again.out).toContain("0 sent");
      const dms = fake.callsTo("chat.postMessage");
      expect(dms.map((c) => c.params.channel)).toEqual(["DU0ALICE"]);
      expect(checkinRows(db)).toEqual([{ user_id: "U0ALICE", week: "2026-W47", state: "sent" }]);
    });
  });
});
