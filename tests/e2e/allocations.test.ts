import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoleId } from "../../src/domain/roles.ts";
import { type Harness, startHarness, visibleText } from "./harness.ts";

const T = "T0ACME";
const ADMIN = "U0ADMIN";
const LEE = "U0LEE"; // tech lead + engineering manager on alpha: a hybrid lead
const SAM = "U0SAM"; // architect on alpha only
const KIM = "U0KIM"; // architect on alpha, tech lead on bravo: hybrid across teams
const ALPHA = "C0ALPHA";
const BRAVO = "C0BRAVO";
// As Slack receives it: the placeholders escaped, so they render as typed rather than as links.
const USAGE = "/role allocate @user &lt;role&gt;=&lt;pct&gt; … [from YYYY-MM-DD]";

describe("/role allocate, whois and team over signed HTTP", () => {
  let h: Harness;
  const history = (user = LEE) => h.ctx.stores.allocations.history(T, user);
  const run = async (text: string, user: string, channel = ALPHA) =>
    (await h.command(text, { user, channel, channelName: channel === ALPHA ? "alpha" : "bravo" })).ack;

  beforeAll(async () => {
    // Monday 23 November 2026, noon UTC.
    h = await startHarness({ roleAdmins: [ADMIN], now: "2026-11-23T12:00:00Z" });
    for (const id of [LEE, SAM, KIM]) h.fake.addUser({ id });
    for (const [user, role, channel] of [
      [LEE, "tech-lead", ALPHA],
      [LEE, "engineering-manager", ALPHA],
      [SAM, "architect", ALPHA],
      [KIM, "architect", ALPHA],
      [KIM, "tech-lead", BRAVO],
    ] as const) {
      const ack = await run(`assign <@${user}> ${role}`, ADMIN, channel);
      expect(visibleText(ack)).toContain("is now");
    }
  });
  afterAll(async () => h.stop());

  it("shows each hybrid on /role team as needing a split before any is stated", async () => {
    const text = visibleText(await run("team", SAM));
    expect(text).toContain("Role map for #alpha");
    expect(text).toMatch(new RegExp(`<@${LEE}> — :warning: no stated split`));
    expect(text).toMatch(new RegExp(`<@${KIM}> — :warning: no stated split`));
    expect(text).not.toContain(`<@${SAM}> —`); // one hat: not a hybrid lead
  });

  it("lets an admin set anyone's split, from today", async () => {
    const ack = await run(`allocate <@${LEE}|lee> tech-lead=60 engineering-manager=40`, ADMIN);
    expect(ack.response_type).toBe("ephemeral");
    expect(visibleText(ack)).toContain(`From today (2026-11-23), <@${LEE}>'s split is`);
    expect(visibleText(ack)).toContain("TL 60 · EM 40");
    expect(history()).toEqual([
      expect.objectContaining({
        effectiveDate: "2026-11-23",
        split: { "tech-lead": 60, "engineering-manager": 40 },
        recordedBy: ADMIN,
      }),
    ]);
  });

  it("lets a person set their own split, with aliases and an other bucket", async () => {
    const ack = await run(`allocate <@${LEE}|lee> TL=50 EM=40 other=10`, LEE);
    expect(visibleText(ack)).toContain("TL 50 · EM 40 · other 10");
    expect(visibleText(ack)).toContain("It was TL 60 · EM 40; past weeks keep that split.");
    expect(history().map((c) => c.recordedBy)).toEqual([ADMIN, LEE]);
  });

  it("refuses a non-admin setting someone else's split, shows the right form, writes nothing", async () => {
    const before = history().length;
    const ack = await run(`allocate <@${LEE}|lee> tech-lead=90 engineering-manager=10`, SAM);
    expect(ack.response_type).toBe("ephemeral");
    expect(visibleText(ack)).toContain("Only rolecall admins can set someone else's split");
    expect(visibleText(ack)).toContain(USAGE);
    expect(history()).toHaveLength(before);
  });

  it.each([
    ["an unknown role", "wizard=60 em=40", "`wizard` is not a role"],
    ["a role the person does not hold", "tech-lead=60 architect=40", "doesn't wear the Architect hat"],
    ["a sum other than 100", "tech-lead=60 engineering-manager=30", "The parts add up to 90"],
    ["a repeated role", "tech-lead=50 tl=50", "tech-lead is given twice"],
    ["a non-number", "tech-lead=most engineering-manager=40", "`most` for tech-lead is not a whole number"],
    ["a negative number", "tech-lead=-20 engineering-manager=120", "tech-lead cannot be negative"],
    ["a hat left out", "tech-lead=100", "Give Engineering manager a share too"],
    [
      "a date in the past",
      "tech-lead=60 engineering-manager=40 from 2026-11-01",
      "2026-11-01 is in the past",
    ],
  ])("refuses %s with the right form, and writes nothing", async (_what, parts, message) => {
    const before = history().length;
    const ack = await run(`allocate <@${LEE}|lee> ${parts}`, LEE);
    expect(ack.response_type).toBe("ephemeral");
    expect(visibleText(ack)).toContain(message);
    expect(visibleText(ack)).toContain(`Usage: \`${USAGE}\``);
    expect(history()).toHaveLength(before);
  });

  it("refuses a split for a one-hat person, even from an admin", async () => {
    const ack = await run(`allocate <@${SAM}|sam> architect=100`, ADMIN);
    expect(visibleText(ack)).toContain("wears one hat (Architect)");
    expect(history(SAM)).toEqual([]);
  });

  it("schedules a future change with `from`, leaving today's split in force until then", async () => {
    const ack = await run(`allocate <@${LEE}|lee> tech-lead=40 engineering-manager=60 from 2026-12-01`, LEE);
    expect(visibleText(ack)).toContain("Scheduled: from *2026-12-01*");
    expect(visibleText(ack)).toContain("Until then it stays TL 50 · EM 40 · other 10.");
    const on = (d: string) => h.ctx.stores.allocations.inForce(T, LEE, d)?.split;
    expect(on("2026-11-30")).toEqual({ "tech-lead": 50, "engineering-manager": 40, other: 10 });
    expect(on("2026-12-01")).toEqual({ "tech-lead": 40, "engineering-manager": 60 });
  });

  it("counts hats across teams: a hybrid on two teams splits both hats", async () => {
    const ack = await run(`allocate <@${KIM}|kim> architect=70 tech-lead=30`, KIM, BRAVO);
    expect(visibleText(ack)).toContain("TL 30 · Arch 70");
  });

  it("whois shows hats per team, the split, what is scheduled, and the last check-ins", async () => {
    const db = h.ctx.stores.db;
    const insert = db.prepare(
      `INSERT INTO checkins (team_id, user_id, week, state, answer_kind, actual_split, answered_at)
       VALUES (?, ?, ?, 'answered', ?, ?, '2026-11-20T16:00:00Z')`,
    );
    insert.run(T, LEE, "2026-W43", "as-planned", null);
    insert.run(T, LEE, "2026-W44", "split", JSON.stringify({ "tech-lead": 70, "engineering-manager": 30 }));
    insert.run(T, LEE, "2026-W45", "split", JSON.stringify({ "tech-lead": 80, "engineering-manager": 20 }));
    insert.run(T, LEE, "2026-W46", "away", null);
    // Week 47's check-in went out and was never answered: it stays on the record.
    db.prepare("INSERT INTO checkins (team_id, user_id, week, state) VALUES (?, ?, '2026-W47', 'sent')").run(
      T,
      LEE,
    );
    const text = visibleText(await run(`whois <@${LEE}|lee>`, SAM));
    expect(text).toContain(`<@${LEE}> wears:`);
    expect(text).toContain(`• <#${ALPHA}>: Tech lead, Engineering manager`);
    expect(text).toContain("TL 50 · EM 40 · other 10  _since 2026-11-23_");
    expect(text).toContain(":calendar: From 2026-12-01: 🟦🟦🟦🟦🟩🟩🟩🟩🟩🟩 TL 40 · EM 60");
    expect(text).toMatch(
      /\*Last 4 check-ins\* · 3 answered\n`W47` _not answered_\n`W46` _away_\n`W45` 🟦{8}🟩{2} TL 80 · EM 20\n`W44` 🟦{7}🟩{3} TL 70 · EM 30$/mu,
    );
    expect(text).not.toContain("W43");

    const kim = visibleText(await run(`whois <@${KIM}>`, SAM));
    expect(kim).toContain(`• <#${ALPHA}>: Architect`);
    expect(kim).toContain(`• <#${BRAVO}>: Tech lead`);
  });

  it("keeps a private lead's split and check-ins from everyone but the lead, admins included", async () => {
    h.ctx.stores.people.setDigestPrivate(T, LEE, true);
    for (const viewer of [SAM, ADMIN]) {
      const text = visibleText(await run(`whois <@${LEE}>`, viewer));
      expect(text).toContain("keeps their figures private");
      expect(text).not.toMatch(/TL \d|EM \d|🟦🟦|Last 4 check-ins/u);
    }
    expect(visibleText(await run(`whois <@${LEE}>`, LEE))).toContain("*Last 4 check-ins*");
    h.ctx.stores.people.setDigestPrivate(T, LEE, false);
  });

  it("team shows each hybrid's split and flags a split whose hat came off", async () => {
    let text = visibleText(await run("team", SAM));
    expect(text).toMatch(new RegExp(`<@${LEE}> — 🟦{5}🟩{4}⬜ TL 50 · EM 40 · other 10`, "u"));
    expect(text).toMatch(new RegExp(`<@${KIM}> — 🟦{3}🟪{7} TL 30 · Arch 70`, "u"));
    expect(text).not.toContain(":warning:");

    await run(`unassign <@${LEE}> engineering-manager`, ADMIN);
    text = visibleText(await run("team", SAM));
    expect(text).toContain(
      `<@${LEE}> — 🟦🟦🟦🟦🟦🟩🟩🟩🟩⬜ TL 50 · EM 40 · other 10 · :warning: the split names Engineering manager, no longer worn`,
    );
    // One hat left: /role allocate would refuse a restated split, so whois doesn't ask for one.
    const whois = visibleText(await run(`whois <@${LEE}>`, SAM));
    expect(whois).toContain(
      "One hat now (Tech lead); the last stated split (TL 50 · EM 40 · other 10, since 2026-11-23) no longer applies.",
    );
    expect(whois).not.toContain("Restate it");
    // Nothing was deleted: the split is still on record for the weeks it covered.
    expect(h.ctx.stores.allocations.inForce(T, LEE, "2026-11-23")?.split["engineering-manager"]).toBe(40);
  });

  it("whois for someone whose hats all came off says their old split no longer applies, not to restate it", async () => {
    const MAY = "U0MAY";
    h.fake.addUser({ id: MAY });
    await run(`assign <@${MAY}> tech-lead`, ADMIN);
    await run(`assign <@${MAY}> engineering-manager`, ADMIN);
    expect(visibleText(await run(`allocate <@${MAY}> tech-lead=70 engineering-manager=30`, ADMIN))).toContain(
      "TL 70 · EM 30",
    );
    await run(`unassign <@${MAY}> tech-lead`, ADMIN);
    await run(`unassign <@${MAY}> engineering-manager`, ADMIN);

    const ack = await run(`whois <@${MAY}>`, SAM);
    const text = visibleText(ack);
    expect(text).toContain(`<@${MAY}> wears no hats on any team today.`);
    expect(text).toContain(
      "No hats now; the last stated split (TL 70 · EM 30, since 2026-11-23) no longer applies.",
    );
    expect(text).not.toContain("Restate it");
    expect(ack.text).not.toContain("split TL 70");
    // What the old reply suggested is indeed refused, so it was a dead end.
    expect(visibleText(await run(`allocate <@${MAY}> tech-lead=70 engineering-manager=30`, ADMIN))).toContain(
      "wears no hats, so there is nothing to split",
    );
  });

  it("says so when a split is restated, and hands over to a scheduled split on its date", async () => {
    await run(`allocate <@${KIM}> architect=50 tech-lead=50 from 2026-12-07`, ADMIN, BRAVO);
    const before = history(KIM).length;
    const again = visibleText(await run(`allocate <@${KIM}> architect=70 tech-lead=30`, KIM, BRAVO));
    expect(again).toContain("split from 2026-11-23 is already");
    expect(again).toContain("nothing changed");
    expect(again).toContain(
      "A change already scheduled from 2026-12-07 (TL 50 · Arch 50) still takes over then.",
    );
    expect(history(KIM)).toHaveLength(before);

    h.clock.set("2026-12-07T09:00:00Z");
    try {
      const text = visibleText(await run(`whois <@${KIM}>`, SAM));
      expect(text).toContain("TL 50 · Arch 50  _since 2026-12-07_");
      expect(text).not.toContain(":calendar:");
      // The weeks before still read against the split in force then.
      expect(h.ctx.stores.allocations.inForce(T, KIM, "2026-12-06")?.split).toEqual({
        "tech-lead": 30,
        architect: 70,
      });
    } finally {
      h.clock.set("2026-11-23T12:00:00Z");
    }
  });
});

describe("/role allocate, team and whois: natural input and big teams", () => {
  let h: Harness;
  const run = async (text: string, user: string, channel = ALPHA, channelName = "alpha") =>
    (await h.command(text, { user, channel, channelName })).ack;
  const hat = (channelId: string, userId: string, role: RoleId) =>
    h.ctx.stores.hats.record(T, {
      channelId,
      userId,
      role,
      action: "assign",
      effectiveDate: "2026-11-02",
      recordedBy: ADMIN,
      recordedAt: "2026-11-02T09:00:00Z",
    });
  const blockTexts = (ack: { blocks?: unknown[] }) =>
    (ack.blocks ?? []).map((b) => (b as { text?: { text: string } }).text?.text ?? "");
  /** Every mention in the text is whole: none was cut in half to fit a block. */
  const wholeMentions = (text: string) =>
    (text.match(/<[@#]/g) ?? []).length === (text.match(/<[@#][A-Z0-9]+>/g) ?? []).length;

  beforeAll(async () => {
    h = await startHarness({ roleAdmins: [ADMIN], now: "2026-11-23T12:00:00Z" });
    h.fake.addUser({ id: LEE });
    await run(`assign <@${LEE}|lee> tech lead`, ADMIN);
    await run(`assign <@${LEE}|lee> eng manager`, ADMIN);
  });
  afterAll(async () => h.stop());

  it("takes the multi-word aliases and spaces around = that people type", async () => {
    const ack = await run(`allocate <@${LEE}|lee> tech lead=60 eng manager = 40`, LEE);
    expect(visibleText(ack)).toContain("From today (2026-11-23)");
    expect(h.ctx.stores.allocations.history(T, LEE).map((c) => c.split)).toEqual([
      { "tech-lead": 60, "engineering-manager": 40 },
    ]);
    const stray = await run(`allocate <@${LEE}|lee> tech lead=50 engineering-manager=50 please`, LEE);
    expect(visibleText(stray)).toContain("`please` should look like role=percent");
    expect(h.ctx.stores.allocations.history(T, LEE)).toHaveLength(1);
  });

  it("refuses a `from` day that does not exist, saying so, and writes nothing", async () => {
    const ack = await run(`allocate <@${LEE}|lee> TL=50 EM=50 from 2026-02-30`, LEE);
    expect(ack.response_type).toBe("ephemeral");
    expect(visibleText(ack)).toContain("`from 2026-02-30`: there is no such day");
    expect(visibleText(ack)).toContain(`Usage: \`${USAGE}\``);
    expect(h.ctx.stores.allocations.history(T, LEE)).toHaveLength(1);
  });

  it("does not take Slack's placeholder channel name for a direct message as the team's name", async () => {
    const dm = "D0LEEDM";
    await run(`assign <@${LEE}|lee> architect`, ADMIN, dm, "directmessage");
    const text = visibleText(await run("team", LEE, dm, "directmessage"));
    expect(text).toContain("Role map");
    expect(text).not.toContain("directmessage");
    expect(h.ctx.stores.teams.get(T, dm)?.name).toBeNull();
  });

  it("/role team lists all 40 hybrid leads of a big team, in whole lines and within Block Kit limits", async () => {
    const big = "C0BIG";
    const leads = Array.from({ length: 40 }, (_, i) => `U0BIG${String(i).padStart(6, "0")}`);
    for (const [i, lead] of leads.entries()) {
      hat(big, lead, "tech-lead");
      hat(big, lead, "engineering-manager");
      hat(big, lead, "architect");
      // Half the leads have a split that no longer matches their hats: the longest lines there are.
      if (i % 2)
        h.ctx.stores.allocations.record(T, {
          userId: lead,
          effectiveDate: "2026-11-02",
          split: { "tech-lead": 50, "product-manager": 50 },
          recordedBy: lead,
          recordedAt: "2026-11-02T09:00:00Z",
        });
    }
    const ack = await run("team", ADMIN, big, "big");
    expect(ack.blocks?.length).toBeLessThanOrEqual(50);
    for (const t of blockTexts(ack)) expect(t.length).toBeLessThanOrEqual(3000);
    const text = visibleText(ack);
    expect(wholeMentions(text)).toBe(true);
    for (const lead of leads) expect(text).toMatch(new RegExp(`• <@${lead}> — .*:warning:`));
  });

  it("/role whois for someone on 45 teams shows 40 of them whole and counts the rest", async () => {
    const many = "U0MANY";
    const teams = Array.from({ length: 45 }, (_, i) => `C0TEAM${String(i).padStart(5, "0")}`);
    for (const channel of teams) {
      hat(channel, many, "tech-lead");
      hat(channel, many, "engineering-manager");
      hat(channel, many, "architect");
      hat(channel, many, "product-manager");
    }
    const ack = await run(`whois <@${many}>`, ADMIN);
    for (const t of blockTexts(ack)) expect(t.length).toBeLessThanOrEqual(3000);
    const text = visibleText(ack);
    expect(wholeMentions(text)).toBe(true);
    expect(text).toContain(`• <#${teams[39]}>: Tech lead, Engineering manager, Architect, Product manager`);
    expect(text).toContain("…and 5 more teams");
  });
});
