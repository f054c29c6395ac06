import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, type Harness, startHarness, visibleText } from "./harness.ts";

const T = "T0ACME";
const ADMIN = "U0ADMIN";
const LEE = "U0LEE"; // tech lead + engineering manager on alpha, with a split
const KIM = "U0KIM"; // engineering manager on alpha, tech lead on bravo, no split
const SAM = "U0SAM"; // architect on bravo only
const ALPHA = "C0ALPHA";
const BRAVO = "C0BRAVO";

type Block = {
  type: string;
  text?: { text: string };
  accessory?: { type: string; action_id: string; value: string; text: { text: string } };
};
type HomeView = { type: string; blocks: Block[] };

/** Opens the Home tab as `user` and returns the view the bot published for them. */
async function openHome(h: Harness, user: string, team = T): Promise<HomeView> {
  const before = h.fake.callsTo("views.publish").length;
  const res = await h.event({ type: "app_home_opened", user, channel: `D${user}`, tab: "home" }, team);
  expect(res.status).toBe(200);
  const call = await eventually(
    () =>
      h.fake
        .callsTo("views.publish")
        .slice(before)
        .find((c) => c.params.user_id === user),
    `views.publish for ${user}`,
  );
  return call.params.view as HomeView;
}

const pauseButtons = (view: HomeView) =>
  view.blocks.flatMap((b) => (b.accessory?.action_id === "checkin_pause_toggle" ? [b.accessory] : []));

describe("App Home over signed HTTP", () => {
  let h: Harness;
  const run = (text: string, user: string, channel: string) =>
    h.command(text, { user, channel, channelName: channel === ALPHA ? "alpha" : "bravo" });

  beforeAll(async () => {
    // Monday 23 November 2026, noon UTC.
    h = await startHarness({ roleAdmins: [ADMIN], now: "2026-11-23T12:00:00Z" });
    for (const id of [ADMIN, LEE, KIM, SAM]) h.fake.addUser({ id });
    for (const [user, role, channel] of [
      [LEE, "tech-lead", ALPHA],
      [LEE, "engineering-manager", ALPHA],
      [KIM, "engineering-manager", ALPHA],
      [KIM, "tech-lead", BRAVO],
      [SAM, "architect", BRAVO],
    ] as const) {
      expect(visibleText((await run(`assign <@${user}> ${role}`, ADMIN, channel)).ack)).toContain("is now");
    }
    await run(`allocate <@${LEE}> tech-lead=60 engineering-manager=40`, LEE, ALPHA);
    await run(`allocate <@${LEE}> tech-lead=50 engineering-manager=40 other=10 from 2026-12-07`, LEE, ALPHA);
    const insert = h.ctx.stores.db.prepare(
      `INSERT INTO checkins (team_id, user_id, week, state, answer_kind, actual_split, answered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    insert.run(T, LEE, "2026-W44", "answered", "as-planned", null, "2026-10-30T16:00:00Z");
    insert.run(T, LEE, "2026-W45", "answered", "split", '{"tech-lead":80,"engineering-manager":20}', "x");
    insert.run(T, LEE, "2026-W46", "answered", "away", null, "2026-11-13T16:00:00Z");
    insert.run(T, LEE, "2026-W47", "sent", null, null, null);
  });
  afterAll(async () => h.stop());

  it("shows a hybrid lead their hats, stated split, recent weeks as bars, and a pause button", async () => {
    const view = await openHome(h, LEE);
    expect(view.type).toBe("home");
    const text = visibleText(view);
    expect(text).toContain(":tophat: Your hats");
    expect(text).toContain(`• <#${ALPHA}>: Tech lead, Engineering manager`);
    expect(text).toContain("*Your stated split*\n🟦🟦🟦🟦🟦🟦🟩🟩🟩🟩 TL 60 · EM 40  _since 2026-11-23_");
    expect(text).toContain(":calendar: From 2026-12-07: 🟦🟦🟦🟦🟦🟩🟩🟩🟩⬜ TL 50 · EM 40 · other 10");
    // Newest first; the unanswered week is on the record, not left out.
    expect(text).toContain(
      [
        "*Your last 4 check-ins* · 3 answered",
        "`W47` _not answered_",
        "`W46` _away_",
        "`W45` 🟦🟦🟦🟦🟦🟦🟦🟦🟩🟩 TL 80 · EM 20",
        // "As planned" reads as the split in force that week: none was stated before 23 November.
        "`W44` _as planned_",
      ].join("\n"),
    );
    expect(text).toContain("Weekly check-ins are *on*.");
    expect(pauseButtons(view)).toEqual([
      expect.objectContaining({
        type: "button",
        value: "pause",
        text: expect.objectContaining({ text: "Pause check-ins" }),
      }),
    ]);
    expect(text).toContain("🟦 TL  🟩 EM  🟪 Arch  🟧 PM  ⬜ other");
    expect(text).not.toContain("Teams"); // not an admin
  });

  it("offers to resume when the lead has paused check-ins", async () => {
    h.ctx.stores.people.setCheckinPaused(T, LEE, true);
    const view = await openHome(h, LEE);
    expect(visibleText(view)).toContain("Weekly check-ins are *paused*.");
    expect(pauseButtons(view)).toEqual([
      expect.objectContaining({
        value: "resume",
        text: expect.objectContaining({ text: "Resume check-ins" }),
      }),
    ]);
    h.ctx.stores.people.setCheckinPaused(T, LEE, false);
  });

  it("asks a hybrid lead without a split to state one", async () => {
    const text = visibleText(await openHome(h, KIM));
    expect(text).toContain(`• <#${ALPHA}>: Engineering manager`);
    expect(text).toContain(`• <#${BRAVO}>: Tech lead`);
    expect(text).toContain(
      ":warning: No stated split yet. Set one: `/role allocate @you tech-lead=… engineering-manager=…`",
    );
    expect(text).toContain("*Your check-ins*\n_None yet");
  });

  it("gives a one-hat person their hat and no check-in controls", async () => {
    const view = await openHome(h, SAM);
    const text = visibleText(view);
    expect(text).toContain(`• <#${BRAVO}>: Architect`);
    expect(text).not.toContain("Your stated split");
    expect(text).toContain("Weekly check-ins are for hybrid leads");
    expect(pauseButtons(view)).toEqual([]);
  });

  it("shows an admin every team, flagging the hybrid lead without a split", async () => {
    const text = visibleText(await openHome(h, ADMIN));
    expect(text).toContain("You wear no hats yet.");
    expect(text).toContain(":busts_in_silhouette: Teams");
    expect(text).toContain("2 teams · 2 hybrid leads · :warning: 1 without a stated split");
    expect(text).toContain(
      [
        "*Teams with a hybrid lead to look at*",
        `• <#${ALPHA}> — <@${KIM}> :warning: no stated split`,
        `• <#${BRAVO}> — <@${KIM}> :warning: no stated split`,
      ].join("\n"),
    );
    // Lee has a split: not flagged anywhere.
    expect(text).not.toContain(`<@${LEE}>`);
  });

  it("logs a Home tab Slack refuses to publish, and carries on", async () => {
    h.fake.script("views.publish", () => ({ json: { ok: false, error: "invalid_blocks" } }));
    try {
      await h.event({ type: "app_home_opened", user: SAM, channel: `D${SAM}`, tab: "home" });
      const log = await eventually(
        () => h.logs.find((l) => l.text.includes(`Could not publish the Home tab for ${SAM}`)),
        "the warning",
      );
      expect(log.level).toBe("warn");
    } finally {
      h.fake.unscript("views.publish");
    }
    expect(visibleText(await openHome(h, SAM))).toContain("Architect");
  });

  it("publishes nothing when the Messages tab is opened", async () => {
    const before = h.fake.callsTo("views.publish").length;
    await h.event({ type: "app_home_opened", user: LEE, channel: `D${LEE}`, tab: "messages" });
    // The Home tab opened next is the only publish that follows.
    await openHome(h, KIM);
    expect(
      h.fake
        .callsTo("views.publish")
        .slice(before)
        .map((c) => c.params.user_id),
    ).toEqual([KIM]);
  });
});

describe("App Home for an admin of a workspace with 200 teams", () => {
  const BIG = "T0BIG";
  let h: Harness;
  const unallocated: string[] = [];

  beforeAll(async () => {
    h = await startHarness({ roleAdmins: [ADMIN], now: "2026-11-23T12:00:00Z" });
    const { stores } = h.ctx;
    const at = new Date("2026-01-01T09:00:00Z");
    stores.workspaces.ensure(BIG, at);
    const hat = (
      channelId: string,
      userId: string,
      role: "tech-lead" | "engineering-manager" | "architect",
    ) =>
      stores.hats.record(BIG, {
        channelId,
        userId,
        role,
        action: "assign",
        effectiveDate: "2026-01-05",
        recordedBy: ADMIN,
        recordedAt: at.toISOString(),
      });
    // Every team has a hybrid lead and an architect; every third lead has stated a split.
    for (let i = 0; i < 200; i++) {
      const channel = `C${String(i).padStart(4, "0")}`;
      const lead = `U${String(i).padStart(4, "0")}L`;
      stores.teams.ensure(BIG, channel, `team-${i}`, at);
      hat(channel, lead, "tech-lead");
      hat(channel, lead, "engineering-manager");
      hat(channel, `U${String(i).padStart(4, "0")}A`, "architect");
      if (i % 3 === 0) {
        stores.allocations.record(BIG, {
          userId: lead,
          effectiveDate: "2026-01-05",
          split: { "tech-lead": 50, "engineering-manager": 50 },
          recordedBy: lead,
          recordedAt: at.toISOString(),
        });
      } else {
        unallocated.push(lead);
      }
    }
  });
  afterAll(async () => h.stop());

  it("stays within 100 blocks and still names every hybrid lead without a split", async () => {
    const view = await openHome(h, ADMIN, BIG);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    for (const b of view.blocks) expect(b.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    const text = visibleText(view);
    expect(unallocated).toHaveLength(133);
    expect(text).toContain("200 teams · 200 hybrid leads · :warning: 133 without a stated split");
    for (const lead of unallocated) expect(text).toContain(`<@${lead}> :warning: no stated split`);
    expect(text).not.toContain("<@U0000L>"); // stated a split
    // Teams with nothing to look at are summarised by name, not given a block each.
    expect(text).toContain("*Other teams* (nothing to look at)");
  });
});

describe("App Home for an admin whose one team has 40 hybrid leads without a split", () => {
  let h: Harness;
  const leads = Array.from({ length: 40 }, (_, i) => `U0BIG${String(i).padStart(6, "0")}`);

  beforeAll(async () => {
    h = await startHarness({ roleAdmins: [ADMIN], now: "2026-11-23T12:00:00Z" });
    const { stores } = h.ctx;
    const at = new Date("2026-11-02T09:00:00Z");
    stores.workspaces.ensure(T, at);
    stores.teams.ensure(T, "C0BIG", "big", at);
    for (const lead of leads) {
      for (const role of ["tech-lead", "engineering-manager"] as const) {
        stores.hats.record(T, {
          channelId: "C0BIG",
          userId: lead,
          role,
          action: "assign",
          effectiveDate: "2026-11-02",
          recordedBy: ADMIN,
          recordedAt: at.toISOString(),
        });
      }
    }
  });
  afterAll(async () => h.stop());

  it("cuts the team's line between leads, never inside a mention, and counts the leads left out", async () => {
    const text = visibleText(await openHome(h, ADMIN));
    const line = text.split("\n").find((l) => l.startsWith("• <#C0BIG> —")) ?? "";
    const shown = line.match(/<@U0BIG\d{6}> :warning: no stated split/g) ?? [];
    expect((line.match(/<[@#]/g) ?? []).length).toBe(shown.length + 1);
    const more = /; …and (\d+) more$/.exec(line);
    expect(more).not.toBeNull();
    expect(shown.length + Number(more?.[1])).toBe(40);
  });
});
