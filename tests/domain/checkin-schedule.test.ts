import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { awayWeeksOf, isAwayWeek, parseAwayRange } from "../../src/domain/away-range.ts";
import {
  type DueAction,
  dueCheckins,
  explainLead,
  type LeadSchedule,
  manualSendAllowed,
  type ScheduleOptions,
  type SendAction,
  type StateLookup,
  type WeekState,
} from "../../src/domain/checkin-schedule.ts";
import {
  type CheckinSlot,
  checkinSlotInstant,
  formatCheckinSlot,
  parseCheckinSlot,
  parseTimeOfDay,
} from "../../src/domain/checkin-slot.ts";
import { isoWeekAt, isoWeekBounds, type Weekday } from "../../src/domain/time.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (iso: string) => new Date(iso);
const OPTS: ScheduleOptions = { reminderAfterHours: 24, maxAttempts: 3 };

function lead(over: Partial<LeadSchedule> = {}): LeadSchedule {
  return {
    userId: "U1",
    tz: "Europe/Berlin",
    slot: { weekday: 5, time: "15:00" },
    paused: false,
    away: [],
    ...over,
  };
}

const none: StateLookup = () => undefined;

function only(state: WeekState): StateLookup {
  return (_user, week) => (week === state.week ? state : undefined);
}

// ---------------------------------------------------------------------------------------------
// A stand-in for the store and the job: claims with compare-and-set, then "calls Slack".
// ---------------------------------------------------------------------------------------------

type Outcome = "ok" | "fail" | "crash";
type Event = {
  kind: "claim" | "sent" | "failed" | "remind";
  userId: string;
  week: string;
  at: Date;
  attempt?: number;
};

class Sim {
  rows = new Map<string, WeekState>();
  events: Event[] = [];
  lookup: StateLookup = (userId, week) => this.rows.get(`${userId}|${week}`);

  constructor(
    readonly leads: LeadSchedule[],
    readonly opts: ScheduleOptions = OPTS,
    readonly outcome: (a: SendAction, now: Date) => Outcome = () => "ok",
  ) {}

  private claim(a: SendAction, now: Date): boolean {
    const key = `${a.userId}|${a.week}`;
    const cur = this.rows.get(key);
    const matches =
      a.from === "none"
        ? cur === undefined
        : cur?.state === a.from && cur.attempts === a.attempt - 1 && a.attempt <= this.opts.maxAttempts;
    if (!matches) return false;
    this.rows.set(key, { week: a.week, state: "claimed", attempts: a.attempt, lastAttemptAt: now });
    this.events.push({ kind: "claim", userId: a.userId, week: a.week, at: now, attempt: a.attempt });
    return true;
  }

  tick(now: Date): DueAction[] {
    const actions = dueCheckins(this.leads, this.lookup, now, this.opts);
    const claimed: SendAction[] = [];
    for (const a of actions) {
      if (a.kind === "send") {
        expect(this.claim(a, now), `claim of ${a.userId} ${a.week} must succeed`).toBe(true);
        claimed.push(a);
      } else {
        const key = `${a.userId}|${a.week}`;
        const cur = this.rows.get(key);
        expect(cur?.state).toBe("sent");
        expect(cur?.remindedAt).toBeUndefined();
        if (cur) this.rows.set(key, { ...cur, remindedAt: now });
        this.events.push({ kind: "remind", userId: a.userId, week: a.week, at: now });
      }
    }
    // Double tick: once claimed, nothing more is due for those weeks at the same instant.
    if (actions.length > 0) {
      for (const again of dueCheckins(this.leads, this.lookup, now, this.opts)) {
        expect(actions.some((a) => a.userId === again.userId && a.week === again.week)).toBe(false);
      }
    }
    for (const a of claimed) {
      const key = `${a.userId}|${a.week}`;
      const cur = this.rows.get(key);
      if (!cur) continue;
      const outcome = this.outcome(a, now);
      if (outcome === "ok") {
        this.rows.set(key, { ...cur, state: "sent", sentAt: now });
        this.events.push({ kind: "sent", userId: a.userId, week: a.week, at: now });
      } else if (outcome === "fail") {
        this.rows.set(key, { ...cur, state: "failed" });
        this.events.push({ kind: "failed", userId: a.userId, week: a.week, at: now });
      } // "crash": the row stays "claimed" for good
    }
    return actions;
  }

  run(from: Date, to: Date, everyMinutes = 1, down: (t: number) => boolean = () => false): void {
    for (let t = from.getTime(); t < to.getTime(); t += everyMinutes * MINUTE)
      if (!down(t)) this.tick(new Date(t));
  }

  of(kind: Event["kind"]): { week: string; at: string }[] {
    return this.events.filter((e) => e.kind === kind).map((e) => ({ week: e.week, at: e.at.toISOString() }));
  }
}

// ---------------------------------------------------------------------------------------------

describe("parseCheckinSlot", () => {
  it.each<[string, CheckinSlot]>([
    ["fri 16:00", { weekday: 5, time: "16:00" }],
    ["Friday 4pm", { weekday: 5, time: "16:00" }],
    ["thu 09:30", { weekday: 4, time: "09:30" }],
    ["mon 9", { weekday: 1, time: "09:00" }],
    ["at fri, 4:30 p.m.", { weekday: 5, time: "16:30" }],
    ["16:00 friday", { weekday: 5, time: "16:00" }],
    ["TUE 12am", { weekday: 2, time: "00:00" }],
    ["wed 12pm", { weekday: 3, time: "12:00" }],
    ["Sun 23:59", { weekday: 7, time: "23:59" }],
    ["sat 0", { weekday: 6, time: "00:00" }],
    ["Thurs 1730", { weekday: 4, time: "17:30" }],
    ["fridays at 4 pm", { weekday: 5, time: "16:00" }],
    ["fri noon", { weekday: 5, time: "12:00" }],
  ])("reads %j", (text, slot) => {
    expect(parseCheckinSlot(text)).toEqual({ ok: true, value: slot });
  });

  it.each<[string, RegExp]>([
    ["", /weekday and a time/],
    ["4pm", /Add a weekday/],
    ["frday 4pm", /couldn't find a weekday in "frday 4pm"/],
    ["fri", /Add a time/],
    ["fri 25:00", /"25:00" is not a time of day/],
    ["fri 13pm", /not a time of day/],
    ["fri 16:60", /not a time of day/],
    ["mon fri 9", /one weekday/],
  ])("refuses %j with a clear error and the right form", (text, error) => {
    const r = parseCheckinSlot(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatch(error);
    expect(r.usage).toContain("/role checkin at fri 16:00");
  });

  it("formats a slot back", () => {
    expect(formatCheckinSlot({ weekday: 5, time: "16:00" })).toBe("Fri 16:00");
    expect(parseTimeOfDay("9.15")).toBe("09:15");
    expect(parseTimeOfDay("16h")).toBe("16:00");
    expect(parseTimeOfDay("tea time")).toBeUndefined();
  });
});

describe("parseAwayRange", () => {
  it("reads a range and a single day", () => {
    expect(parseAwayRange("2026-12-20..2027-01-05")).toEqual({
      ok: true,
      value: { start: "2026-12-20", end: "2027-01-05" },
    });
    expect(parseAwayRange(" 2026-12-20 .. 2027-01-05 ")).toMatchObject({ ok: true });
    expect(parseAwayRange("2026-12-24")).toEqual({
      ok: true,
      value: { start: "2026-12-24", end: "2026-12-24" },
    });
  });

  it.each<[string, RegExp]>([
    ["", /days you are away/],
    ["2027-01-05..2026-12-20", /ends \(2026-12-20\) before it starts \(2027-01-05\)/],
    ["2026-02-30..2026-03-02", /2026-02-30 is not a calendar date/],
    ["next week", /not a date in the form YYYY-MM-DD/],
    ["2026-12-20..", /"" is not a date/],
    ["2026-12-20..2026-12-21..2026-12-22", /more than one/],
  ])("refuses %j", (text, error) => {
    const r = parseAwayRange(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(error);
      expect(r.usage).toContain("2026-12-20..2027-01-05");
    }
  });
});

describe("dueCheckins: when the check-in is sent", () => {
  it("sends Friday 15:00 New York time once per week across spring forward", () => {
    const sim = new Sim([lead({ tz: "America/New_York" })]);
    sim.run(at("2026-03-02T05:00:00Z"), at("2026-03-16T04:00:00Z"));
    expect(sim.of("sent")).toEqual([
      { week: "2026-W10", at: "2026-03-06T20:00:00.000Z" },
      { week: "2026-W11", at: "2026-03-13T19:00:00.000Z" },
    ]);
    expect(sim.of("remind")).toEqual([
      { week: "2026-W10", at: "2026-03-07T20:00:00.000Z" },
      { week: "2026-W11", at: "2026-03-14T19:00:00.000Z" },
    ]);
  });

  it("sends Friday 15:00 New York time once per week across fall back", () => {
    const sim = new Sim([lead({ tz: "America/New_York" })]);
    sim.run(at("2026-10-26T04:00:00Z"), at("2026-11-09T05:00:00Z"));
    expect(sim.of("sent")).toEqual([
      { week: "2026-W44", at: "2026-10-30T19:00:00.000Z" },
      { week: "2026-W45", at: "2026-11-06T20:00:00.000Z" },
    ]);
    expect(sim.of("remind").map((r) => r.at)).toEqual([
      "2026-10-31T19:00:00.000Z",
      "2026-11-07T20:00:00.000Z",
    ]);
  });

  it("sends Friday 15:00 Berlin time once per week across spring forward and fall back", () => {
    const spring = new Sim([lead()]);
    spring.run(at("2026-03-22T23:00:00Z"), at("2026-04-05T22:00:00Z"));
    expect(spring.of("sent")).toEqual([
      { week: "2026-W13", at: "2026-03-27T14:00:00.000Z" },
      { week: "2026-W14", at: "2026-04-03T13:00:00.000Z" },
    ]);
    const fall = new Sim([lead()]);
    fall.run(at("2026-10-18T22:00:00Z"), at("2026-11-01T23:00:00Z"));
    expect(fall.of("sent")).toEqual([
      { week: "2026-W43", at: "2026-10-23T13:00:00.000Z" },
      { week: "2026-W44", at: "2026-10-30T14:00:00.000Z" },
    ]);
  });

  it("a slot in the repeated hour is sent once, at the first occurrence", () => {
    const sim = new Sim([lead({ slot: { weekday: 7, time: "02:30" } })]);
    sim.run(at("2026-10-24T22:00:00Z"), at("2026-10-25T04:00:00Z"));
    expect(sim.of("sent")).toEqual([{ week: "2026-W43", at: "2026-10-25T00:30:00.000Z" }]);
  });

  it("a slot in the skipped hour is sent once, moved forward by the gap", () => {
    const sim = new Sim([lead({ slot: { weekday: 7, time: "02:30" } })]);
    sim.run(at("2026-03-28T22:00:00Z"), at("2026-03-29T04:00:00Z"));
    expect(sim.of("sent")).toEqual([{ week: "2026-W13", at: "2026-03-29T01:30:00.000Z" }]);
  });

  it("uses the lead's own ISO week in Pacific/Auckland (ahead of UTC)", () => {
    const auckland = lead({ tz: "Pacific/Auckland", slot: { weekday: 1, time: "09:00" } });
    // Sunday 20:00Z is still 2026-W48 in UTC but Monday 09:00 of 2026-W49 in Auckland.
    expect(dueCheckins([auckland], none, at("2026-11-29T19:59:00Z"), OPTS)).toEqual([]);
    const [action] = dueCheckins([auckland], none, at("2026-11-29T20:00:00Z"), OPTS);
    expect(action).toMatchObject({ kind: "send", week: "2026-W49", dueAt: at("2026-11-29T20:00:00Z") });
  });

  it("uses the lead's own ISO week in Pacific/Honolulu (behind UTC)", () => {
    const honolulu = lead({ tz: "Pacific/Honolulu" });
    // Bot down from before Friday 15:00 HST (01:00Z Sat) until Monday 03:00Z = Sunday 17:00 in Honolulu.
    const [action] = dueCheckins([honolulu], none, at("2026-11-30T03:00:00Z"), OPTS);
    expect(action).toMatchObject({ kind: "send", week: "2026-W48", dueAt: at("2026-11-28T01:00:00Z") });
    // Monday 00:00 in Honolulu: 2026-W48 has closed there.
    expect(dueCheckins([honolulu], none, at("2026-11-30T09:59:00Z"), OPTS)).toHaveLength(1);
    expect(dueCheckins([honolulu], none, at("2026-11-30T10:00:00Z"), OPTS)).toEqual([]);
  });

  it("a bot down at the slot sends on its return while the week is open", () => {
    const back = at("2026-11-28T09:00:00Z"); // Saturday 10:00 Berlin
    const [action] = dueCheckins([lead()], none, back, OPTS);
    expect(action).toMatchObject({
      kind: "send",
      userId: "U1",
      week: "2026-W48",
      dueAt: at("2026-11-27T14:00:00Z"),
      attempt: 1,
      from: "none",
    });
    expect(action?.reason).toContain("due since Fri 2026-11-27 15:00 Europe/Berlin");
    // Sunday 23:59 Berlin is the last minute.
    expect(dueCheckins([lead()], none, at("2026-11-29T22:59:00Z"), OPTS)).toHaveLength(1);
  });

  it("a bot back next Monday does not send the closed week", () => {
    const monday = at("2026-11-29T23:00:00Z"); // Monday 00:00 Berlin
    expect(dueCheckins([lead()], none, monday, OPTS)).toEqual([]);
    const why = explainLead(lead(), none, monday, OPTS);
    expect(why).toMatchObject({ week: "2026-W49", status: "not-yet-due", action: undefined });
    expect(why.previousWeek).toMatchObject({ week: "2026-W48", status: "missed" });
    expect(why.previousWeek.reason).toContain("closed");
  });

  it("is not due before the slot", () => {
    expect(dueCheckins([lead()], none, at("2026-11-27T13:59:59Z"), OPTS)).toEqual([]);
    const why = explainLead(lead(), none, at("2026-11-27T13:59:59Z"), OPTS);
    expect(why.status).toBe("not-yet-due");
    expect(why.reason).toContain("due at Fri 2026-11-27 15:00 Europe/Berlin");
    expect(why.slotAt).toEqual(at("2026-11-27T14:00:00Z"));
    expect(why.weekClosesAt).toEqual(at("2026-11-29T23:00:00Z"));
  });
});

describe("dueCheckins: once per week, retries, pause, away", () => {
  const saturday = at("2026-11-28T09:00:00Z");

  it("double tick: after a claim nothing is due, even if the send crashed", () => {
    const sim = new Sim([lead()], OPTS, () => "crash");
    sim.tick(saturday);
    expect(sim.of("claim")).toHaveLength(1);
    expect(dueCheckins(sim.leads, sim.lookup, saturday, OPTS)).toEqual([]);
    sim.run(saturday, at("2026-11-29T23:00:00Z"), 7);
    expect(sim.of("claim")).toHaveLength(1);
    expect(explainLead(lead(), sim.lookup, saturday, OPTS).status).toBe("in-flight");
  });

  it("a claim unconfirmed for the grace period is due for reconciling, not before, and only while the week is open", () => {
    const withGrace = { ...OPTS, claimGraceMinutes: 5 };
    const claimedAt = at("2026-11-28T08:56:00Z");
    const lookup = only({ week: "2026-W48", state: "claimed", attempts: 2, lastAttemptAt: claimedAt });
    expect(dueCheckins([lead()], lookup, at("2026-11-28T09:00:59Z"), withGrace)).toEqual([]);
    expect(explainLead(lead(), lookup, at("2026-11-28T09:00:59Z"), withGrace).status).toBe("in-flight");
    expect(dueCheckins([lead()], lookup, at("2026-11-28T09:01:00Z"), withGrace)).toMatchObject([
      { kind: "reconcile", userId: "U1", week: "2026-W48", claimedAt, attempt: 2 },
    ]);
    // Without a grace period (the option unset) a claim is never reconciled.
    expect(dueCheckins([lead()], lookup, at("2026-11-29T22:00:00Z"), OPTS)).toEqual([]);
    // Monday of the next week: the claimed week has closed, so nothing is reconciled or sent for it.
    expect(dueCheckins([lead()], lookup, at("2026-11-30T09:00:00Z"), withGrace)).toEqual([]);
  });

  it.each(["sent", "answered", "skipped"] as const)("a week already %s is not sent again", (state) => {
    const lookup = only({ week: "2026-W48", state, attempts: 1, sentAt: at("2026-11-27T14:00:00Z") });
    const actions = dueCheckins([lead()], lookup, saturday, OPTS);
    expect(actions.filter((a) => a.kind === "send")).toEqual([]);
  });

  it("a failed send is retried by a later tick while attempts < maxAttempts", () => {
    const failedOnce = only({ week: "2026-W48", state: "failed", attempts: 1 });
    expect(dueCheckins([lead()], failedOnce, saturday, OPTS)).toMatchObject([
      { kind: "send", week: "2026-W48", attempt: 2, from: "failed" },
    ]);
    const failedThrice = only({ week: "2026-W48", state: "failed", attempts: 3 });
    expect(dueCheckins([lead()], failedThrice, saturday, OPTS)).toEqual([]);
    expect(explainLead(lead(), failedThrice, saturday, OPTS).status).toBe("gave-up");
  });

  it("fails twice then succeeds: three claims, one send", () => {
    let calls = 0;
    const sim = new Sim([lead()], OPTS, () => (++calls < 3 ? "fail" : "ok"));
    sim.run(at("2026-11-27T13:58:00Z"), at("2026-11-27T14:10:00Z"));
    expect(sim.events.map((e) => [e.kind, e.at.toISOString().slice(11, 16)])).toEqual([
      ["claim", "14:00"],
      ["failed", "14:00"],
      ["claim", "14:01"],
      ["failed", "14:01"],
      ["claim", "14:02"],
      ["sent", "14:02"],
    ]);
  });

  it("waits out the retry backoff when one is configured", () => {
    const opts = { ...OPTS, retryBackoffMinutes: 5 };
    const lookup = only({
      week: "2026-W48",
      state: "failed",
      attempts: 2,
      lastAttemptAt: at("2026-11-27T14:00:00Z"),
    });
    // 5 min × 2^(2−1) = 10 minutes after the last attempt.
    expect(dueCheckins([lead()], lookup, at("2026-11-27T14:09:00Z"), opts)).toEqual([]);
    expect(explainLead(lead(), lookup, at("2026-11-27T14:09:00Z"), opts).status).toBe("retry-waiting");
    expect(dueCheckins([lead()], lookup, at("2026-11-27T14:10:00Z"), opts)).toHaveLength(1);
  });

  it("a paused lead gets nothing: no check-in, no retry, no reminder", () => {
    const paused = lead({ paused: true });
    expect(dueCheckins([paused], none, saturday, OPTS)).toEqual([]);
    const sent = only({ week: "2026-W48", state: "sent", attempts: 1, sentAt: at("2026-11-27T14:00:00Z") });
    expect(dueCheckins([paused], sent, at("2026-11-29T12:00:00Z"), OPTS)).toEqual([]);
    expect(explainLead(paused, none, saturday, OPTS)).toMatchObject({
      status: "paused",
      reason: "check-ins are paused",
    });
  });

  it("a week whose check-in day is inside an away range gets nothing and counts as away", () => {
    const onFriday = lead({ away: [{ start: "2026-11-27", end: "2026-11-27" }] });
    expect(dueCheckins([onFriday], none, saturday, OPTS)).toEqual([]);
    expect(explainLead(onFriday, none, saturday, OPTS).status).toBe("away");
    const holiday = lead({ away: [{ start: "2026-11-20", end: "2026-11-30" }] });
    expect(dueCheckins([holiday], none, saturday, OPTS)).toEqual([]);
    expect(isAwayWeek(holiday, "2026-W48")).toBe(true);
    expect(isAwayWeek(holiday, "2026-W47")).toBe(true); // Friday 20 Nov is inside
    expect(isAwayWeek(holiday, "2026-W49")).toBe(false);
    // Next Monday, the closed week reads as away, not missed.
    expect(explainLead(holiday, none, at("2026-12-01T09:00:00Z"), OPTS).previousWeek.status).toBe("away");
  });

  it("away days other than the check-in day do not stop the check-in", () => {
    const earlyWeek = lead({ away: [{ start: "2026-11-23", end: "2026-11-26" }] });
    expect(dueCheckins([earlyWeek], none, saturday, OPTS)).toHaveLength(1);
    // Malformed ranges are ignored rather than fatal.
    const junk = lead({ away: [{ start: "someday", end: "2026-12-01" }] });
    expect(dueCheckins([junk], none, saturday, OPTS)).toHaveLength(1);
  });

  it("awayWeeksOf picks the same weeks as asking isAwayWeek week by week", () => {
    const weeks = ["2026-W46", "2026-W47", "2026-W48", "2026-W49", "2026-W50"];
    const ranges = [
      { start: "2026-11-20", end: "2026-11-30" },
      { start: "2026-12-11", end: "2026-12-11" },
      { start: "someday", end: "2026-12-31" },
    ];
    for (const slot of [
      { weekday: 5 as const, time: "15:00" },
      { weekday: 1 as const, time: "09:00" },
    ]) {
      const l = lead({ away: ranges, slot });
      expect(awayWeeksOf(l, weeks)).toEqual(weeks.filter((w) => isAwayWeek(l, w)));
    }
    expect(awayWeeksOf(lead({ away: ranges }), weeks)).toEqual(["2026-W47", "2026-W48", "2026-W50"]);
    expect(awayWeeksOf(lead({ away: [] }), weeks)).toEqual([]);
  });
});

describe("dueCheckins: the reminder", () => {
  const sentAt = at("2026-11-27T14:00:00Z");
  const sent = only({ week: "2026-W48", state: "sent", attempts: 1, sentAt });

  it("is due once, reminderAfterHours after sentAt, while unanswered", () => {
    expect(dueCheckins([lead()], sent, at("2026-11-28T13:59:00Z"), OPTS)).toEqual([]);
    expect(explainLead(lead(), sent, at("2026-11-28T13:59:00Z"), OPTS).status).toBe("awaiting-answer");
    expect(dueCheckins([lead()], sent, at("2026-11-28T14:00:00Z"), OPTS)).toEqual([
      {
        kind: "remind",
        userId: "U1",
        week: "2026-W48",
        dueAt: at("2026-11-28T14:00:00Z"),
        sentAt,
        reason: "sent at Fri 2026-11-27 15:00 Europe/Berlin (2026-11-27T14:00Z) and unanswered for 24 h",
        attempt: 1,
        from: "none",
      },
    ]);
    const reminded = only({
      week: "2026-W48",
      state: "sent",
      attempts: 1,
      sentAt,
      remindedAt: at("2026-11-28T14:00Z"),
    });
    expect(dueCheckins([lead()], reminded, at("2026-11-28T15:00:00Z"), OPTS)).toEqual([]);
    const answered = only({ week: "2026-W48", state: "answered", attempts: 1, sentAt });
    expect(dueCheckins([lead()], answered, at("2026-11-28T15:00:00Z"), OPTS)).toEqual([]);
  });

  it("takes over a reminder claim left unconfirmed once the grace period is over", () => {
    const claimedAt = at("2026-11-28T14:00:00Z");
    const opts = { ...OPTS, claimGraceMinutes: 5 };
    const claimed = only({
      week: "2026-W48",
      state: "sent",
      attempts: 1,
      sentAt,
      reminder: { state: "claimed", attempts: 1, claimedAt },
    });
    expect(dueCheckins([lead()], claimed, at("2026-11-28T14:04:00Z"), opts)).toEqual([]);
    expect(explainLead(lead(), claimed, at("2026-11-28T14:04:00Z"), opts).status).toBe("in-flight");
    // Without a grace period a claim is never taken over.
    expect(dueCheckins([lead()], claimed, at("2026-11-28T18:00:00Z"), OPTS)).toEqual([]);
    expect(dueCheckins([lead()], claimed, at("2026-11-28T14:05:00Z"), opts)).toEqual([
      expect.objectContaining({ kind: "remind", from: "stale", attempt: 1, claimedAt }),
    ]);
    // The lead answered meanwhile: the claim is left alone, nothing is sent.
    const answered = only({
      week: "2026-W48",
      state: "answered",
      attempts: 1,
      sentAt,
      reminder: { state: "claimed", attempts: 1, claimedAt },
    });
    expect(dueCheckins([lead()], answered, at("2026-11-28T15:00:00Z"), opts)).toEqual([]);
  });

  it("retries a failed reminder with the check-in's back-off, up to maxAttempts", () => {
    const opts = { ...OPTS, retryBackoffMinutes: 15 };
    const failed = (attempts: number, claimedAt: Date) =>
      only({
        week: "2026-W48",
        state: "sent",
        attempts: 1,
        sentAt,
        reminder: { state: "failed", attempts, claimedAt },
      });
    const first = at("2026-11-28T14:00:00Z");
    expect(dueCheckins([lead()], failed(1, first), at("2026-11-28T14:14:00Z"), opts)).toEqual([]);
    expect(explainLead(lead(), failed(1, first), at("2026-11-28T14:14:00Z"), opts).status).toBe(
      "retry-waiting",
    );
    expect(dueCheckins([lead()], failed(1, first), at("2026-11-28T14:15:00Z"), opts)).toEqual([
      expect.objectContaining({ kind: "remind", from: "failed", attempt: 2, claimedAt: first }),
    ]);
    // The second failure waits twice as long.
    expect(dueCheckins([lead()], failed(2, first), at("2026-11-28T14:29:00Z"), opts)).toEqual([]);
    expect(dueCheckins([lead()], failed(2, first), at("2026-11-28T14:30:00Z"), opts)).toHaveLength(1);
    expect(dueCheckins([lead()], failed(3, first), at("2026-11-29T10:00:00Z"), opts)).toEqual([]);
    expect(explainLead(lead(), failed(3, first), at("2026-11-29T10:00:00Z"), opts).status).toBe(
      "no-reminder-this-week",
    );
  });

  it("a simulated week sends exactly one reminder", () => {
    const sim = new Sim([lead()], { ...OPTS, reminderAfterHours: 6 });
    sim.run(at("2026-11-23T00:00:00Z"), at("2026-11-30T00:00:00Z"), 3);
    expect(sim.of("remind")).toEqual([{ week: "2026-W48", at: "2026-11-27T20:00:00.000Z" }]);
  });

  it("is never sent after the week closes", () => {
    const late = only({ week: "2026-W48", state: "sent", attempts: 1, sentAt: at("2026-11-29T09:00:00Z") });
    expect(dueCheckins([lead()], late, at("2026-11-29T22:59:00Z"), OPTS)).toEqual([]);
    expect(explainLead(lead(), late, at("2026-11-29T22:59:00Z"), OPTS).status).toBe("no-reminder-this-week");
    // Monday: a new week with no state; the old week's reminder is gone.
    const monday = at("2026-11-30T10:00:00Z");
    expect(dueCheckins([lead()], late, monday, OPTS)).toEqual([]);
    expect(explainLead(lead(), late, monday, OPTS).previousWeek.status).toBe("unanswered");
  });
});

describe("manualSendAllowed (/role checkin now)", () => {
  const now = at("2026-11-24T10:00:00Z"); // Tuesday, before the slot
  it("allows a send at once unless in flight, sent or answered", () => {
    expect(manualSendAllowed(lead(), none, now)).toEqual({
      allowed: true,
      week: "2026-W48",
      attempt: 1,
      from: "none",
    });
    expect(manualSendAllowed(lead(), only({ week: "2026-W48", state: "failed", attempts: 3 }), now)).toEqual({
      allowed: true,
      week: "2026-W48",
      attempt: 4,
      from: "failed",
    });
    expect(
      manualSendAllowed(lead(), only({ week: "2026-W48", state: "skipped", attempts: 0 }), now),
    ).toMatchObject({
      allowed: true,
      from: "skipped",
    });
    for (const state of ["claimed", "sent", "answered"] as const) {
      const r = manualSendAllowed(lead(), only({ week: "2026-W48", state, attempts: 1 }), now);
      expect(r).toMatchObject({ allowed: false, week: "2026-W48" });
    }
  });

  it("after a manual send the scheduled one is not due", () => {
    const lookup = only({ week: "2026-W48", state: "sent", attempts: 1, sentAt: now });
    expect(
      dueCheckins([lead()], lookup, at("2026-11-27T14:00:00Z"), { ...OPTS, reminderAfterHours: 96 }),
    ).toEqual([]);
  });
});

describe("dueCheckins is total", () => {
  it("reads an unknown zone as UTC and an invalid slot as the default, and says so", () => {
    const odd = lead({ tz: "Mars/Olympus", slot: { weekday: 9 as Weekday, time: "25:00" } });
    const [action] = dueCheckins([odd], none, at("2026-11-27T15:00:00Z"), OPTS);
    expect(action).toMatchObject({ kind: "send", dueAt: at("2026-11-27T15:00:00Z") });
    const why = explainLead(odd, none, at("2026-11-27T15:00:00Z"), OPTS);
    expect(why.tz).toBe("UTC");
    expect(why.notes).toHaveLength(2);
    expect(why.reason).toContain("Mars/Olympus");
  });

  it("returns nothing for an invalid now", () => {
    expect(dueCheckins([lead()], none, new Date(Number.NaN), OPTS)).toEqual([]);
  });

  it("orders actions by due time, then user", () => {
    const leads = [
      lead({ userId: "U3", tz: "America/New_York" }),
      lead({ userId: "U2" }),
      lead({ userId: "U1", tz: "Pacific/Auckland" }),
      lead({ userId: "U0" }),
    ];
    const actions = dueCheckins(leads, none, at("2026-11-28T12:00:00Z"), OPTS);
    expect(actions.map((a) => a.userId)).toEqual(["U1", "U0", "U2", "U3"]);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: ticks every N minutes with downtime, random zones and slots, across a year.
// ---------------------------------------------------------------------------------------------

const ZONES = [
  "America/New_York",
  "Europe/Berlin",
  "Pacific/Auckland",
  "Pacific/Honolulu",
  "Australia/Lord_Howe",
  "America/Santiago",
  "America/St_Johns",
  "Asia/Kathmandu",
  "Pacific/Chatham",
  "Pacific/Kiritimati",
  "UTC",
];

// Start near DST changes often, anywhere in the year otherwise.
const DST_CHANGES = [
  "2026-03-08T07:00:00Z",
  "2026-11-01T06:00:00Z",
  "2026-03-29T01:00:00Z",
  "2026-10-25T01:00:00Z",
  "2026-04-04T14:00:00Z",
  "2026-09-26T14:00:00Z",
].map((s) => Date.parse(s));

const startArb = fc.oneof(
  fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
  fc
    .tuple(fc.constantFrom(...DST_CHANGES), fc.integer({ min: -10 * 24 * 60, max: 3 * 24 * 60 }))
    .map(([t, m]) => t + m * MINUTE),
);

const leadArb = (userId: string) =>
  fc.record({
    userId: fc.constant(userId),
    tz: fc.constantFrom(...ZONES),
    slot: fc.record({
      weekday: fc.integer({ min: 1, max: 7 }).map((n) => n as Weekday),
      time: fc
        .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 59))
        .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`),
    }),
    paused: fc.constant(false),
    away: fc.constant([]),
  });

// Up to one away range, placed relative to the simulated span: [days after start, length in days].
const awayArb = fc.option(fc.tuple(fc.integer({ min: -3, max: 17 }), fc.integer({ min: 0, max: 9 })), {
  nil: undefined,
});

function withAway(l: LeadSchedule, start: number, away: [number, number] | undefined): LeadSchedule {
  if (!away) return l;
  const day = (n: number) => new Date(start + n * 24 * HOUR).toISOString().slice(0, 10);
  return { ...l, away: [{ start: day(away[0]), end: day(away[0] + away[1]) }] };
}

const gapsArb = fc.array(
  fc.record({
    offset: fc.integer({ min: 0, max: 16 * 24 * 60 }),
    length: fc.integer({ min: 1, max: 4 * 24 * 60 }),
  }),
  { maxLength: 3 },
);

function downFn(start: number, gaps: { offset: number; length: number }[]): (t: number) => boolean {
  return (t) =>
    gaps.some((g) => t >= start + g.offset * MINUTE && t < start + (g.offset + g.length) * MINUTE);
}

describe("property: each week gets at most one check-in", () => {
  it("with random failures and crashes: ≤ 1 send, ≤ maxAttempts claims, all inside the due window", () => {
    fc.assert(
      fc.property(
        fc.tuple(leadArb("UA"), leadArb("UB")),
        startArb,
        fc.integer({ min: 5, max: 360 }),
        gapsArb,
        fc.array(fc.constantFrom<Outcome>("ok", "ok", "fail", "crash"), { minLength: 1, maxLength: 16 }),
        fc.integer({ min: 1, max: 72 }),
        awayArb,
        ([a, b], start, every, gaps, outcomes, reminderAfterHours, away) => {
          let n = 0;
          const opts = { reminderAfterHours, maxAttempts: 3 };
          const sim = new Sim(
            [withAway(a, start, away), b],
            opts,
            () => outcomes[n++ % outcomes.length] ?? "ok",
          );
          sim.run(new Date(start), new Date(start + 17 * 24 * HOUR), every, downFn(start, gaps));

          const byLead = new Map(sim.leads.map((l) => [l.userId, l]));
          const count = new Map<string, number>();
          const bump = (k: string) => count.set(k, (count.get(k) ?? 0) + 1);
          for (const e of sim.events) {
            const l = byLead.get(e.userId);
            if (!l) throw new Error("unknown lead");
            bump(`${e.kind}|${e.userId}|${e.week}`);
            // Everything happens inside the lead's own week that the event is for.
            expect(isoWeekAt(e.at, l.tz).key).toBe(e.week);
            expect(isAwayWeek(l, e.week)).toBe(false);
            if (e.kind === "claim") {
              expect(e.at.getTime()).toBeGreaterThanOrEqual(
                checkinSlotInstant(e.week, l.slot, l.tz).getTime(),
              );
              expect(e.at.getTime()).toBeLessThan(isoWeekBounds(e.week, l.tz).closesAt.getTime());
            }
            if (e.kind === "remind") {
              const row = sim.lookup(e.userId, e.week);
              expect(row?.sentAt).toBeDefined();
              expect(e.at.getTime() - (row?.sentAt?.getTime() ?? 0)).toBeGreaterThanOrEqual(
                reminderAfterHours * HOUR,
              );
            }
          }
          for (const [k, c] of count) {
            if (k.startsWith("sent|") || k.startsWith("remind|")) expect(c, k).toBe(1);
            if (k.startsWith("claim|")) expect(c, k).toBeLessThanOrEqual(opts.maxAttempts);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("without failures: exactly one send per week iff a tick fell inside its due window", () => {
    fc.assert(
      fc.property(
        leadArb("UA"),
        startArb,
        fc.integer({ min: 5, max: 720 }),
        gapsArb,
        awayArb,
        (plain, start, every, gaps, away) => {
          const l = withAway(plain, start, away);
          const end = start + 17 * 24 * HOUR;
          const down = downFn(start, gaps);
          const sim = new Sim([l]);
          sim.run(new Date(start), new Date(end), every, down);
          const ticks: number[] = [];
          for (let t = start; t < end; t += every * MINUTE) if (!down(t)) ticks.push(t);

          const sent = sim.of("sent");
          const weeks = new Set<string>();
          for (const t of [start, end - 1, ...ticks]) weeks.add(isoWeekAt(new Date(t), l.tz).key);
          for (const week of weeks) {
            const from = checkinSlotInstant(week, l.slot, l.tz).getTime();
            const to = isoWeekBounds(week, l.tz).closesAt.getTime();
            const expected = !isAwayWeek(l, week) && ticks.some((t) => t >= from && t < to) ? 1 : 0;
            expect(
              sent.filter((s) => s.week === week),
              week,
            ).toHaveLength(expected);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
