import { beforeEach, describe, expect, it } from "vitest";
import { type CheckinStore, weekStateOf } from "../../src/store/checkins.ts";
import { openDatabase } from "../../src/store/db.ts";
import { createStores } from "../../src/store/index.ts";
import { migrate } from "../../src/store/migrate.ts";

const T = "T0ACME";
const LEE = "U0LEE";
const W = "2026-W48";
const at = (iso: string) => new Date(iso);

describe("check-in store", () => {
  let checkins: CheckinStore;
  beforeEach(() => {
    const db = openDatabase(":memory:");
    migrate(db);
    const stores = createStores(db);
    stores.workspaces.ensure(T, at("2026-11-01T00:00:00Z"));
    checkins = stores.checkins;
  });

  it("lets exactly one of two racing senders claim a week", () => {
    expect(checkins.claimSend(T, LEE, W, "none", 1, at("2026-11-27T14:00:00Z"))).toBe(true);
    expect(checkins.claimSend(T, LEE, W, "none", 1, at("2026-11-27T14:00:00Z"))).toBe(false);
    expect(checkins.get(T, LEE, W)?.state).toBe("claimed");
  });

  it("never claims a claimed week as a new send (a crash mid-send is reconciled instead)", () => {
    checkins.claimSend(T, LEE, W, "none", 1, at("2026-11-27T14:00:00Z"));
    expect(checkins.claimSend(T, LEE, W, "failed", 2, at("2026-11-27T15:00:00Z"))).toBe(false);
    expect(checkins.claimSend(T, LEE, W, "none", 1, at("2026-11-27T15:00:00Z"))).toBe(false);
  });

  it("lets exactly one of two reconcilers take over a stale claim, from the claim time it saw", () => {
    const claimedAt = at("2026-11-27T14:00:00Z");
    checkins.claimSend(T, LEE, W, "none", 1, claimedAt);
    expect(checkins.reclaimStale(T, LEE, W, at("2026-11-27T13:59:00Z"), at("2026-11-27T14:10:00Z"))).toBe(
      false,
    );
    expect(checkins.reclaimStale(T, LEE, W, claimedAt, at("2026-11-27T14:10:00Z"))).toBe(true);
    expect(checkins.reclaimStale(T, LEE, W, claimedAt, at("2026-11-27T14:10:00Z"))).toBe(false);
    expect(checkins.get(T, LEE, W)).toMatchObject({
      state: "claimed",
      attempts: 1,
      claimedAt: at("2026-11-27T14:10:00Z"),
    });
    checkins.markSent(T, LEE, W, { channel: "DU0LEE", ts: "1.000100" }, at("2026-11-27T14:10:01Z"));
    expect(checkins.reclaimStale(T, LEE, W, at("2026-11-27T14:10:00Z"), at("2026-11-27T14:20:00Z"))).toBe(
      false,
    );
  });

  it("retries a failed send once per attempt number and clears the error when sent", () => {
    checkins.claimSend(T, LEE, W, "none", 1, at("2026-11-27T14:00:00Z"));
    checkins.markFailed(T, LEE, W, "user_not_found");
    expect(checkins.get(T, LEE, W)).toMatchObject({
      state: "failed",
      attempts: 1,
      lastError: "user_not_found",
    });
    expect(checkins.claimSend(T, LEE, W, "failed", 3, at("2026-11-27T14:05:00Z"))).toBe(false);
    expect(checkins.claimSend(T, LEE, W, "failed", 2, at("2026-11-27T14:05:00Z"))).toBe(true);
    expect(checkins.claimSend(T, LEE, W, "failed", 2, at("2026-11-27T14:05:00Z"))).toBe(false);
    checkins.markSent(T, LEE, W, { channel: "D0LEE", ts: "1.2" }, at("2026-11-27T14:05:01Z"));
    expect(checkins.get(T, LEE, W)).toMatchObject({
      state: "sent",
      attempts: 2,
      dmChannel: "D0LEE",
      messageTs: "1.2",
      lastError: undefined,
    });
  });

  it("claims the reminder once, and only for a sent, unanswered week", () => {
    expect(checkins.claimReminder(T, LEE, W, at("2026-11-28T14:00:00Z"))).toBe(false);
    checkins.claimSend(T, LEE, W, "none", 1, at("2026-11-27T14:00:00Z"));
    checkins.markSent(T, LEE, W, { channel: "D0LEE", ts: "1.2" }, at("2026-11-27T14:00:01Z"));
    expect(checkins.claimReminder(T, LEE, W, at("2026-11-28T14:00:01Z"))).toBe(true);
    expect(checkins.claimReminder(T, LEE, W, at("2026-11-28T14:01:00Z"))).toBe(false);
  });

  it("records the reminder sent with its ts, or failed for a retry once per attempt number", () => {
    checkins.claimSend(T, LEE, W, "none", 1, at("2026-11-27T14:00:00Z"));
    checkins.markSent(T, LEE, W, { channel: "D0LEE", ts: "1.2" }, at("2026-11-27T14:00:01Z"));
    checkins.claimReminder(T, LEE, W, at("2026-11-28T14:00:00Z"));
    checkins.markReminderFailed(T, LEE, W, "http_503");
    expect(checkins.get(T, LEE, W)).toMatchObject({
      reminderState: "failed",
      reminderAttempts: 1,
      reminderError: "http_503",
      remindedAt: undefined,
    });
    const retry = (attempt: number) => ({ from: "failed" as const, attempt });
    expect(checkins.claimReminder(T, LEE, W, at("2026-11-28T14:15:00Z"), retry(3))).toBe(false);
    expect(checkins.claimReminder(T, LEE, W, at("2026-11-28T14:15:00Z"), retry(2))).toBe(true);
    expect(checkins.claimReminder(T, LEE, W, at("2026-11-28T14:15:00Z"), retry(2))).toBe(false);
    checkins.markReminderSent(T, LEE, W, "1.3", at("2026-11-28T14:15:01Z"));
    const record = checkins.get(T, LEE, W);
    expect(record).toMatchObject({
      reminderState: "sent",
      reminderAttempts: 2,
      reminderTs: "1.3",
      reminderError: undefined,
      remindedAt: at("2026-11-28T14:15:01Z"),
    });
    expect(record && weekStateOf(record)).toMatchObject({ remindedAt: at("2026-11-28T14:15:01Z") });
  });

  it("lets exactly one taker-over have a stale reminder claim, and never once the week is answered", () => {
    const claimedAt = at("2026-11-28T14:00:00Z");
    const stale = { from: "stale" as const, attempt: 1, claimedAt };
    checkins.claimSend(T, LEE, W, "none", 1, at("2026-11-27T14:00:00Z"));
    checkins.markSent(T, LEE, W, { channel: "D0LEE", ts: "1.2" }, at("2026-11-27T14:00:01Z"));
    checkins.claimReminder(T, LEE, W, claimedAt);
    const record = checkins.get(T, LEE, W);
    expect(record && weekStateOf(record)).toMatchObject({
      remindedAt: undefined,
      reminder: { state: "claimed", attempts: 1, claimedAt },
    });
    expect(checkins.claimReminder(T, LEE, W, at("2026-11-28T14:10:00Z"), stale)).toBe(true);
    expect(checkins.claimReminder(T, LEE, W, at("2026-11-28T14:10:00Z"), stale)).toBe(false);
    expect(checkins.get(T, LEE, W)?.reminderClaimedAt).toEqual(at("2026-11-28T14:10:00Z"));
    checkins.recordAnswer(T, LEE, W, { kind: "as-planned" }, at("2026-11-28T14:12:00Z"));
    const later = { ...stale, claimedAt: at("2026-11-28T14:10:00Z") };
    expect(checkins.claimReminder(T, LEE, W, at("2026-11-28T14:20:00Z"), later)).toBe(false);
  });

  it("records an answer only for a week that was sent, and lets it be replaced", () => {
    expect(checkins.recordAnswer(T, LEE, W, { kind: "as-planned" }, at("2026-11-27T15:00:00Z"))).toBe(false);
    expect(checkins.get(T, LEE, W)).toBeUndefined();
    checkins.claimSend(T, LEE, W, "none", 1, at("2026-11-27T14:00:00Z"));
    expect(checkins.recordAnswer(T, LEE, W, { kind: "as-planned" }, at("2026-11-27T15:00:00Z"))).toBe(false);
    checkins.markSent(T, LEE, W, { channel: "D0LEE", ts: "1.2" }, at("2026-11-27T14:00:01Z"));
    expect(checkins.recordAnswer(T, LEE, W, { kind: "as-planned" }, at("2026-11-27T15:00:00Z"))).toBe(true);
    const split = { "tech-lead": 30, "engineering-manager": 70 };
    expect(
      checkins.recordAnswer(
        T,
        LEE,
        W,
        { kind: "split", split, note: "hiring week" },
        at("2026-11-28T09:00:00Z"),
      ),
    ).toBe(true);
    expect(checkins.get(T, LEE, W)).toMatchObject({
      state: "answered",
      answer: { kind: "split", split, note: "hiring week" },
      answeredAt: at("2026-11-28T09:00:00Z"),
    });
  });

  it("reads a week answered as away as skipped, which a manual re-ask may claim again", () => {
    checkins.claimSend(T, LEE, W, "none", 1, at("2026-11-27T14:00:00Z"));
    checkins.markSent(T, LEE, W, { channel: "D0LEE", ts: "1.2" }, at("2026-11-27T14:00:01Z"));
    checkins.recordAnswer(T, LEE, W, { kind: "away" }, at("2026-11-27T15:00:00Z"));
    const lookup = checkins.stateLookup(T, [W]);
    expect(lookup(LEE, W)?.state).toBe("skipped");
    expect(lookup(LEE, "2026-W47")).toBeUndefined();
    expect(checkins.claimSend(T, LEE, W, "skipped", 2, at("2026-11-27T16:00:00Z"))).toBe(true);
    const record = checkins.get(T, LEE, W);
    expect(record).toMatchObject({ state: "claimed", attempts: 2, answer: undefined });
    expect(record && weekStateOf(record).state).toBe("claimed");
  });

  it("keeps away ranges per person, earliest first", () => {
    checkins.addAway(T, LEE, { start: "2027-02-01", end: "2027-02-05" }, at("2026-11-23T10:00:00Z"));
    checkins.addAway(T, LEE, { start: "2026-12-20", end: "2027-01-05" }, at("2026-11-23T10:00:00Z"));
    checkins.addAway(T, "U0SAM", { start: "2026-12-24", end: "2026-12-26" }, at("2026-11-23T10:00:00Z"));
    expect(checkins.awayOf(T, LEE)).toEqual([
      { start: "2026-12-20", end: "2027-01-05" },
      { start: "2027-02-01", end: "2027-02-05" },
    ]);
    expect(checkins.awayByUser(T).get("U0SAM")).toEqual([{ start: "2026-12-24", end: "2026-12-26" }]);
  });
});
