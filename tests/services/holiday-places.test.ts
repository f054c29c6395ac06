import { beforeEach, describe, expect, it } from "vitest";
import { createAppContext } from "../../src/compose.ts";
import type { AppContext } from "../../src/context.ts";
import { parseCommand } from "../../src/domain/command.ts";
import type { RoleId } from "../../src/domain/roles.ts";
import { silentLogger } from "../../src/log.ts";
import { checkinPrompt } from "../../src/messages/checkin-dm.ts";
import { setHolidayPlace } from "../../src/services/checkin-control.ts";
import { cachedProfiles, workspaceLeads } from "../../src/services/checkin-leads.ts";
import { buildTeamDigest } from "../../src/services/digest.ts";
import { openDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";

const T = "T0ACME";
const NOW = new Date("2026-04-01T12:00:00Z");
let ctx: AppContext;

function hybrid(userId: string) {
  for (const role of ["tech-lead", "engineering-manager"] as RoleId[]) {
    ctx.stores.hats.record(T, {
      channelId: "C0ONE",
      userId,
      role,
      action: "assign",
      effectiveDate: "2026-01-01",
      recordedBy: "U0ADMIN",
      recordedAt: "2026-01-01T00:00:00Z",
    });
  }
}

async function calendars() {
  const { leads } = await workspaceLeads(ctx, T, NOW, cachedProfiles(ctx));
  return new Map(leads.map((l) => [l.schedule.userId, l.schedule.holidays]));
}

beforeEach(() => {
  const db = openDatabase(":memory:");
  migrate(db);
  ctx = createAppContext(db, { logger: silentLogger, clock: () => NOW });
  ctx.stores.workspaces.ensure(T, NOW);
  hybrid("U0ANA");
  hybrid("U0BEN");
});

describe("/role checkin country", () => {
  it("parses a country, a country and region, and none", () => {
    expect(parseCommand("checkin country de by")).toEqual({
      ok: true,
      value: { kind: "checkin", action: "country", country: "DE", region: "BY" },
    });
    expect(parseCommand("checkin country US")).toMatchObject({
      ok: true,
      value: { country: "US", region: null },
    });
    expect(parseCommand("checkin country none")).toMatchObject({ ok: true, value: { country: null } });
    expect(parseCommand("checkin country")).toMatchObject({ ok: false });
    expect(parseCommand("checkin country DE BY extra")).toMatchObject({ ok: false });
  });

  it("refuses a country or region the calendar does not know, saying which regions there are", () => {
    expect(setHolidayPlace(ctx, T, "U0ANA", { country: "XX", region: null })).toMatchObject({ ok: false });
    const region = setHolidayPlace(ctx, T, "U0ANA", { country: "DE", region: "ZZ" });
    expect(region.ok).toBe(false);
    expect(!region.ok && region.error).toContain("BY");
    expect(ctx.stores.people.get(T, "U0ANA")?.holidayCountry ?? null).toBeNull();
  });

  it("gives a lead their own country's holidays, else the workspace's, and none clears their own", async () => {
    expect((await calendars()).get("U0ANA")).toBeUndefined();
    ctx.stores.workspaces.update(T, { holidayCountry: "US", holidayRegion: null });
    expect(setHolidayPlace(ctx, T, "U0ANA", { country: "DE", region: "BY" })).toEqual({
      ok: true,
      placeName: "Bayern, Germany",
    });
    let byLead = await calendars();
    expect(byLead.get("U0ANA")?.placeName).toBe("Bayern, Germany");
    expect(byLead.get("U0ANA")?.isHoliday("2026-01-06")).toBe(true); // Epiphany in Bavaria
    expect(byLead.get("U0BEN")?.placeName).toBe("United States of America");
    expect(setHolidayPlace(ctx, T, "U0ANA", null)).toEqual({
      ok: true,
      placeName: "United States of America",
    });
    byLead = await calendars();
    expect(byLead.get("U0ANA")?.placeName).toBe("United States of America");
  });
});

describe("the check-in DM on a moved day", () => {
  it("says the day was a public holiday and how early the check-in came", () => {
    const base = {
      userId: "U0ANA",
      week: "2026-W14",
      roles: ["tech-lead", "engineering-manager"] as RoleId[],
    };
    const moved = checkinPrompt({
      ...base,
      stated: undefined,
      holidayMove: { from: "2026-04-03", to: "2026-04-02", placeName: "Germany" },
    });
    expect(JSON.stringify(moved.blocks)).toContain(
      "Friday is a public holiday in Germany, so your check-in came a day early.",
    );
    const twoDays = checkinPrompt({
      ...base,
      stated: undefined,
      holidayMove: { from: "2026-04-03", to: "2026-04-01", placeName: "Germany" },
    });
    expect(JSON.stringify(twoDays.blocks)).toContain("came two days early");
    expect(JSON.stringify(checkinPrompt({ ...base, stated: undefined }).blocks)).not.toContain(
      "public holiday",
    );
  });
});

describe("the digest and public holidays", () => {
  it("counts a week whose check-in day is a holiday with no earlier working day as away; a moved week like any other", async () => {
    ctx.stores.workspaces.update(T, { holidayCountry: "DE", holidayRegion: null });
    ctx.stores.people.setCheckinSlot(T, "U0ANA", 1, "10:00"); // Mondays: Easter Monday (6 April) is away
    const built = await buildTeamDigest(ctx, {
      teamId: T,
      channelId: "C0ONE",
      month: "2026-04",
      asOf: "2026-05-04",
    });
    const weeks = new Map(built.digest.leads.map((l) => [l.userId, l.weeks]));
    // April 2026 has weeks 14–18 by their Thursdays; nobody answered.
    expect(weeks.get("U0ANA")).toEqual({ lead: 5, answered: 0, away: 1, missing: 4 });
    // Ben's Friday check-in on Good Friday came on Thursday: still a week to answer.
    expect(weeks.get("U0BEN")).toEqual({ lead: 5, answered: 0, away: 0, missing: 5 });
  });
});
