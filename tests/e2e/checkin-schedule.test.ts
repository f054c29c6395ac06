/**
 * The weekly check-in's send side, end to end: the real app and job against the stand-in Slack, with
 * time injected. Each test gets a fresh bot and database; ticks call the registered job's `run(now)`.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WeeklyCheckinSummary } from "../../src/delivery/checkin-round.ts";
import { FANOUT_CONCURRENCY } from "../../src/delivery/web-clients.ts";
import { localDateTimeIn } from "../../src/domain/time.ts";
import { createJobs } from "../../src/jobs/index.ts";
import type { Job } from "../../src/jobs/scheduler.ts";
import { CHECKIN_ACTIONS } from "../../src/messages/checkin-ids.ts";
import type { RecordedCall } from "./fake-slack.ts";
import { eventually, type Harness, startHarness, visibleText } from "./harness.ts";

const T = "T0ACME";
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let h: Harness;
let job: Job;

/** The job exactly as the scheduler gets it, on the bot currently running. */
function registeredJob(): Job {
  const found = createJobs(h.running.client, h.ctx).find((j) => j.name === "weekly-checkin");
  if (!found) throw new Error("weekly-checkin is not registered in createJobs");
  return found;
}

async function tick(at: string | Date, which: Job = job): Promise<WeeklyCheckinSummary> {
  const now = new Date(at);
  h.clock.set(now);
  return (await which.run(now)) as WeeklyCheckinSummary;
}

/** A hybrid lead (tech-lead + engineering-manager on two teams, 60/40 stated) known to Slack in `tz`. */
function lead(
  userId: string,
  tz: string | undefined,
  opts: { inSlack?: boolean; split?: boolean } = {},
): void {
  if (opts.inSlack !== false) h.fake.addUser({ id: userId, ...(tz ? { tz } : {}) });
  const s = h.ctx.stores;
  s.workspaces.ensure(T, new Date("2026-01-01T00:00:00Z"));
  const hat = (channelId: string, role: "tech-lead" | "engineering-manager") =>
    s.hats.record(T, {
      channelId,
      userId,
      role,
      action: "assign",
      effectiveDate: "2026-01-01",
      recordedBy: "U0ADMIN",
      recordedAt: "2026-01-01T00:00:00Z",
    });
  hat("C0PAY", "tech-lead");
  hat("C0SHOP", "engineering-manager");
  if (opts.split === false) return;
  s.allocations.record(T, {
    userId,
    effectiveDate: "2026-01-01",
    split: { "tech-lead": 60, "engineering-manager": 40 },
    recordedBy: userId,
    recordedAt: "2026-01-01T00:00:00Z",
  });
}

/** A post to the lead: check-ins go to the user id (Slack opens the IM), replies to the IM itself. */
const isDm = (user: string) => (c: RecordedCall) =>
  c.params.channel === user || c.params.channel === `D${user}`;
/** Check-in DMs the stand-in received for a user (reminders are thread replies). */
const dmsTo = (user: string) =>
  h.fake.callsTo("chat.postMessage").filter((c) => isDm(user)(c) && c.params.thread_ts === undefined);
const remindersTo = (user: string) =>
  h.fake.callsTo("chat.postMessage").filter((c) => isDm(user)(c) && c.params.thread_ts !== undefined);
const weekOf = (call: RecordedCall | undefined) =>
  (call?.params.blocks as { type: string; elements?: { action_id: string; value: string }[] }[] | undefined)
    ?.flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === CHECKIN_ACTIONS.enterSplit)?.value;
const row = (user: string, week: string) => h.ctx.stores.checkins.get(T, user, week);
const claimed = () =>
  (
    h.ctx.stores.db.prepare("SELECT count(*) AS n FROM checkins WHERE state = 'claimed'").get() as {
      n: number;
    }
  ).n;
const local = (d: Date | undefined, tz: string) => (d ? localDateTimeIn(d, tz) : undefined);

beforeEach(async () => {
  h = await startHarness({ now: "2026-01-01T00:00:00Z" });
  job = registeredJob();
});
afterEach(async () => h.stop());

describe("the check-in arrives at 15:00 on the lead's own Friday, across DST changes", () => {
  const cases = [
    {
      tz: "America/New_York",
      // Spring forward on Sun 8 Mar, fall back on Sun 1 Nov: the Friday before each, and the Friday after.
      fridays: [
        ["2026-W10", "2026-03-06T20:00:00Z"],
        ["2026-W11", "2026-03-13T19:00:00Z"],
        ["2026-W44", "2026-10-30T19:00:00Z"],
        ["2026-W45", "2026-11-06T20:00:00Z"],
      ],
    },
    {
      tz: "Europe/Berlin",
      // Spring forward on Sun 29 Mar, fall back on Sun 25 Oct.
      fridays: [
        ["2026-W13", "2026-03-27T14:00:00Z"],
        ["2026-W14", "2026-04-03T13:00:00Z"],
        ["2026-W43", "2026-10-23T13:00:00Z"],
        ["2026-W44", "2026-10-30T14:00:00Z"],
      ],
    },
  ] as const;

  for (const { tz, fridays } of cases) {
    it(`${tz}: not a minute early, not an hour off, once per week`, async () => {
      lead("U0LEE", tz);
      for (const [week, due] of fridays) {
        const dueAt = new Date(due);
        const before = dmsTo("U0LEE").length;
        // An hour early is the instant a wrong offset would pick on one side of the change.
        await tick(new Date(dueAt.getTime() - HOUR));
        await tick(new Date(dueAt.getTime() - MINUTE));
        expect(dmsTo("U0LEE").length, `${week} before 15:00 local`).toBe(before);
        const s = await tick(dueAt);
        expect(s.sent, week).toBe(1);
        expect(dmsTo("U0LEE").length).toBe(before + 1);
        expect(weekOf(dmsTo("U0LEE").at(-1))).toBe(week);
        expect(local(row("U0LEE", week)?.sentAt, tz)).toEqual({
          date: expect.any(String),
          time: "15:00",
          weekday: 5,
        });
        await tick(new Date(dueAt.getTime() + HOUR));
        expect(dmsTo("U0LEE").length, `${week} once`).toBe(before + 1);
      }
    });
  }

  it("a slot inside the spring-forward gap moves forward by the gap (Sun 02:30 Berlin → 03:30 CEST)", async () => {
    lead("U0EARLY", "Europe/Berlin");
    h.ctx.stores.people.setCheckinSlot(T, "U0EARLY", 7, "02:30");
    await tick("2026-03-29T01:29:00Z");
    expect(dmsTo("U0EARLY")).toHaveLength(0);
    await tick("2026-03-29T01:30:00Z");
    expect(dmsTo("U0EARLY")).toHaveLength(1);
    expect(weekOf(dmsTo("U0EARLY")[0])).toBe("2026-W13");
  });
});

describe("leads on either side of the date line", () => {
  it("Auckland and Honolulu each get their own Friday 15:00 for the right ISO week", async () => {
    lead("U0AKL", "Pacific/Auckland"); // UTC+13 in November
    lead("U0HNL", "Pacific/Honolulu"); // UTC−10
    await tick("2026-11-20T01:59:00Z");
    expect(dmsTo("U0AKL")).toHaveLength(0);
    await tick("2026-11-20T02:00:00Z"); // Fri 15:00 in Auckland; Thu 16:00 in Honolulu
    expect(dmsTo("U0AKL")).toHaveLength(1);
    expect(weekOf(dmsTo("U0AKL")[0])).toBe("2026-W47");
    expect(visibleText(dmsTo("U0AKL")[0]?.params)).toContain("16–22 Nov");

    for (const t of ["2026-11-20T23:59:00Z", "2026-11-21T00:00:00Z", "2026-11-21T00:59:00Z"]) await tick(t);
    expect(dmsTo("U0HNL")).toHaveLength(0);
    await tick("2026-11-21T01:00:00Z"); // Sat in UTC and Auckland, still Fri 15:00 in Honolulu
    expect(dmsTo("U0HNL")).toHaveLength(1);
    expect(weekOf(dmsTo("U0HNL")[0])).toBe("2026-W47");
    expect(local(row("U0HNL", "2026-W47")?.sentAt, "Pacific/Honolulu")).toEqual({
      date: "2026-11-20",
      time: "15:00",
      weekday: 5,
    });

    // Monday in Auckland (its W48 not yet due), Sunday in Honolulu: nobody is asked again.
    await tick("2026-11-22T11:30:00Z");
    expect(dmsTo("U0AKL")).toHaveLength(1);
    expect(dmsTo("U0HNL")).toHaveLength(1);
  });
});

describe("exactly once", () => {
  const BERLIN_FRIDAY = "2026-11-20T14:00:00Z";
  const later = (minutes: number) => new Date(new Date(BERLIN_FRIDAY).getTime() + minutes * MINUTE);
  /** The check-ins the stand-in's workspace shows in the bot's IM with the lead. */
  const delivered = (user: string) => h.fake.marked(`D${user}`, "rolecall_checkin");

  it("a restart in the middle of a fan-out: the unclaimed are sent, the delivered-but-unrecorded reconciled, none twice", async () => {
    const users = Array.from(
      { length: FANOUT_CONCURRENCY + 4 },
      (_, i) => `U0L${String(i).padStart(2, "0")}`,
    );
    for (const u of users) lead(u, "Europe/Berlin");
    const release = h.fake.hold("chat.postMessage");
    h.clock.set(BERLIN_FRIDAY);
    const first = job.run(new Date(BERLIN_FRIDAY));
    // The pool is full: every worker has claimed its lead and waits on Slack.
    await eventually(() => claimed() === FANOUT_CONCURRENCY, "the first claims");
    await h.restart(); // the process dies here; Slack still gets (and accepts) the held DMs
    release();
    await first;
    job = registeredJob();

    const after = await tick(later(1));
    expect(after.sent).toBe(4);
    // Within the grace period a claim may be another process's send in flight: left alone.
    expect(claimed()).toBe(FANOUT_CONCURRENCY);
    const reconciled = await tick(later(10));
    expect(reconciled).toMatchObject({ reconciled: FANOUT_CONCURRENCY, sent: 0 });
    for (const u of users) expect(delivered(u), u).toHaveLength(1);
    for (const u of users) expect(dmsTo(u), u).toHaveLength(1);
    for (const u of users) {
      expect(row(u, "2026-W47"), u).toMatchObject({
        state: "sent",
        dmChannel: `D${u}`,
        messageTs: delivered(u)[0]?.ts,
      });
    }
    expect(h.logs.some((l) => /U0L00 for 2026-W47 reconciled: already delivered/.test(l.text))).toBe(true);
  });

  it("a claim whose DM never reached Slack is sent once the grace period is over", async () => {
    lead("U0LOST", "Europe/Berlin");
    // A crash right after the claim, before the call.
    h.ctx.stores.checkins.claimSend(T, "U0LOST", "2026-W47", "none", 1, new Date(BERLIN_FRIDAY));
    expect((await tick(later(4))).sent).toBe(0);
    expect(delivered("U0LOST")).toHaveLength(0);
    const s = await tick(later(5));
    expect(s).toMatchObject({ sent: 1, reconciled: 0 });
    expect(h.fake.callsTo("conversations.history")).toHaveLength(1);
    expect(h.fake.callsTo("conversations.history")[0]?.params).toMatchObject({
      channel: "DU0LOST",
      include_all_metadata: "true",
    });
    await tick(later(20));
    expect(delivered("U0LOST")).toHaveLength(1);
    expect(row("U0LOST", "2026-W47")).toMatchObject({ state: "sent", attempts: 1 });
  });

  it("each DM is one chat.postMessage to the lead's user id, marked with the week, lead and workspace", async () => {
    lead("U0ONE", "Europe/Berlin");
    await tick(BERLIN_FRIDAY);
    expect(h.fake.callsTo("conversations.open")).toHaveLength(0);
    const [call] = dmsTo("U0ONE");
    expect(call?.params).toMatchObject({
      channel: "U0ONE",
      metadata: {
        event_type: "rolecall_checkin",
        event_payload: { week: "2026-W47", lead: "U0ONE", team: T },
      },
    });
    expect(row("U0ONE", "2026-W47")).toMatchObject({
      dmChannel: "DU0ONE",
      messageTs: delivered("U0ONE")[0]?.ts,
    });
  });

  it("a double tick (two processes at the same minute) sends one DM each", async () => {
    // More leads than the pool, so the two runs' claims interleave while Slack is slow.
    const users = Array.from(
      { length: 2 * FANOUT_CONCURRENCY + 3 },
      (_, i) => `U0D${String(i).padStart(2, "0")}`,
    );
    for (const u of users) lead(u, "Europe/Berlin");
    const other = registeredJob();
    const release = h.fake.hold("chat.postMessage");
    h.clock.set(BERLIN_FRIDAY);
    const runs = Promise.all([job.run(new Date(BERLIN_FRIDAY)), other.run(new Date(BERLIN_FRIDAY))]);
    await eventually(() => claimed() === 2 * FANOUT_CONCURRENCY, "both pools to fill");
    release();
    const [a, b] = (await runs) as WeeklyCheckinSummary[];
    expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(users.length);
    // Each run computed some DMs the other had claimed by the time it got to them.
    expect((a?.skipped ?? 0) + (b?.skipped ?? 0)).toBeGreaterThan(0);
    for (const u of users) expect(delivered(u), u).toHaveLength(1);
  });

  it("stopping mid fan-out finishes the sends in flight, records them, claims nothing more", async () => {
    const users = Array.from(
      { length: 3 * FANOUT_CONCURRENCY },
      (_, i) => `U0S${String(i).padStart(2, "0")}`,
    );
    for (const u of users) lead(u, "Europe/Berlin");
    const release = h.fake.hold("chat.postMessage");
    h.clock.set(BERLIN_FRIDAY);
    const stopping = new AbortController();
    const run = job.run(new Date(BERLIN_FRIDAY), stopping.signal);
    await eventually(() => claimed() === FANOUT_CONCURRENCY, "the first claims");
    stopping.abort();
    release();
    const s = (await run) as WeeklyCheckinSummary;
    expect(s).toMatchObject({ sent: FANOUT_CONCURRENCY, stopped: users.length - FANOUT_CONCURRENCY });
    expect(claimed()).toBe(0);
    const next = await tick(later(1));
    expect(next.sent).toBe(users.length - FANOUT_CONCURRENCY);
    for (const u of users) expect(delivered(u), u).toHaveLength(1);
  });
});

describe("Slack failing", () => {
  const DUE = "2026-11-20T14:00:00Z"; // Fri 15:00 in Berlin
  const later = (minutes: number) => new Date(new Date(DUE).getTime() + minutes * MINUTE);

  it("waits out a 429 with Retry-After and delivers the DM exactly once", async () => {
    lead("U0LEE", "Europe/Berlin");
    let rejected = 0;
    h.fake.script("chat.postMessage", () => {
      if (rejected > 0) return undefined;
      rejected++;
      return { status: 429, headers: { "retry-after": "1" }, body: '{"ok":false,"error":"ratelimited"}' };
    });
    const s = await tick(DUE);
    expect(s).toMatchObject({ sent: 1, failed: 0 });
    expect(dmsTo("U0LEE").length - rejected).toBe(1);
    expect(row("U0LEE", "2026-W47")).toMatchObject({ state: "sent", attempts: 1 });
    expect(h.logs.some((l) => l.text.includes("rate-limited"))).toBe(true);
  });

  it("records a 500 as failed, retries it on a later tick in the same week, and ends with one DM", async () => {
    lead("U0FLAKY", "Europe/Berlin");
    lead("U0FINE", "Europe/Berlin");
    let rejected = 0;
    let down = true;
    h.fake.script("chat.postMessage", (params) => {
      if (!down || params.channel !== "U0FLAKY") return undefined;
      rejected++;
      return { status: 500, body: "Internal Server Error" };
    });
    const first = await tick(DUE);
    expect(first).toMatchObject({ sent: 1, failed: 1 });
    expect(row("U0FLAKY", "2026-W47")).toMatchObject({ state: "failed", attempts: 1, lastError: "http_500" });
    expect(rejected).toBeGreaterThan(1); // the WebClient retried within the call, boundedly
    down = false;
    await tick(later(5)); // inside the back-off: not yet
    expect(dmsTo("U0FLAKY").length - rejected).toBe(0);
    const retry = await tick(later(15));
    expect(retry).toMatchObject({ sent: 1, failed: 0 });
    await tick(later(60));
    expect(dmsTo("U0FLAKY").length - rejected).toBe(1);
    expect(dmsTo("U0FINE")).toHaveLength(1);
    expect(row("U0FLAKY", "2026-W47")).toMatchObject({ state: "sent", attempts: 2, lastError: undefined });
  });

  it("one person Slack does not know never stops the others, and is retried a bounded number of times", async () => {
    for (const u of ["U0ANN", "U0BEA", "U0CAL"]) lead(u, "Europe/Berlin");
    lead("U0GONE", undefined, { inSlack: false });
    h.ctx.stores.workspaces.update(T, { timezone: "Europe/Berlin" });
    const s = await tick(DUE);
    expect(s).toMatchObject({ sent: 3, failed: 1 });
    for (const u of ["U0ANN", "U0BEA", "U0CAL"]) expect(dmsTo(u), u).toHaveLength(1);
    expect(row("U0GONE", "2026-W47")).toMatchObject({ state: "failed", lastError: "channel_not_found" });
    expect(h.logs.some((l) => l.level === "warn" && /U0GONE.*channel_not_found/.test(l.text))).toBe(true);

    // Retries after 15, 30, 60 and 120 minutes, then the week is left alone. A retry looks for an
    // earlier DM first (opening the IM), and Slack refuses that for an unknown user.
    for (const m of [15, 45, 105, 225, 600, 1200]) await tick(later(m));
    const posts = h.fake.callsTo("chat.postMessage").filter((c) => c.params.channel === "U0GONE");
    const opens = h.fake.callsTo("conversations.open").filter((c) => c.params.users === "U0GONE");
    expect(posts).toHaveLength(1);
    expect(opens).toHaveLength(4);
    expect(row("U0GONE", "2026-W47")).toMatchObject({
      state: "failed",
      attempts: 5,
      lastError: "user_not_found",
    });
  });
});

describe("a DM in doubt, across attempts and processes", () => {
  const DUE = "2026-11-20T14:00:00Z"; // Fri 15:00 in Berlin
  const W = "2026-W47";
  const later = (minutes: number) => new Date(new Date(DUE).getTime() + minutes * MINUTE);
  /** The check-ins for `week` the stand-in's workspace shows in the bot's IM with the lead. */
  const checkinsIn = (user: string, week = W) =>
    h.fake
      .marked(`D${user}`, "rolecall_checkin")
      .filter((m) => m.metadata?.event_payload.week === week && m.metadata.event_payload.lead === user);

  it("posted, then a crash; the takeover's look fails: the retry still finds the first DM", async () => {
    lead("U0CRASH", "Europe/Berlin");
    const release = h.fake.holdReplies("chat.postMessage");
    h.clock.set(DUE);
    const first = job.run(new Date(DUE));
    await eventually(() => h.fake.heldReplies === 1, "the DM posted, unanswered");
    await h.restart(); // the process dies here; Slack has the DM
    release();
    await first;
    job = registeredJob();
    expect(row("U0CRASH", W)?.state).toBe("claimed");
    let historyDown = true;
    h.fake.script("conversations.history", () =>
      historyDown ? { status: 503, body: "Service Unavailable" } : undefined,
    );
    // Taken over well after the grace period, so its own claim is further back than the look-back
    // margin: only the first claim's moment covers the DM.
    expect(await tick(later(20))).toMatchObject({ sent: 0, reconciled: 0, failed: 1 });
    historyDown = false;
    for (const m of [35, 65, 125, 245]) await tick(later(m));
    expect(checkinsIn("U0CRASH")).toHaveLength(1);
    expect(dmsTo("U0CRASH")).toHaveLength(1);
    expect(row("U0CRASH", W)).toMatchObject({
      state: "sent",
      messageTs: checkinsIn("U0CRASH")[0]?.ts,
      doubtSince: undefined,
    });
  });

  it("a reply lost on attempt 1, a look refused on attempt 2: attempt 3 finds the first DM", async () => {
    const U = "U0LOSTREPLY";
    lead(U, "Europe/Berlin");
    let postsDown = true;
    let tookEffect = false;
    h.fake.script("chat.postMessage", (params) => {
      if (!postsDown || params.channel !== U) return undefined;
      // The first call is posted and its reply lost; the client's own retries are refused outright.
      const lost = !tookEffect;
      tookEffect = true;
      return { status: 500, body: "Internal Server Error", tookEffect: lost };
    });
    expect(await tick(DUE)).toMatchObject({ sent: 0, failed: 1 });
    expect(checkinsIn(U)).toHaveLength(1);
    postsDown = false;
    h.fake.script("conversations.history", () => ({
      status: 429,
      headers: { "retry-after": "0" },
      body: '{"ok":false,"error":"ratelimited"}',
    }));
    expect(await tick(later(15))).toMatchObject({ sent: 0, failed: 1 });
    h.fake.unscript("conversations.history");
    for (const m of [45, 105, 225]) await tick(later(m));
    expect(checkinsIn(U)).toHaveLength(1);
    expect(row(U, W)).toMatchObject({ state: "sent", attempts: 3, messageTs: checkinsIn(U)[0]?.ts });
  });

  it("claims are stamped from the tick's start: time spent earlier in the tick is not lost", async () => {
    const U = "U0LATE";
    lead(U, "Europe/Berlin");
    const release = h.fake.hold("chat.postMessage");
    // The scheduler read DUE when the tick began; the digest job then took six minutes of it.
    h.clock.set(later(6));
    const first = job.run(new Date(DUE));
    await eventually(() => claimed() === 1, "the claim");
    expect(row(U, W)?.claimedAt?.getTime()).toBeGreaterThanOrEqual(later(6).getTime());
    // Another process ticks a minute after the claim: a send in flight, not a stale claim.
    const other = registeredJob();
    h.clock.set(later(7));
    let done = false;
    const second = other.run(later(7)).then((r) => {
      done = true;
      return r as WeeklyCheckinSummary;
    });
    // A takeover would look in the IM before posting: wait for that, or for the tick to end.
    await eventually(() => done || h.fake.callsTo("conversations.history").length > 0, "the other tick");
    const looked = h.fake.callsTo("conversations.history").length;
    release();
    const b = await second;
    await first;
    expect(looked).toBe(0);
    expect(b).toMatchObject({ sent: 0, reconciled: 0, failed: 0 });
    expect(checkinsIn(U)).toHaveLength(1);
  });
});

describe("reminders, pause, away and downtime", () => {
  const DUE = new Date("2026-11-20T14:00:00Z"); // Fri 15:00 in Berlin
  const plus = (ms: number) => new Date(DUE.getTime() + ms);

  it("reminds once, 24 h after the DM, in its thread, and never again; not at all once answered", async () => {
    lead("U0SLOW", "Europe/Berlin");
    lead("U0QUICK", "Europe/Berlin");
    await tick(DUE);
    h.ctx.stores.checkins.recordAnswer(T, "U0QUICK", "2026-W47", { kind: "as-planned" }, plus(HOUR));
    await tick(plus(24 * HOUR - MINUTE));
    expect(remindersTo("U0SLOW")).toHaveLength(0);
    const s = await tick(plus(24 * HOUR));
    expect(s.reminded).toBe(1);
    const [reminder] = remindersTo("U0SLOW");
    expect(reminder?.params.thread_ts).toBe(row("U0SLOW", "2026-W47")?.messageTs);
    expect(visibleText(reminder?.params)).toContain("week of 16–22 Nov");
    for (const ms of [25 * HOUR, 30 * HOUR, 50 * HOUR]) await tick(plus(ms));
    expect(remindersTo("U0SLOW")).toHaveLength(1);
    expect(remindersTo("U0QUICK")).toHaveLength(0);
    expect(dmsTo("U0SLOW")).toHaveLength(1);
  });

  it("a reminder offers only the answers its DM has: no 'As planned' when no split was stated", async () => {
    lead("U0NOPLAN", "Europe/Berlin", { split: false });
    lead("U0PLAN", "Europe/Berlin");
    await tick(DUE);
    await tick(plus(24 * HOUR));
    const [unplanned] = remindersTo("U0NOPLAN");
    const [planned] = remindersTo("U0PLAN");
    expect(visibleText(unplanned?.params)).toContain("*Enter my split* or *Skip this week (away)*");
    expect(visibleText(unplanned?.params)).not.toContain("As planned");
    expect(visibleText(planned?.params)).toContain(
      "*As planned*, *Enter my split* or *Skip this week (away)*",
    );
  });

  it("follows the workspace's reminder delay", async () => {
    lead("U0LEE", "Europe/Berlin");
    h.ctx.stores.workspaces.update(T, { reminderAfterHours: 48 });
    await tick(DUE);
    await tick(plus(24 * HOUR));
    expect(remindersTo("U0LEE")).toHaveLength(0);
    await tick(plus(48 * HOUR));
    expect(remindersTo("U0LEE")).toHaveLength(1);
  });

  it("sends nothing to a paused lead; after resuming, the open week's check-in arrives", async () => {
    lead("U0PAUSED", "Europe/Berlin");
    h.ctx.stores.people.setCheckinPaused(T, "U0PAUSED", true);
    await tick(DUE);
    await tick(plus(3 * HOUR));
    expect(dmsTo("U0PAUSED")).toHaveLength(0);
    h.ctx.stores.people.setCheckinPaused(T, "U0PAUSED", false);
    await tick(plus(20 * HOUR));
    expect(dmsTo("U0PAUSED")).toHaveLength(1);
  });

  it("skips a week whose Friday is an away day, but not one with away days earlier in the week", async () => {
    lead("U0OFF", "Europe/Berlin");
    lead("U0BACK", "Europe/Berlin");
    h.ctx.stores.checkins.addAway(T, "U0OFF", { start: "2026-11-19", end: "2026-11-24" }, DUE);
    h.ctx.stores.checkins.addAway(T, "U0BACK", { start: "2026-11-16", end: "2026-11-18" }, DUE);
    await tick(DUE);
    await tick(plus(24 * HOUR));
    expect(dmsTo("U0OFF")).toHaveLength(0);
    expect(dmsTo("U0BACK")).toHaveLength(1);
  });

  it("a bot down at the due time sends on its return while the week is open, and nothing for a closed week", async () => {
    lead("U0SAT", "Europe/Berlin");
    await tick("2026-11-21T09:00:00Z"); // first tick back: Saturday 10:00 in Berlin
    expect(dmsTo("U0SAT")).toHaveLength(1);
    expect(weekOf(dmsTo("U0SAT")[0])).toBe("2026-W47");

    lead("U0MON", "Europe/Berlin");
    await tick("2026-11-30T08:00:00Z"); // down all of Fri–Sun of W48; back Monday of W49
    expect(dmsTo("U0MON")).toHaveLength(0);
    expect(row("U0MON", "2026-W48")).toBeUndefined();
    await tick("2026-12-04T14:00:00Z"); // W49's Friday: asked as usual
    expect(dmsTo("U0MON")).toHaveLength(1);
    expect(weekOf(dmsTo("U0MON")[0])).toBe("2026-W49");
  });
});

describe("the reminder, exactly once", () => {
  const DUE = new Date("2026-11-20T14:00:00Z"); // Fri 15:00 in Berlin
  const REMIND = new Date(DUE.getTime() + 24 * HOUR);
  const plus = (minutes: number) => new Date(REMIND.getTime() + minutes * MINUTE);
  const W = "2026-W47";
  /** The reminders the stand-in's workspace shows in the bot's IM with the lead (thread replies included). */
  const shown = (user: string) => h.fake.marked(`D${user}`, "rolecall_checkin_reminder");
  const reminderClaims = () =>
    (
      h.ctx.stores.db
        .prepare("SELECT count(*) AS n FROM checkins WHERE reminder_state = 'claimed'")
        .get() as {
        n: number;
      }
    ).n;

  async function sentCheckins(...users: string[]): Promise<void> {
    for (const u of users) lead(u, "Europe/Berlin");
    await tick(DUE);
    for (const u of users) expect(dmsTo(u), u).toHaveLength(1);
  }

  it("a claim whose reminder never reached Slack is sent once the grace period is over", async () => {
    await sentCheckins("U0LOST");
    // A crash right after the claim, before the call.
    expect(h.ctx.stores.checkins.claimReminder(T, "U0LOST", W, REMIND)).toBe(true);
    expect(await tick(plus(4))).toMatchObject({ reminded: 0, reconciled: 0 });
    expect(shown("U0LOST")).toHaveLength(0);
    const s = await tick(plus(5));
    expect(s).toMatchObject({ reminded: 1, reconciled: 0 });
    // It looked in the check-in's thread first, by metadata, from before the claim.
    const [look] = h.fake.callsTo("conversations.replies");
    expect(look?.params).toMatchObject({
      channel: "DU0LOST",
      ts: row("U0LOST", W)?.messageTs,
      include_all_metadata: "true",
    });
    expect(Number(look?.params.oldest)).toBeLessThan(REMIND.getTime() / 1000);
    for (const m of [20, 120, 600]) await tick(plus(m));
    expect(shown("U0LOST")).toHaveLength(1);
    expect(shown("U0LOST")[0]?.thread_ts).toBe(row("U0LOST", W)?.messageTs);
    expect(row("U0LOST", W)).toMatchObject({
      reminderState: "sent",
      reminderAttempts: 1,
      reminderTs: shown("U0LOST")[0]?.ts,
    });
  });

  it("a reminder Slack posted whose outcome was never recorded is recorded, not sent again", async () => {
    await sentCheckins("U0R1", "U0R2");
    const release = h.fake.holdReplies("chat.postMessage");
    h.clock.set(REMIND);
    const first = job.run(REMIND);
    await eventually(() => h.fake.heldReplies === 2, "both reminders posted, unanswered");
    await h.restart(); // the process dies here; Slack has both reminders
    release();
    await first;
    job = registeredJob();
    expect(reminderClaims()).toBe(2);
    expect(await tick(plus(1))).toMatchObject({ reminded: 0, reconciled: 0 });
    const s = await tick(plus(5));
    expect(s).toMatchObject({ reminded: 0, reconciled: 2 });
    for (const u of ["U0R1", "U0R2"]) {
      expect(shown(u), u).toHaveLength(1);
      expect(remindersTo(u), u).toHaveLength(1);
      expect(row(u, W), u).toMatchObject({ reminderState: "sent", reminderTs: shown(u)[0]?.ts });
    }
    expect(
      h.logs.some((l) => /reminder to U0R1 for 2026-W47 reconciled: already delivered/.test(l.text)),
    ).toBe(true);
    expect(await h.ctx.metrics.remindersReconciled.get()).toMatchObject({ values: [{ value: 2 }] });
  });

  it("a double tick (two processes at the same minute) sends one reminder each", async () => {
    const users = Array.from(
      { length: 2 * FANOUT_CONCURRENCY + 3 },
      (_, i) => `U0T${String(i).padStart(2, "0")}`,
    );
    await sentCheckins(...users);
    const other = registeredJob();
    const release = h.fake.hold("chat.postMessage");
    h.clock.set(REMIND);
    const runs = Promise.all([job.run(REMIND), other.run(REMIND)]);
    await eventually(() => reminderClaims() === 2 * FANOUT_CONCURRENCY, "both pools to fill");
    release();
    const [a, b] = (await runs) as WeeklyCheckinSummary[];
    expect((a?.reminded ?? 0) + (b?.reminded ?? 0)).toBe(users.length);
    expect((a?.skipped ?? 0) + (b?.skipped ?? 0)).toBeGreaterThan(0);
    await tick(plus(30));
    for (const u of users) expect(shown(u), u).toHaveLength(1);
  });

  it("a stop mid fan-out leaves no reminder claimed; the rest go out on the next tick", async () => {
    const users = Array.from(
      { length: 2 * FANOUT_CONCURRENCY },
      (_, i) => `U0Q${String(i).padStart(2, "0")}`,
    );
    await sentCheckins(...users);
    const release = h.fake.hold("chat.postMessage");
    h.clock.set(REMIND);
    const stopping = new AbortController();
    const run = job.run(REMIND, stopping.signal);
    await eventually(() => reminderClaims() === FANOUT_CONCURRENCY, "the first reminder claims");
    stopping.abort();
    release();
    const s = (await run) as WeeklyCheckinSummary;
    expect(s).toMatchObject({ reminded: FANOUT_CONCURRENCY, stopped: FANOUT_CONCURRENCY });
    expect(reminderClaims()).toBe(0);
    expect((await tick(plus(1))).reminded).toBe(FANOUT_CONCURRENCY);
    for (const u of users) expect(shown(u), u).toHaveLength(1);
  });

  it("a failed reminder is retried with the check-in's back-off, looking first, and arrives once", async () => {
    await sentCheckins("U0FLAKY");
    let down = true;
    h.fake.script("chat.postMessage", (params) =>
      down && params.thread_ts ? { status: 500, body: "Internal Server Error" } : undefined,
    );
    expect(await tick(REMIND)).toMatchObject({ reminded: 0, failed: 1 });
    expect(row("U0FLAKY", W)).toMatchObject({ reminderState: "failed", reminderError: "http_500" });
    down = false;
    expect((await tick(plus(14))).reminded).toBe(0);
    expect((await tick(plus(15))).reminded).toBe(1);
    expect(h.fake.callsTo("conversations.replies")).toHaveLength(1);
    await tick(plus(120));
    expect(shown("U0FLAKY")).toHaveLength(1);
    expect(row("U0FLAKY", W)).toMatchObject({ reminderState: "sent", reminderAttempts: 2 });
  });

  it("without im:history, a claim in doubt is not sent blindly: recorded failed, retried boundedly", async () => {
    await sentCheckins("U0NOSCOPE");
    h.ctx.stores.checkins.claimReminder(T, "U0NOSCOPE", W, REMIND);
    h.fake.missingScopes.add("im:history");
    const s = await tick(plus(5));
    expect(s).toMatchObject({ reminded: 0, failed: 1 });
    expect(s.outcomes[0]).toMatchObject({ kind: "remind", result: "failed", error: "missing_scope" });
    expect(row("U0NOSCOPE", W)).toMatchObject({ reminderState: "failed", reminderError: "missing_scope" });
    for (const m of [30, 60, 120, 240, 480, 960]) await tick(plus(m));
    expect(shown("U0NOSCOPE")).toHaveLength(0);
    expect(row("U0NOSCOPE", W)).toMatchObject({ reminderState: "failed", reminderAttempts: 5 });
  });

  it("no reminder once the lead has answered, even for a claim left by a crash", async () => {
    await sentCheckins("U0DONE");
    h.ctx.stores.checkins.claimReminder(T, "U0DONE", W, REMIND);
    h.ctx.stores.checkins.recordAnswer(T, "U0DONE", W, { kind: "as-planned" }, plus(2));
    await tick(plus(10));
    await tick(plus(60));
    expect(shown("U0DONE")).toHaveLength(0);
    expect(h.fake.callsTo("conversations.replies")).toHaveLength(0);
  });
});
