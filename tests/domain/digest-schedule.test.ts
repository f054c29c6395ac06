import { describe, expect, it } from "vitest";
import { claimFromRow, DIGEST_MAX_ATTEMPTS, digestDueAt } from "../../src/domain/digest-schedule.ts";
import type { DigestPost } from "../../src/store/digests.ts";

const BERLIN = { timezone: "Europe/Berlin", digestTime: "10:00" };

describe("digestDueAt: the first working day of the month, at digest_time on the workspace's clock", () => {
  it("owes last month's digest from 10:00 on the 1st when it is a weekday", () => {
    // Tuesday 1 December 2026; Berlin is UTC+1 in winter.
    expect(digestDueAt(new Date("2026-12-01T08:59:59Z"), BERLIN)).toBeNull();
    expect(digestDueAt(new Date("2026-12-01T09:00:00Z"), BERLIN)).toEqual({
      month: "2026-11",
      asOf: "2026-12-01",
      dueAt: new Date("2026-12-01T09:00:00Z"),
    });
  });

  it("moves past a weekend: 1 August 2026 is a Saturday, so Monday the 3rd", () => {
    // Summer time: 10:00 in Berlin is 08:00Z.
    expect(digestDueAt(new Date("2026-08-01T12:00:00Z"), BERLIN)).toBeNull();
    expect(digestDueAt(new Date("2026-08-03T07:59:00Z"), BERLIN)).toBeNull();
    expect(digestDueAt(new Date("2026-08-03T08:00:00Z"), BERLIN)?.month).toBe("2026-07");
  });

  it("stays owed for the rest of the month (catch-up), and reads the month on the workspace's clock", () => {
    expect(digestDueAt(new Date("2026-12-31T22:59:00Z"), BERLIN)?.month).toBe("2026-11");
    // 23:00Z on 31 December is already January in Berlin, before January's due time.
    expect(digestDueAt(new Date("2026-12-31T23:00:00Z"), BERLIN)).toBeNull();
  });

  it("honours a configured time, and falls back to 10:00 for a malformed one", () => {
    expect(digestDueAt(new Date("2026-12-01T12:00:00Z"), { ...BERLIN, digestTime: "14:30" })).toBeNull();
    expect(digestDueAt(new Date("2026-12-01T13:30:00Z"), { ...BERLIN, digestTime: "14:30" })?.month).toBe(
      "2026-11",
    );
    expect(digestDueAt(new Date("2026-12-01T09:00:00Z"), { ...BERLIN, digestTime: "25:99" })?.month).toBe(
      "2026-11",
    );
  });
});

describe("claimFromRow", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const post = (over: Partial<DigestPost>): DigestPost => ({
    channelId: "C0ALPHA",
    month: "2026-11",
    state: "failed",
    attempts: 1,
    claimedAt: "2026-12-01T11:50:00Z",
    postedAt: null,
    messageTs: null,
    chartError: null,
    lastError: "ratelimited",
    ...over,
  });

  it("claims a team with no row yet", () => {
    expect(claimFromRow(undefined, now)).toEqual({ state: "none" });
  });

  it("never claims again once posted or skipped", () => {
    for (const state of ["posted", "skipped"] as const) {
      expect(claimFromRow(post({ state }), now)).toBeNull();
    }
  });

  it("leaves a claim alone while its post may be in flight, then takes it over to reconcile", () => {
    const claimed = (claimedAt: string) => post({ state: "claimed", claimedAt });
    expect(claimFromRow(claimed("2026-12-01T11:56:00Z"), now)).toBeNull(); // 4 of 5 min
    expect(claimFromRow(claimed("2026-12-01T11:55:00Z"), now)).toEqual({
      state: "claimed",
      claimedAt: "2026-12-01T11:55:00Z",
    });
    // Even after the last failed attempt's count: a crash is not an attempt that failed.
    expect(claimFromRow(post({ state: "claimed", attempts: DIGEST_MAX_ATTEMPTS }), now)).toEqual({
      state: "claimed",
      claimedAt: "2026-12-01T11:50:00Z",
    });
  });

  it("retries a failure after a growing wait, and gives up after the last attempt", () => {
    expect(claimFromRow(post({ claimedAt: "2026-12-01T11:50:00Z" }), now)).toBeNull(); // 10 of 15 min
    expect(claimFromRow(post({ claimedAt: "2026-12-01T11:45:00Z" }), now)).toEqual({
      state: "failed",
      attempts: 1,
    });
    expect(claimFromRow(post({ attempts: 2, claimedAt: "2026-12-01T11:45:00Z" }), now)).toBeNull(); // 30 min
    expect(
      claimFromRow(post({ attempts: DIGEST_MAX_ATTEMPTS, claimedAt: "2026-11-01T00:00:00Z" }), now),
    ).toBeNull();
  });
});
