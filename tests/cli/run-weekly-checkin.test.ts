import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
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
      expect(dms.map((c) => c.params.channel)).toEqual(["U0ALICE"]);
      expect(checkinRows(db)).toEqual([{ user_id: "U0ALICE", week: "2026-W47", state: "sent" }]);
    });
  });
});

/**
 * Crashes and stops of the real CLI process mid fan-out, against the stand-in Slack in this process.
 * The stand-in's record of posted messages is what the workspace shows: every lead must find
 * exactly one check-in in their DM once the next tick has run.
 */
describe("exactly once across crashes, stops, rate limits and 5xx (300 leads)", () => {
  const LEADS = Array.from({ length: 300 }, (_, i) => `U1${String(i).padStart(4, "0")}`);
  const POOL = 8; // FANOUT_CONCURRENCY: the sends in flight at any moment
  const at = (minutes: number) => new Date(new Date(AT).getTime() + minutes * 60_000).toISOString();
  let fake: FakeSlack;
  let db: string;
  let env: Record<string, string>;

  beforeEach(async () => {
    db = join(mkdtempSync(join(tmpdir(), "rc-once-")), "rolecall.db");
    const handle = openDatabase(db);
    migrate(handle);
    const s = createStores(handle);
    s.workspaces.ensure(T, new Date("2026-01-01T00:00:00Z"));
    s.workspaces.update(T, { timezone: "Europe/Berlin" });
    handle.transaction(() => {
      for (const userId of LEADS) {
        for (const role of ["tech-lead", "engineering-manager"] as const) {
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
        s.people.saveSlackProfile(
          T,
          userId,
          { displayName: userId, tz: "Europe/Berlin", isSlackAdmin: false },
          new Date("2026-11-20T13:00:00Z"),
        );
      }
    })();
    handle.close();
    fake = await new FakeSlack().start();
    // The workspace's clock follows the injected time, so history's `oldest` means what it says.
    fake.now = () => new Date(AT);
    for (const id of LEADS) fake.addUser({ id, tz: "Europe/Berlin" });
    // The stand-in has no rate limit unless a test scripts one, and these tests are about claims, not
    // pacing: a pace this high never makes a send wait, so the fan-out is as fast as the stand-in.
    env = { SLACK_BOT_TOKEN: "xoxb-once-test", SLACK_API_URL: fake.apiUrl, SLACK_POSTS_PER_MINUTE: "600000" };
  });
  afterEach(async () => fake.stop());

  /** The CLI as one node process (no tsx wrapper), so a signal reaches the job itself. */
  function start(args: string[]) {
    const child = spawn(process.execPath, ["--import", "tsx", join(root, "src/cli.ts"), ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", DATABASE_PATH: db, ...env },
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      out += d;
    });
    const done = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) =>
      child.on("close", (code, signal) => resolve({ code, signal, out })),
    );
    return { child, done };
  }

  const run = (minutes: number) => start(["run", "weekly-checkin", "--at", at(minutes)]).done;
  const delivered = (event = "rolecall_checkin") => LEADS.map((u) => fake.marked(`D${u}`, event).length);
  const deliveredCount = (event?: string) => delivered(event).reduce((a, b) => a + b, 0);
  const reminders = () => delivered("rolecall_checkin_reminder");

  async function until(probe: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 6000; i++) {
      if (probe()) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`Timed out waiting for ${what}`);
  }

  /**
   * Lets `after` DMs arrive, then withholds Slack's answers until every worker of each of the
   * `processes` running waits on one.
   */
  async function freezeMidFanOut(after: number, processes = 1, event?: string): Promise<() => void> {
    await until(() => deliveredCount(event) >= after, `${after} messages`);
    const release = fake.holdReplies("chat.postMessage");
    await until(
      () => fake.heldReplies === POOL * processes,
      "every send in flight to be delivered, unanswered",
    );
    return release;
  }

  /** The next ticks (after the grace period, and after a retry's back-off): then exactly one each. */
  async function expectExactlyOnceAfterNextTicks(): Promise<string> {
    const next = await run(6);
    await run(40);
    const counts = delivered();
    expect(counts.filter((n) => n === 0).length, "leads with no check-in").toBe(0);
    expect(counts.filter((n) => n > 1).length, "leads with two").toBe(0);
    expect(checkinRows(db).filter((r) => r.state !== "sent")).toEqual([]);
    return next.out;
  }

  it("kill -9 mid fan-out, of the DMs and then of the reminders: the next tick reconciles the delivered, sends the rest", async () => {
    const first = start(["run", "weekly-checkin", "--at", AT]);
    const release = await freezeMidFanOut(100);
    first.child.kill("SIGKILL");
    const killed = await first.done;
    release();
    expect(killed.signal).toBe("SIGKILL");
    expect(checkinRows(db).filter((r) => r.state === "claimed")).toHaveLength(POOL);
    const out = await expectExactlyOnceAfterNextTicks();
    expect(out).toContain(`${POOL} reconciled (already delivered, not sent again)`);

    // A day later the reminders go out, and the process is killed mid fan-out again.
    const remindAt = 25 * 60;
    fake.now = () => new Date(at(remindAt));
    const reminding = start(["run", "weekly-checkin", "--at", at(remindAt)]);
    const unfreeze = await freezeMidFanOut(100, 1, "rolecall_checkin_reminder");
    reminding.child.kill("SIGKILL");
    await reminding.done;
    unfreeze();
    const stuck = () => {
      const handle = openDatabase(db);
      try {
        return handle.prepare("SELECT count(*) AS n FROM checkins WHERE reminder_state = 'claimed'").get();
      } finally {
        handle.close();
      }
    };
    expect(stuck()).toEqual({ n: POOL });
    fake.now = () => new Date(at(remindAt + 6));
    const next = await run(remindAt + 6);
    expect(next.out).toContain(`${POOL} reconciled (already delivered, not sent again)`);
    const counts = reminders();
    expect(counts.filter((n) => n === 0).length, "leads with no reminder").toBe(0);
    expect(counts.filter((n) => n > 1).length, "leads with two reminders").toBe(0);
    expect(stuck()).toEqual({ n: 0 });
  }, 180_000);

  it("SIGTERM mid fan-out: the sends in flight finish and are recorded, nothing is left claimed", async () => {
    const first = start(["run", "weekly-checkin", "--at", AT]);
    const release = await freezeMidFanOut(100);
    first.child.kill("SIGTERM");
    release();
    const stopped = await first.done;
    expect(stopped.code).toBe(0);
    expect(stopped.out).toMatch(/left for the next tick \(stopping\)/);
    expect(checkinRows(db).filter((r) => r.state === "claimed")).toEqual([]);
    expect(deliveredCount()).toBeLessThan(LEADS.length);
    const out = await expectExactlyOnceAfterNextTicks();
    expect(out).not.toContain("reconciled");
  }, 180_000);

  it("429s with Retry-After and 1% 503s, then kill -9: still exactly one each", async () => {
    let posts = 0;
    fake.script("chat.postMessage", () => {
      posts++;
      if (posts % 100 === 50) return { status: 503, body: "Service Unavailable" };
      if (posts === 30 || posts === 130) {
        return { status: 429, headers: { "retry-after": "1" }, body: '{"ok":false,"error":"ratelimited"}' };
      }
      return undefined;
    });
    const first = start(["run", "weekly-checkin", "--at", AT]);
    const release = await freezeMidFanOut(150);
    first.child.kill("SIGKILL");
    await first.done;
    release();
    await expectExactlyOnceAfterNextTicks();
    expect(posts).toBeGreaterThan(LEADS.length);
  }, 180_000);

  it("two processes at once, one killed mid fan-out: still exactly one each", async () => {
    const a = start(["run", "weekly-checkin", "--at", AT]);
    const b = start(["run", "weekly-checkin", "--at", AT]);
    const release = await freezeMidFanOut(100, 2);
    a.child.kill("SIGKILL");
    await a.done;
    release();
    const other = await b.done;
    expect(other.code).toBe(0);
    await expectExactlyOnceAfterNextTicks();
  }, 180_000);
});
