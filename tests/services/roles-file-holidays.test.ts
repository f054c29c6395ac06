import { describe, expect, it } from "vitest";
import { createAppContext } from "../../src/compose.ts";
import { silentLogger } from "../../src/log.ts";
import { exportRolesText, importRoles } from "../../src/services/roles-file.ts";
import { openDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";

const T = "T0ACME";

function fresh() {
  const db = openDatabase(":memory:");
  migrate(db);
  return createAppContext(db, { logger: silentLogger, clock: () => new Date("2026-11-23T12:00:00Z") });
}

const file = (holidays: string) =>
  `version: 1\nworkspace: ${T}\nsettings:\n  holidays: ${holidays}\nteams: []\npeople: []\n`;

describe("settings.holidays in the roles file", () => {
  it("sets the workspace's holiday place, exports it and round-trips", () => {
    const ctx = fresh();
    const r = importRoles(ctx, file("{ country: DE, region: BY }"), { fallbackTeam: T });
    expect(r).toMatchObject({ ok: true, counts: { settingsChanged: 1 } });
    expect(ctx.stores.workspaces.get(T)).toMatchObject({ holidayCountry: "DE", holidayRegion: "BY" });
    const text = exportRolesText(ctx, T);
    expect(text).toContain("holidays: { country: DE, region: BY }");
    expect(importRoles(ctx, text, { fallbackTeam: T })).toMatchObject({
      ok: true,
      counts: { settingsChanged: 0 },
    });
  });

  it("clears it with none, and leaves it out of the export when unset", () => {
    const ctx = fresh();
    importRoles(ctx, file("{ country: US }"), { fallbackTeam: T });
    expect(exportRolesText(ctx, T)).toContain("holidays: { country: US }");
    expect(importRoles(ctx, file("none"), { fallbackTeam: T })).toMatchObject({ ok: true });
    expect(ctx.stores.workspaces.get(T)).toMatchObject({ holidayCountry: null, holidayRegion: null });
    expect(exportRolesText(ctx, T)).not.toContain("holidays");
  });

  it("refuses, naming the line, a place the holiday calendar does not know", () => {
    const ctx = fresh();
    const r = importRoles(ctx, file("{ country: DE, region: ZZ }"), { fallbackTeam: T });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.join("\n")).toContain("ZZ is not a region of Germany");
    expect(importRoles(ctx, file("{ country: Germany }"), { fallbackTeam: T }).ok).toBe(false);
  });
});
