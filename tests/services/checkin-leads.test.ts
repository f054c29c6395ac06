import type { webApi } from "@slack/bolt";
import { beforeEach, describe, expect, it } from "vitest";
import { createAppContext } from "../../src/compose.ts";
import type { AppContext } from "../../src/context.ts";
import { fetchSlackUser } from "../../src/delivery/slack-users.ts";
import type { RoleId } from "../../src/domain/roles.ts";
import { silentLogger } from "../../src/log.ts";
import {
  cachedProfiles,
  checkinContent,
  refreshingProfiles,
  workspaceLeads,
} from "../../src/services/checkin-leads.ts";
import { mapPool } from "../../src/services/pool.ts";
import { openDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";

const T = "T0ACME";
const at = (iso: string) => new Date(iso);
// Friday 20 Nov 2026 12:00Z: week 2026-W47 everywhere but the far east (Auckland is past midnight).
const FRIDAY_NOON = at("2026-11-20T12:00:00Z");

describe("who the hybrid leads are, and their schedules", () => {
  let ctx: AppContext;
  let clock: Date;

  const hat = (
    userId: string,
    role: RoleId,
    channelId = "C0ONE",
    action: "assign" | "unassign" = "assign",
    date = "2026-10-01",
  ) =>
    ctx.stores.hats.record(T, {
      channelId,
      userId,
      role,
      action,
      effectiveDate: date,
      recordedBy: "U0ADMIN",
      recordedAt: "2026-10-01T00:00:00Z",
    });
  const profile = (userId: string, tz: string | null) =>
    ctx.stores.people.saveSlackProfile(
      T,
      userId,
      { displayName: userId.toLowerCase(), tz, isSlackAdmin: false },
      clock,
    );

  beforeEach(() => {
    const db = openDatabase(":memory:");
    migrate(db);
    clock = FRIDAY_NOON;
    ctx = createAppContext(db, { logger: silentLogger, clock: () => clock });
    ctx.stores.workspaces.ensure(T, at("2026-10-01T00:00:00Z"));
    ctx.stores.workspaces.update(T, { timezone: "Europe/Berlin" });
  });

  it("counts distinct roles across teams: two roles on two teams is a lead, one role on two teams is not", async () => {
    hat("U0HYBRID", "tech-lead", "C0ONE");
    hat("U0HYBRID", "engineering-manager", "C0TWO");
    hat("U0TWICE", "tech-lead", "C0ONE");
    hat("U0TWICE", "tech-lead", "C0TWO");
    hat("U0SINGLE", "architect");
    const ws = await workspaceLeads(ctx, T, FRIDAY_NOON, cachedProfiles(ctx));
    expect(ws.leads.map((l) => l.schedule.userId)).toEqual(["U0HYBRID"]);
    expect(ws.leads[0]?.roles).toEqual(["tech-lead", "engineering-manager"]);
  });

  it("takes the zone from the cached Slack profile, else the workspace's, and says which", async () => {
    for (const u of ["U0NY", "U0NOTZ", "U0NEVER"]) {
      hat(u, "tech-lead");
      hat(u, "engineering-manager");
    }
    profile("U0NY", "America/New_York");
    profile("U0NOTZ", null);
    const ws = await workspaceLeads(ctx, T, FRIDAY_NOON, cachedProfiles(ctx));
    const by = new Map(ws.leads.map((l) => [l.schedule.userId, l]));
    expect(by.get("U0NY")).toMatchObject({ schedule: { tz: "America/New_York" }, tzSource: "slack-profile" });
    expect(by.get("U0NOTZ")).toMatchObject({ schedule: { tz: "Europe/Berlin" }, tzSource: "workspace" });
    expect(by.get("U0NEVER")).toMatchObject({
      schedule: { tz: "Europe/Berlin" },
      tzSource: "workspace",
      profileFetchedAt: null,
    });
  });

  it("uses the person's own slot when set, else the workspace default; carries pause and away days", async () => {
    for (const u of ["U0OWN", "U0DEFAULT"]) {
      hat(u, "tech-lead");
      hat(u, "architect");
    }
    ctx.stores.workspaces.update(T, { checkinWeekday: 4, checkinTime: "11:30" });
    ctx.stores.people.setCheckinSlot(T, "U0OWN", 1, "09:00");
    ctx.stores.people.setCheckinPaused(T, "U0DEFAULT", true);
    ctx.stores.checkins.addAway(T, "U0OWN", { start: "2026-12-20", end: "2027-01-05" }, clock);
    const ws = await workspaceLeads(ctx, T, FRIDAY_NOON, cachedProfiles(ctx));
    const by = new Map(ws.leads.map((l) => [l.schedule.userId, l]));
    expect(by.get("U0OWN")).toMatchObject({
      schedule: {
        slot: { weekday: 1, time: "09:00" },
        paused: false,
        away: [{ start: "2026-12-20", end: "2027-01-05" }],
      },
      slotSource: "person",
    });
    expect(by.get("U0DEFAULT")).toMatchObject({
      schedule: { slot: { weekday: 4, time: "11:30" }, paused: true, away: [] },
      slotSource: "workspace",
    });
  });

  it("decides hybrid on the Thursday of each lead's own week, so a week change in Auckland is not Honolulu's", async () => {
    // Sunday 22 Nov 12:00Z: Monday 23 Nov (W48) in Auckland, still Sunday 22 Nov (W47) in Honolulu.
    const now = at("2026-11-22T12:00:00Z");
    for (const u of ["U0AKL", "U0HNL"]) {
      hat(u, "tech-lead");
      hat(u, "engineering-manager", "C0ONE", "assign", "2026-11-26"); // from W48's Thursday
    }
    profile("U0AKL", "Pacific/Auckland");
    profile("U0HNL", "Pacific/Honolulu");
    const ws = await workspaceLeads(ctx, T, now, cachedProfiles(ctx));
    expect(ws.leads.map((l) => [l.schedule.userId, l.week])).toEqual([["U0AKL", "2026-W48"]]);
    expect(ws.notLeads).toEqual([
      {
        userId: "U0HNL",
        week: "2026-W47",
        roles: ["tech-lead"],
        reason: "wears one hat in their own week 2026-W47",
      },
    ]);
    expect(ws.weeks).toEqual(["2026-W46", "2026-W47", "2026-W48"]);
  });

  it("shows the split in force on the week's Thursday, the one 'As planned' is measured against", () => {
    hat("U0LEE", "tech-lead");
    hat("U0LEE", "engineering-manager");
    const split = (effectiveDate: string, tl: number) =>
      ctx.stores.allocations.record(T, {
        userId: "U0LEE",
        effectiveDate,
        split: { "engineering-manager": 100 - tl, "tech-lead": tl },
        recordedBy: "U0LEE",
        recordedAt: "2026-11-01T00:00:00Z",
      });
    split("2026-11-02", 60);
    split("2026-11-20", 30); // a Friday: starts counting the week after
    expect(checkinContent(ctx, T, "U0LEE", "2026-W47")).toEqual({
      roles: ["tech-lead", "engineering-manager"],
      stated: { split: { "tech-lead": 60, "engineering-manager": 40 }, since: "2026-11-02" },
    });
    expect(checkinContent(ctx, T, "U0LEE", "2026-W48").stated?.split).toEqual({
      "tech-lead": 30,
      "engineering-manager": 70,
    });
    expect(checkinContent(ctx, T, "U0LEE", "2026-W44").stated).toBeUndefined();
  });

  it("after a failed profile refresh, waits an hour before asking Slack about that person again", async () => {
    let calls = 0;
    const client = {
      users: {
        info: async () => {
          calls++;
          throw Object.assign(new Error("An API error occurred: user_not_found"), {
            data: { error: "user_not_found" },
          });
        },
      },
    } as unknown as webApi.WebClient;
    const profiles = refreshingProfiles(ctx, fetchSlackUser(client));
    expect(await profiles(T, "U0GONE")).toBeUndefined();
    expect(await profiles(T, "U0GONE")).toBeUndefined();
    expect(calls).toBe(1);
    clock = new Date(FRIDAY_NOON.getTime() + 61 * 60_000);
    await profiles(T, "U0GONE");
    expect(calls).toBe(2);
  });

  it("refreshes a profile older than a day and keeps a fresh one", async () => {
    let calls = 0;
    const client = {
      users: {
        info: async () => {
          calls++;
          return { ok: true, user: { id: "U0LEE", tz: "Asia/Tokyo", real_name: "Lee" } };
        },
      },
    } as unknown as webApi.WebClient;
    profile("U0LEE", "Europe/Berlin");
    const profiles = refreshingProfiles(ctx, fetchSlackUser(client));
    expect((await profiles(T, "U0LEE"))?.tz).toBe("Europe/Berlin");
    expect(calls).toBe(0);
    clock = new Date(FRIDAY_NOON.getTime() + 25 * 3_600_000);
    expect((await profiles(T, "U0LEE"))?.tz).toBe("Asia/Tokyo");
    expect(calls).toBe(1);
  });
});

describe("the bounded pool", () => {
  it("never has more than `limit` calls in flight and keeps results in input order", async () => {
    let inFlight = 0;
    let most = 0;
    const gates: (() => void)[] = [];
    const run = mapPool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise<void>((r) => gates.push(r));
      inFlight--;
      return n * 10;
    });
    // Release one call at a time, letting the pool refill before the next release.
    while (gates.length || inFlight) {
      await Promise.resolve();
      gates.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    expect(await run).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(most).toBe(3);
  });
});
