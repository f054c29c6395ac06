import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, visibleText } from "./harness.ts";

const ADMIN = "U0ADMIN";
const MEMBER = "U0MEMBER";
const LEE = "U0LEE";
const SAM = "U0SAM";
const TEAM_A = "C0ALPHA";
const TEAM_B = "C0BRAVO";

describe("/role who-decides over signed HTTP", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ roleAdmins: [ADMIN] });
    for (const id of [MEMBER, LEE, SAM]) h.fake.addUser({ id });
    h.fake.addUser({ id: "U0OWNER", is_owner: true });
  });
  afterAll(async () => h.stop());

  const ask = async (question: string, channel = TEAM_A, user = MEMBER) =>
    (await h.command(`who-decides ${question}`, { user, channel })).ack;

  it("answers a member with the deciding role, consulted roles and why, ephemerally", async () => {
    const ack = await ask("who approves promotions?");
    expect(ack.response_type).toBe("ephemeral");
    const text = visibleText(ack);
    expect(text).toMatch(/^\*Engineering manager\* decides — nobody on this team wears this hat yet/);
    expect(text).toContain("/role assign @user engineering-manager");
    expect(text).toContain("Consulted:");
    expect(text).toMatch(/Why: your question mentions _promot/);
    expect(ack.text).toContain("Engineering manager decides");
  });

  it("names the person once an admin assigns the hat", async () => {
    const assigned = await h.command(`assign <@${LEE}|lee> EM`, {
      user: ADMIN,
      channel: TEAM_A,
      channelName: "alpha",
    });
    expect(visibleText(assigned.ack)).toContain(`<@${LEE}> is now *Engineering manager*`);
    const text = visibleText(await ask("who runs our one-on-ones"));
    expect(text).toContain(`*Engineering manager* decides — <@${LEE}> on this team`);
  });

  it("keeps another channel's role map separate", async () => {
    const text = visibleText(await ask("who runs our one-on-ones", TEAM_B));
    expect(text).toContain("nobody on this team wears this hat yet");
    expect(text).not.toContain(LEE);
  });

  it("refuses a non-admin's assign with who can assign, and writes nothing", async () => {
    const { ack } = await h.command(`assign <@${SAM}|sam> tech-lead`, { user: MEMBER, channel: TEAM_A });
    expect(ack.response_type).toBe("ephemeral");
    expect(visibleText(ack)).toContain("Only rolecall admins can do that");
    expect(visibleText(ack)).toContain("/role assign @user &lt;role&gt;");
    expect(h.ctx.stores.hats.history("T0ACME").some((c) => c.userId === SAM)).toBe(false);
  });

  it("lets a Slack workspace owner assign without being listed", async () => {
    const { ack } = await h.command(`assign <@${SAM}|sam> tech lead`, { user: "U0OWNER", channel: TEAM_A });
    expect(visibleText(ack)).toContain(`<@${SAM}> is now *Tech lead*`);
    expect(visibleText(await ask("which database should our team use?"))).toContain(
      `*Tech lead* decides — <@${SAM}> on this team`,
    );
  });

  it("lets decide override the answer for this channel only", async () => {
    const before = visibleText(await ask("which database should our team use?", TEAM_B));
    expect(before).toContain("*Tech lead* decides");
    const set = await h.command('decide "Database for the team\'s features" architect', {
      user: ADMIN,
      channel: TEAM_B,
    });
    expect(visibleText(set.ack)).toContain("now decides *Database for the team's features*");
    expect(visibleText(await ask("which database should our team use?", TEAM_B))).toContain(
      "*Architect* decides",
    );
    expect(visibleText(await ask("which database should our team use?", TEAM_A))).toContain(
      "*Tech lead* decides",
    );
  });

  it("can name one person as the decider for this channel", async () => {
    await h.command(`decide "sprint-planning" <@${SAM}|sam>`, { user: ADMIN, channel: TEAM_B });
    const text = visibleText(await ask("who runs sprint planning", TEAM_B));
    expect(text).toContain(`decides — <@${SAM}> (named for this channel)`);
  });

  it("never invents an owner for an out-of-domain question, and shows how to record one", async () => {
    const text = visibleText(await ask("who decides lunch?"));
    expect(text).toContain("I can't say with confidence who decides");
    expect(text).toContain("Closest areas");
    expect(text).toContain('/role decide "&lt;area title&gt;" &lt;role|@user&gt;');
    expect(text).not.toMatch(/\* decides —/);
  });

  it("adds a custom area from an admin's decide, matched by its title words afterwards", async () => {
    const unknown = visibleText(await ask("who owns the hackathon judging?"));
    expect(unknown).toContain("can't say with confidence");
    const created = await h.command('decide "Hackathon judging" product-manager', {
      user: ADMIN,
      channel: TEAM_A,
    });
    expect(visibleText(created.ack)).toContain("Added the custom area *Hackathon judging*");
    expect(visibleText(await ask("who owns the hackathon judging?"))).toContain("*Product manager* decides");
  });

  it("refuses decide from a non-admin and leaves the catalog alone", async () => {
    const before = h.ctx.stores.areas.list("T0ACME").length;
    const { ack } = await h.command('decide "Office plants" tech-lead', { user: MEMBER, channel: TEAM_A });
    expect(visibleText(ack)).toContain("Only rolecall admins can do that");
    expect(h.ctx.stores.areas.list("T0ACME").length).toBe(before);
  });

  it("quotes an unknown area's title escaped, so it cannot ping the channel, and adds nothing", async () => {
    const before = h.ctx.stores.areas.list("T0ACME").length;
    const { ack } = await h.command(`decide "<!channel> lunch" <@${MEMBER}|m>`, {
      user: ADMIN,
      channel: TEAM_A,
    });
    expect(ack.response_type).toBe("ephemeral");
    expect(visibleText(ack)).toContain('There is no area called "&lt;!channel&gt; lunch"');
    expect(visibleText(ack)).not.toContain("<!channel>");
    expect(h.ctx.stores.areas.list("T0ACME").length).toBe(before);
  });

  it("explains the right form when unassigning a hat the person does not wear", async () => {
    const { ack } = await h.command(`unassign <@${MEMBER}|m> architect`, { user: ADMIN, channel: TEAM_A });
    expect(visibleText(ack)).toContain("doesn't wear the *Architect* hat on this team; nothing changed");
  });
});

describe("/role areas", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ roleAdmins: [ADMIN] });
  });
  afterAll(async () => h.stop());

  it("lists the catalog grouped by deciding role, paginated within 50 blocks even with 300 custom areas", async () => {
    const first = await h.command("areas", { user: MEMBER, channel: TEAM_A });
    const text = visibleText(first.ack);
    for (const role of ["Tech lead decides", "Engineering manager decides"]) expect(text).toContain(role);
    expect(first.ack.blocks?.length).toBeLessThanOrEqual(50);

    const ctx = h.ctx;
    const now = h.clock.now();
    for (let i = 0; i < 300; i++) {
      ctx.stores.areas.addCustom(
        "T0ACME",
        {
          id: `custom-bulk-${i}`,
          title: `Bulk area number ${i}`,
          description: "Added in bulk.",
          keywords: [`bulk${i}`],
          decider: "architect",
          consulted: [],
          informed: [],
          source: "custom",
        },
        ADMIN,
        now,
      );
    }
    const page1 = await h.command("areas", { user: MEMBER, channel: TEAM_A });
    const footer = visibleText(page1.ack).match(/Page 1 of (\d+)/);
    expect(footer).not.toBeNull();
    const pages = Number(footer?.[1]);
    expect(pages).toBeGreaterThan(1);
    let seen = 0;
    for (let p = 1; p <= pages; p++) {
      const { ack } = await h.command(`areas ${p}`, { user: MEMBER, channel: TEAM_A });
      expect(ack.blocks?.length ?? 0).toBeLessThanOrEqual(50);
      for (const b of ack.blocks ?? []) {
        const t = (b as { text?: { text?: string } }).text?.text ?? "";
        expect(t.length).toBeLessThanOrEqual(3000);
        seen += (t.match(/^• /gm) ?? []).length;
      }
    }
    expect(seen).toBe(ctx.stores.areas.list("T0ACME").length);
    const past = await h.command(`areas ${pages + 1}`, { user: MEMBER, channel: TEAM_A });
    expect(visibleText(past.ack)).toContain(`/role areas ${pages}`);
  });
});
