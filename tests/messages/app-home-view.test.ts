import { describe, expect, it } from "vitest";
import { appHomeView } from "../../src/messages/app-home.ts";
import type { LeadOverview, TeamOverview, WorkspaceOverview } from "../../src/services/allocations.ts";
import { visibleText } from "../e2e/harness.ts";

const viewer = {
  userId: "U0ADMIN",
  person: { roles: [], hats: [], current: undefined, scheduled: [], status: { kind: "not-hybrid" as const } },
  weeks: [],
  checkinsPaused: false,
};

/** `teams` teams, each with `perTeam` hybrid leads and none of them with a stated split. */
function overview(teams: number, perTeam: number): WorkspaceOverview {
  const all: TeamOverview[] = [];
  const leads: LeadOverview[] = [];
  for (let t = 0; t < teams; t++) {
    const channelId = `C${String(t).padStart(4, "0")}`;
    const own: LeadOverview[] = [];
    for (let p = 0; p < perTeam; p++) {
      own.push({
        userId: `U${String(t).padStart(4, "0")}X${p}`,
        roles: ["tech-lead", "engineering-manager"],
        status: { kind: "missing" },
      });
    }
    leads.push(...own);
    all.push({
      channelId,
      name: `team-${t}`,
      hats: own.flatMap((l) => l.roles.map((role) => ({ channelId, userId: l.userId, role }))),
      leads: own,
    });
  }
  return { today: "2026-11-23", teams: all, leads };
}

describe("the admin's teams section when it cannot list everything", () => {
  it("stays within 100 blocks and counts what it could not show", () => {
    const view = appHomeView({ ...viewer, admin: overview(200, 6) });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = visibleText(view as never);
    expect(text).toContain("200 teams · 1200 hybrid leads · :warning: 1200 without a stated split");
    const listed = new Set([...text.matchAll(/^• <#(C\d{4})>/gm)].map((m) => m[1]));
    const more = /…and (\d+) more team\(s\) with a lead to look at/.exec(text);
    expect(more).not.toBeNull();
    // Every flagged team is either listed or counted in the summary, never silently dropped.
    expect(listed.size + Number(more?.[1])).toBe(200);
    expect(listed.size).toBeGreaterThan(50);
  });

  it("lists small workspaces in full, sorted by team name with numbers in order", () => {
    const view = appHomeView({ ...viewer, admin: overview(12, 1) });
    const text = visibleText(view as never);
    expect(text).not.toContain("…and");
    const order = [...text.matchAll(/^• <#C(\d{4})>/gm)].map((m) => Number(m[1]));
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });
});
