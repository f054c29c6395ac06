import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearTeamSizeCache } from "../../src/delivery/digest-slack-reads.ts";
import { createJobs } from "../../src/jobs/index.ts";
import { CheckinSeedStore, type SeededAnswer } from "../../src/store/checkin-seed.ts";
import { eventually, type Harness, type Message, startHarness, visibleText } from "./harness.ts";

// The workspace runs on Berlin time. November 2026's digest is due on Tuesday 1 December 2026 (the
// first working day) at 10:00 Berlin = 09:00Z. November's weeks are those whose Thursday is in
// November: W45 (Thu 5 Nov) … W48 (Thu 26 Nov). W44 (Mon 26 Oct – Sun 1 Nov) is October's.
const T = "T0ACME";
const TZ = "Europe/Berlin";
const ADMIN = "U0ADMIN";
const LEE = "U0LEE";
const KIM = "U0KIM";
const ALPHA = "C0ALPHA";
const DUE = "2026-12-01T09:00:00Z";
const TL = (tl: number): SeededAnswer => ({
  kind: "split",
  split: { "tech-lead": tl, "engineering-manager": 100 - tl },
});

type Lead = { id: string; name: string; split: [number, number]; answers: Record<string, SeededAnswer> };

/**
 * LEE, a TL+EM on #alpha: 60/40 from 1 September, restated 70/30 from 16 November (mid-month).
 * October: every week TL 70 (drift +10). November: W45 TL 80, W46 TL 90, W47 away (away range over
 * its Friday), W48 never answered. W44 (Thu 29 Oct) is October's: were it November's, actual would be 80.
 */
const LEE_LEAD: Lead = {
  id: LEE,
  name: "Lee",
  split: [60, 40],
  answers: {
    "2026-W40": TL(70),
    "2026-W41": TL(70),
    "2026-W42": TL(70),
    "2026-W43": TL(70),
    "2026-W44": TL(70), // Mon 26 Oct – Sun 1 Nov: October's, by its Thursday
    "2026-W45": TL(80),
    "2026-W46": TL(90),
  },
};

/** KIM: a TL+EM at 30/70 who really codes 95% of the time; numbers nobody else on the team has. */
const KIM_LEAD: Lead = {
  id: KIM,
  name: "Kim",
  split: [30, 70],
  answers: {
    "2026-W45": TL(95),
    "2026-W46": TL(95),
    "2026-W47": TL(95),
    "2026-W48": TL(95),
  },
};

async function role(h: Harness, text: string, user: string, channel = ALPHA): Promise<string> {
  const { ack, responses } = await h.command(text, { user, channel, channelName: channel.toLowerCase() });
  if (!visibleText(ack).includes("Working on it")) return visibleText(ack);
  const [final] = await eventually(() => (responses().length ? responses() : undefined), `/role ${text}`);
  return visibleText(final);
}

/** The final answer to a /role command (from the ack, or from response_url when it was slow). */
async function answer(h: Harness, text: string, user: string, channel = ALPHA): Promise<Message> {
  const { ack, responses } = await h.command(text, { user, channel, channelName: channel.toLowerCase() });
  if (!visibleText(ack).includes("Working on it")) return ack;
  const [final] = await eventually(() => (responses().length ? responses() : undefined), `/role ${text}`);
  return final as Message;
}

/** A workspace on Berlin time with one team per channel, its leads' hats, splits and check-ins. */
async function setUp(h: Harness, teams: { channel: string; leads: Lead[] }[]): Promise<void> {
  h.clock.set("2026-09-01T10:00:00Z");
  h.ctx.stores.workspaces.ensure(T, h.clock.now());
  h.ctx.stores.workspaces.update(T, { timezone: TZ });
  h.fake.addUser({ id: ADMIN, name: "Admin" });
  const allocated = new Set<string>();
  for (const { channel, leads } of teams) {
    for (const lead of leads) {
      h.fake.addUser({ id: lead.id, name: lead.name, tz: TZ });
      for (const r of ["tech-lead", "engineering-manager"]) {
        expect(await role(h, `assign <@${lead.id}> ${r}`, ADMIN, channel)).toContain("is now");
      }
      // A split is the person's, whichever team they lead: state it once.
      if (allocated.has(lead.id)) continue;
      allocated.add(lead.id);
      const [tl, em] = lead.split;
      expect(
        await role(h, `allocate <@${lead.id}> tech-lead=${tl} engineering-manager=${em}`, ADMIN, channel),
      ).toContain("split is");
    }
  }
  const seed = new CheckinSeedStore(h.ctx.stores.db);
  for (const { leads } of teams) {
    for (const lead of leads) {
      for (const [week, a] of Object.entries(lead.answers)) {
        seed.answer(T, lead.id, week, a, new Date("2026-11-27T15:00:00Z"));
      }
    }
  }
}

/** LEE's mid-month restatement and away week (only LEE has them). */
async function leeMidMonthChange(h: Harness): Promise<void> {
  expect(
    await role(h, `allocate <@${LEE}> tech-lead=70 engineering-manager=30 from 2026-11-16`, ADMIN),
  ).toContain("Scheduled");
  new CheckinSeedStore(h.ctx.stores.db).away(T, LEE, "2026-11-16", "2026-11-20", h.clock.now());
}

/** The monthly-digest job as registered, run at `at` (the scheduler is off in tests). */
async function tick(h: Harness, at: string): Promise<unknown> {
  h.clock.set(at);
  const job = createJobs(h.running.client, h.ctx).find((j) => j.name === "monthly-digest");
  if (!job) throw new Error("the monthly digest job is not registered");
  return job.run(h.clock.now());
}

function digestPosts(h: Harness, channel?: string) {
  return h.fake
    .callsTo("chat.postMessage")
    .filter((c) => visibleText(c.params).includes("Role drift digest"))
    .filter((c) => channel === undefined || c.params.channel === channel);
}

function dmsTo(h: Harness, user: string) {
  return h.fake.callsTo("chat.postMessage").filter((c) => c.params.channel === `D${user}`);
}

describe("the monthly digest job: when, where, what, exactly once", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ roleAdmins: [ADMIN] });
    await setUp(h, [{ channel: ALPHA, leads: [LEE_LEAD] }]);
    await leeMidMonthChange(h);
  });
  afterAll(async () => h.stop());

  it("posts nothing before 10:00 on the first working day", async () => {
    await tick(h, "2026-11-30T23:00:00Z"); // still November in Berlin
    await tick(h, "2026-12-01T08:59:00Z"); // 09:59 in Berlin
    expect(digestPosts(h)).toEqual([]);
    expect(h.ctx.stores.digests.get(T, ALPHA, "2026-11")).toBeUndefined();
  });

  it("posts November's digest at 10:00 to the team channel, with what a lead needs to read", async () => {
    await tick(h, DUE);
    const posts = digestPosts(h);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.params.channel).toBe(ALPHA);
    const text = visibleText(posts[0]?.params);
    expect(text).toContain("Role drift digest — November 2026");
    expect(text).toContain(`<@${LEE}>`);
    // Stated: weighted by the weeks each split was in force (2 weeks at 60/40, 2 at 70/30).
    expect(text).toContain("TL 65% · EM 35%");
    expect(text).toContain("weighted by weeks: TL 60% · EM 40%, then TL 70% · EM 30% from 2026-11-16");
    // Actual: the two answered weeks only; W44's TL 0 belongs to October (its Thursday).
    expect(text).toContain("TL 85% · EM 15%");
    // Drift against the split in force in the answered weeks (60/40), not today's.
    expect(text).toContain("TL +25 pp · EM −25 pp");
    expect(text).toContain("vs TL 60% · EM 40% in force in the answered weeks");
    expect(text).toContain("over 15 pp");
    expect(text).toContain("2 answered · 1 away · 1 missing");
    expect(text).toContain("↑ growing (last month 10 pp)");
    expect(text).toContain("a week counts in the month of its Thursday");
    expect(h.ctx.stores.digests.get(T, ALPHA, "2026-11")?.state).toBe("posted");
  });

  it("uploads the chart as a PNG to the same channel through Slack's external upload", async () => {
    expect(h.fake.callsTo("files.getUploadURLExternal")).toHaveLength(1);
    const [upload] = h.fake.callsTo("upload");
    expect(Number(upload?.params.bytes)).toBeGreaterThan(5_000);
    const [complete] = h.fake.callsTo("files.completeUploadExternal");
    expect(complete?.params.channel_id).toBe(ALPHA);
    expect(complete?.params.files).toEqual([
      { id: upload?.params.id, title: "Technical share, stated vs actual — November 2026" },
    ]);
    const [getUrl] = h.fake.callsTo("files.getUploadURLExternal");
    expect(String(getUrl?.params.filename)).toMatch(/\.png$/);
    expect(Number(getUrl?.params.length)).toBe(Number(upload?.params.bytes));
  });

  it("sends the chart's alt text as alt_txt, the argument files.getUploadURLExternal documents", () => {
    const params = h.fake.callsTo("files.getUploadURLExternal")[0]?.params ?? {};
    expect(params.alt_txt).toBe(
      "Line chart of technical share per lead, stated vs actual, by month. Latest month — Lee: stated 65%, actual 85%.",
    );
    expect(params).not.toHaveProperty("alt_text");
  });

  it("posts nothing more on a second tick, on concurrent ticks, or after a restart", async () => {
    await tick(h, DUE);
    await Promise.all([tick(h, "2026-12-01T09:01:00Z"), tick(h, "2026-12-01T09:01:00Z")]);
    await h.restart();
    await tick(h, "2026-12-01T09:02:00Z");
    await tick(h, "2026-12-15T12:00:00Z");
    expect(digestPosts(h)).toHaveLength(1);
    expect(h.fake.callsTo("files.completeUploadExternal")).toHaveLength(1);
  });

  it("catches up when the bot was down at the due time, then posts that month once", async () => {
    // December's digest was due Friday 1 January 2027 at 10:00; the bot comes back on the 5th.
    await h.restart();
    await tick(h, "2027-01-05T13:37:00Z");
    const december = digestPosts(h).filter((c) => visibleText(c.params).includes("December 2026"));
    expect(december).toHaveLength(1);
    // No December answers: every December week of LEE's is missing, never "as planned".
    expect(visibleText(december[0]?.params)).toContain("0 answered · 0 away · 5 missing");
    expect(visibleText(december[0]?.params)).toContain("no answers this month");
    await tick(h, "2027-01-05T13:38:00Z");
    expect(digestPosts(h)).toHaveLength(2);
  });
});

describe("the digest's time and channel are configurable", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ roleAdmins: [ADMIN] });
    await setUp(h, [{ channel: ALPHA, leads: [LEE_LEAD] }]);
    h.ctx.stores.workspaces.update(T, { digestTime: "14:30" });
    h.ctx.stores.teams.update(T, ALPHA, { digestChannelId: "C0LEADS" });
  });
  afterAll(async () => h.stop());

  it("waits for the workspace's digest_time and posts to the team's digest channel", async () => {
    await tick(h, DUE);
    expect(digestPosts(h)).toEqual([]);
    await tick(h, "2026-12-01T13:30:00Z"); // 14:30 in Berlin
    expect(digestPosts(h).map((c) => c.params.channel)).toEqual(["C0LEADS"]);
    expect(h.fake.callsTo("files.completeUploadExternal")[0]?.params.channel_id).toBe("C0LEADS");
  });
});

describe.each(["files.getUploadURLExternal", "files.completeUploadExternal"])(
  "a chart upload failing at %s",
  (method) => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ roleAdmins: [ADMIN] });
      await setUp(h, [{ channel: ALPHA, leads: [LEE_LEAD] }]);
      h.fake.script(method, () => ({ json: { ok: false, error: "internal_error" } }));
      await tick(h, DUE);
    });
    afterAll(async () => h.stop());

    it("still posts the text digest, and logs and records the failure", () => {
      const posts = digestPosts(h, ALPHA);
      expect(posts).toHaveLength(1);
      expect(visibleText(posts[0]?.params)).toContain("TL 85% · EM 15%");
      expect(h.logs).toContainEqual({
        level: "warn",
        text: "The 2026-11 digest chart of C0ALPHA was not uploaded: internal_error",
      });
      expect(h.ctx.stores.digests.get(T, ALPHA, "2026-11")).toMatchObject({
        state: "posted",
        chartError: "internal_error",
      });
    });

    it("corrects the message so it no longer promises a chart below", () => {
      const [update] = h.fake.callsTo("chat.update");
      expect(update?.params.channel).toBe(ALPHA);
      const posted = h.ctx.stores.digests.get(T, ALPHA, "2026-11")?.messageTs;
      expect(posted).toMatch(/^\d+\.\d+$/);
      expect(update?.params.ts).toBe(posted);
      expect(visibleText(update?.params)).toContain("The chart could not be attached this month.");
      expect(visibleText(update?.params)).not.toContain("The chart below");
    });

    it("does not post the text again on later ticks", async () => {
      await tick(h, "2026-12-01T11:00:00Z");
      await tick(h, "2026-12-02T09:00:00Z");
      expect(digestPosts(h, ALPHA)).toHaveLength(1);
    });
  },
);

describe("privacy", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ roleAdmins: [ADMIN] });
    await setUp(h, [{ channel: ALPHA, leads: [LEE_LEAD, KIM_LEAD] }]);
    expect(await role(h, "digest private", KIM)).toContain("now private");
    await tick(h, DUE);
  });
  afterAll(async () => h.stop());

  it("keeps a private lead's figures out of the channel post and shows no aggregate in a team of 2", () => {
    const [post] = digestPosts(h, ALPHA);
    const text = visibleText(post?.params);
    expect(text).toContain(`<@${LEE}>`);
    expect(text).not.toContain(`<@${KIM}>`);
    expect(text).not.toContain("95%");
    expect(text).not.toContain("TL 30%");
    expect(text).not.toContain("Private leads");
    expect(text).toContain("1 lead keeps their numbers private");
    // The chart (its alt text lists every series) shows only the public lead.
    const alt = String(h.fake.callsTo("files.getUploadURLExternal")[0]?.params.alt_txt);
    expect(alt).toContain("Lee: stated");
    expect(alt).not.toContain("Kim");
  });

  it("sends the private lead their own figures by DM", () => {
    const dms = dmsTo(h, KIM);
    expect(dms).toHaveLength(1);
    const text = visibleText(dms[0]?.params);
    expect(text).toContain("Your role drift — November 2026");
    expect(text).toContain("only you see this");
    expect(text).toContain("TL 30% · EM 70%");
    expect(text).toContain("TL 95% · EM 5%");
    expect(text).toContain("TL +65 pp · EM −65 pp");
    expect(text).toContain("4 answered · 0 away · 0 missing");
    // A public lead gets no DM: their figures are in the channel.
    expect(dmsTo(h, LEE)).toEqual([]);
  });
});

describe("/role digest preview, private and public", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ roleAdmins: [ADMIN] });
    await setUp(h, [{ channel: ALPHA, leads: [LEE_LEAD, KIM_LEAD] }]);
    await leeMidMonthChange(h);
    h.clock.set("2026-12-03T12:00:00Z");
  });
  afterAll(async () => h.stop());

  it("shows last month's digest only to the person who asked, and posts nothing", async () => {
    const reply = await answer(h, "digest preview", "U0ANYONE");
    expect(reply.response_type).toBe("ephemeral");
    const text = visibleText(reply);
    expect(text).toContain("Role drift digest — November 2026");
    expect(text).toContain("Preview, only visible to you.");
    expect(text).toContain("TL +25 pp · EM −25 pp");
    expect(text).toContain(`<@${KIM}>`);
    expect(digestPosts(h)).toEqual([]);
    expect(h.fake.callsTo("files.getUploadURLExternal")).toEqual([]);
  });

  it("previews a given month", async () => {
    const text = visibleText(await answer(h, "digest preview 2026-10", "U0ANYONE"));
    expect(text).toContain("Role drift digest — October 2026");
    expect(text).toContain("TL 70% · EM 30%"); // LEE's October actual
  });

  it("refuses a month not started and a malformed month, with the right form", async () => {
    for (const [arg, problem] of [
      ["2027-05", "May 2027 has not started yet"],
      ["nov", "The month must look like 2026-11."],
      ["0000-05", "rolecall has nothing before January 2000"],
    ]) {
      const reply = await answer(h, `digest preview ${arg}`, "U0ANYONE");
      expect(reply.response_type).toBe("ephemeral");
      expect(visibleText(reply)).toContain(problem);
      expect(visibleText(reply)).toContain("/role digest preview [YYYY-MM] | private | public");
    }
  });

  it("`private` hides the lead's figures from the channel digest, `public` brings them back", async () => {
    expect(await role(h, "digest private", LEE)).toContain("Your drift figures are now private");
    expect(h.ctx.stores.people.get(T, LEE)?.digestPrivate).toBe(true);
    const hidden = visibleText(await answer(h, "digest preview", "U0ANYONE"));
    expect(hidden).not.toContain(`<@${LEE}>`);
    expect(hidden).not.toContain("TL +25 pp");
    // LEE's own preview still shows them, marked private.
    const own = visibleText(await answer(h, "digest preview", LEE));
    expect(own).toContain("Your own figures");
    expect(own).toContain("TL +25 pp · EM −25 pp");

    expect(await role(h, "digest private", LEE)).toContain("already private; nothing changed");
    expect(await role(h, "digest public", LEE)).toContain("Your drift figures are public again");
    expect(h.ctx.stores.people.get(T, LEE)?.digestPrivate).toBe(false);
    const shown = visibleText(await answer(h, "digest preview", "U0ANYONE"));
    expect(shown).toContain(`<@${LEE}>`);
    expect(shown).toContain("TL +25 pp · EM −25 pp");
  });

  it("refuses `private` with arguments, with the right form", async () => {
    const reply = await answer(h, "digest private please", LEE);
    expect(visibleText(reply)).toContain("`private` takes no arguments.");
    expect(visibleText(reply)).toContain("/role digest preview [YYYY-MM] | private | public");
  });
});

describe("team size for the split rule", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ roleAdmins: [ADMIN] });
    await setUp(h, [
      { channel: "C0NINE", leads: [LEE_LEAD] },
      { channel: "C0EIGHT", leads: [KIM_LEAD] },
    ]);
    const humans = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => {
        const id = `U0${prefix}${i}`;
        h.fake.addUser({ id });
        return id;
      });
    h.fake.addUser({ id: "U0BOT", is_bot: true });
    h.fake.addUser({ id: "U0GONE", deleted: true });
    const nonHumans = ["U0BOT", "U0GONE", "USLACKBOT", "U0UNKNOWN"];
    h.fake.channelMembers.set("C0NINE", [LEE, ...humans(8, "N"), ...nonHumans]);
    h.fake.channelMembers.set("C0EIGHT", [KIM, ...humans(7, "E"), ...nonHumans]);
    clearTeamSizeCache();
  });
  afterAll(async () => h.stop());

  it("counts the channel's people, not bots or deactivated accounts, and fires from 9", async () => {
    await tick(h, DUE);
    const nine = visibleText(digestPosts(h, "C0NINE")[0]?.params);
    expect(nine).toContain("Team size: 9 people in the channel");
    expect(nine).toContain(
      `This team has 9 engineers and <@${LEE}> wears both the tech-lead and the engineering-manager hat`,
    );
    const eight = visibleText(digestPosts(h, "C0EIGHT")[0]?.params);
    expect(eight).toContain("Team size: 8 people in the channel");
    expect(eight).not.toContain("split the role");
    expect(h.fake.callsTo("conversations.members").map((c) => c.params.channel)).toEqual(
      expect.arrayContaining(["C0NINE", "C0EIGHT"]),
    );
  });

  it("prefers a configured headcount to the channel's members", async () => {
    h.ctx.stores.teams.update(T, "C0EIGHT", { headcount: 12 });
    const text = visibleText(await answer(h, "digest preview", "U0ANYONE", "C0EIGHT"));
    expect(text).toContain("Team size: 12 (configured headcount)");
    expect(text).toContain(`This team has 12 engineers and <@${KIM}> wears both`);
  });
});

describe("one team's Slack failure, and a team without a hybrid lead", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ roleAdmins: [ADMIN] });
    await setUp(h, [
      { channel: "C0AAGONE", leads: [KIM_LEAD] }, // sorts first: the job meets its failure first
      { channel: ALPHA, leads: [LEE_LEAD] },
    ]);
    h.fake.addUser({ id: "U0ARCH", name: "Arch" });
    expect(await role(h, "assign <@U0ARCH> architect", ADMIN, "C0SOLO")).toContain("is now");
    h.fake.script("chat.postMessage", (params) =>
      params.channel === "C0AAGONE" ? { json: { ok: false, error: "not_in_channel" } } : undefined,
    );
    await tick(h, DUE);
  });
  afterAll(async () => h.stop());

  it("still posts the other teams' digests and records the failure for a retry", () => {
    expect(digestPosts(h, ALPHA)).toHaveLength(1);
    expect(h.ctx.stores.digests.get(T, "C0AAGONE", "2026-11")).toMatchObject({
      state: "failed",
      lastError: "not_in_channel (invite @rolecall to the channel, or fix the team's digest channel)",
    });
  });

  it("posts nothing for a month in which the team had no hybrid lead", () => {
    expect(h.fake.callsTo("chat.postMessage").filter((c) => c.params.channel === "C0SOLO")).toEqual([]);
    expect(h.ctx.stores.digests.get(T, "C0SOLO", "2026-11")?.state).toBe("skipped");
  });
});

describe("a team with many hybrid leads: one health sentence per rule", () => {
  // 15 TL+EM leads stated at 60/40 who code 95% of the time from September: each is over 15 pp for
  // 3 months (persistent drift) and at 90%+ technical for 3 months (nobody mentored).
  const many: Lead[] = Array.from({ length: 15 }, (_, i) => ({
    id: `U0L${String(i).padStart(2, "0")}`,
    name: `Lead ${i}`,
    split: [60, 40],
    answers: Object.fromEntries(
      Array.from({ length: 13 }, (_, w) => [`2026-W${String(36 + w).padStart(2, "0")}`, TL(95)]),
    ),
  }));
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ roleAdmins: [ADMIN] });
    await setUp(h, [{ channel: ALPHA, leads: many }]);
    await tick(h, DUE);
  });
  afterAll(async () => h.stop());

  it("names every lead, by mention, in a single sentence per rule", () => {
    const [post] = digestPosts(h, ALPHA);
    const blocks = (post?.params.blocks ?? []) as { type: string; text?: { text: string } }[];
    const health = blocks
      .map((b) => b.text?.text ?? "")
      .filter((t) => t.startsWith("*Health checks*"))
      .join("\n");
    const sentences = health.split("\n").filter((l) => l.startsWith("• "));
    expect(sentences).toHaveLength(2);
    const [mentored, drift] = sentences;
    expect(mentored).toContain('a risk of "nobody feels mentored"');
    expect(drift).toContain(
      "have drifted more than 15 pp from the stated allocation for 3+ months in a row: revisit the allocation, or the role split.",
    );
    for (const sentence of sentences) {
      for (const lead of many) expect(sentence).toContain(`<@${lead.id}>`);
      expect(sentence).not.toContain("others");
    }
    expect(String(post?.params.text)).toContain(
      "15 hybrid leads, 15 over the 15 pp threshold, 2 health notes.",
    );
    // Slack's limits: 50 blocks, 3,000 characters per section.
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const b of blocks) expect((b.text?.text ?? "").length).toBeLessThanOrEqual(3000);
  });
});

describe("a private lead of two teams", () => {
  const BETA = "C0BETA";
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ roleAdmins: [ADMIN] });
    await setUp(h, [
      { channel: ALPHA, leads: [LEE_LEAD, KIM_LEAD] },
      { channel: BETA, leads: [KIM_LEAD] },
    ]);
    expect(await role(h, "digest private", KIM)).toContain("now private");
    await tick(h, DUE);
  });
  afterAll(async () => h.stop());

  it("gets one DM for the month, covering both teams", async () => {
    expect(digestPosts(h, ALPHA)).toHaveLength(1);
    expect(digestPosts(h, BETA)).toHaveLength(1);
    const dms = dmsTo(h, KIM);
    expect(dms).toHaveLength(1);
    const text = visibleText(dms[0]?.params);
    expect(text).toContain(`Your figures on <#${ALPHA}> and <#${BETA}>`);
    // The same figures on both teams show once.
    expect(text.split("TL +65 pp · EM −65 pp")).toHaveLength(2);
    await h.restart();
    await tick(h, "2026-12-01T09:05:00Z");
    expect(dmsTo(h, KIM)).toHaveLength(1);
  });
});

describe("a private lead whose team's digest cannot be posted", () => {
  const GONE = "C0GONE";
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ roleAdmins: [ADMIN] });
    await setUp(h, [{ channel: GONE, leads: [KIM_LEAD] }]);
    expect(await role(h, "digest private", KIM, GONE)).toContain("now private");
    h.fake.script("chat.postMessage", (params) =>
      params.channel === GONE ? { json: { ok: false, error: "not_in_channel" } } : undefined,
    );
  });
  afterAll(async () => h.stop());

  it("gets their figures by DM once, when the post is given up after its retries", async () => {
    // Attempts at 10:00, then after 15, 30, 60 and 120 more minutes: the fifth is the last.
    for (const at of ["09:00", "09:15", "09:45", "10:45"]) {
      await tick(h, `2026-12-01T${at}:00Z`);
      expect(dmsTo(h, KIM)).toEqual([]);
    }
    await tick(h, "2026-12-01T12:45:00Z");
    expect(h.ctx.stores.digests.get(T, GONE, "2026-11")).toMatchObject({ state: "failed", attempts: 5 });
    const dms = dmsTo(h, KIM);
    expect(dms).toHaveLength(1);
    const text = visibleText(dms[0]?.params);
    expect(text).toContain("TL +65 pp · EM −65 pp");
    expect(text).toContain(`The digest of <#${GONE}> could not be posted in the channel this month`);
    await tick(h, "2026-12-01T16:00:00Z");
    await tick(h, "2026-12-02T09:00:00Z");
    expect(dmsTo(h, KIM)).toHaveLength(1);
  });
});

/** The next `times` builds of a digest fail (a store error while loading its inputs), then they work again. */
function failBuilds(h: Harness, times = 1): void {
  const inputs = h.ctx.stores.digests.inputs;
  const load = inputs.load.bind(inputs);
  let left = times;
  inputs.load = (req) => {
    if (left-- > 0) throw new Error("SQLITE_IOERR: disk I/O error");
    return load(req);
  };
}

describe("the digest post, exactly once across crashes", () => {
  const MONTH = "2026-11";
  const dueAnd = (minutes: number) => new Date(new Date(DUE).getTime() + minutes * 60_000).toISOString();
  /** The digests the stand-in's workspace shows in the channel, recognised by their metadata. */
  const shown = (h: Harness) => h.fake.marked(ALPHA, "rolecall_digest");
  const charts = (h: Harness) => (h.fake.messages.get(ALPHA) ?? []).filter((m) => m.files?.length);
  const count = async (h: Harness, metric: "digestsReconciled" | "digestsUnverified") =>
    (await h.ctx.metrics[metric].get()).values[0]?.value ?? 0;
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ roleAdmins: [ADMIN] });
    await setUp(h, [{ channel: ALPHA, leads: [LEE_LEAD] }]);
  });
  afterEach(async () => h.stop());

  it("marks the post with its workspace, team channel and month", async () => {
    await tick(h, DUE);
    expect(digestPosts(h)[0]?.params.metadata).toEqual({
      event_type: "rolecall_digest",
      event_payload: { team: T, channel: ALPHA, month: MONTH },
    });
    expect(shown(h)).toHaveLength(1);
    // A first attempt has nothing to look for: no history read.
    expect(h.fake.callsTo("conversations.history")).toEqual([]);
  });

  it("a claim whose post never reached Slack is posted once the grace period is over", async () => {
    // A crash right after the claim, before the call.
    expect(h.ctx.stores.digests.claim(T, ALPHA, MONTH, { state: "none" }, new Date(DUE))).toBe(true);
    await tick(h, dueAnd(4));
    expect(digestPosts(h)).toEqual([]);
    await tick(h, dueAnd(5));
    expect(shown(h)).toHaveLength(1);
    const [look] = h.fake.callsTo("conversations.history");
    expect(look?.params).toMatchObject({ channel: ALPHA, include_all_metadata: "true" });
    expect(Number(look?.params.oldest)).toBeLessThan(new Date(DUE).getTime() / 1000);
    expect(Number(look?.params.limit)).toBeLessThanOrEqual(20);
    expect(charts(h)).toHaveLength(1);
    for (const t of [dueAnd(30), dueAnd(600)]) await tick(h, t);
    expect(digestPosts(h)).toHaveLength(1);
    expect(h.ctx.stores.digests.get(T, ALPHA, MONTH)).toMatchObject({
      state: "posted",
      messageTs: shown(h)[0]?.ts,
    });
  });

  it("a post Slack accepted whose outcome was never recorded is recorded, not posted again; its chart follows once", async () => {
    const release = h.fake.holdReplies("chat.postMessage");
    h.clock.set(DUE);
    const job = createJobs(h.running.client, h.ctx).find((j) => j.name === "monthly-digest");
    const first = job?.run(new Date(DUE));
    await eventually(() => h.fake.heldReplies === 1, "the digest posted, unanswered");
    await h.restart(); // the process dies here; the channel shows the digest
    release();
    await first;
    expect(h.ctx.stores.digests.get(T, ALPHA, MONTH)?.state).toBe("claimed");
    expect(charts(h)).toEqual([]);
    await tick(h, dueAnd(2));
    await tick(h, dueAnd(5));
    expect(digestPosts(h)).toHaveLength(1);
    expect(h.ctx.stores.digests.get(T, ALPHA, MONTH)).toMatchObject({
      state: "posted",
      messageTs: shown(h)[0]?.ts,
    });
    // The crash came before the chart: it is uploaded now, once.
    expect(charts(h)).toHaveLength(1);
    expect(await count(h, "digestsReconciled")).toBe(1);
    expect(
      h.logs.some((l) => /2026-11 digest of C0ALPHA reconciled: already posted to C0ALPHA/.test(l.text)),
    ).toBe(true);
    await tick(h, dueAnd(60));
    expect(digestPosts(h)).toHaveLength(1);
    expect(charts(h)).toHaveLength(1);
  });

  it("a look that fails keeps the earlier claim in doubt: the retry still looks back to it", async () => {
    const release = h.fake.holdReplies("chat.postMessage");
    h.clock.set(DUE);
    const job = createJobs(h.running.client, h.ctx).find((j) => j.name === "monthly-digest");
    const first = job?.run(new Date(DUE));
    await eventually(() => h.fake.heldReplies === 1, "the digest posted, unanswered");
    await h.restart();
    release();
    await first;
    h.fake.script("conversations.history", () => ({ json: { ok: false, error: "internal_error" } }));
    // Taken over well after the post: the look fails, so the claim it took over stays the one in doubt.
    await tick(h, dueAnd(30));
    expect(h.ctx.stores.digests.get(T, ALPHA, MONTH)).toMatchObject({
      state: "failed",
      claimedAt: new Date(DUE).toISOString(),
    });
    h.fake.unscript("conversations.history");
    await tick(h, dueAnd(45));
    expect(h.ctx.stores.digests.get(T, ALPHA, MONTH)?.state).toBe("posted");
    expect(digestPosts(h)).toHaveLength(1);
  });

  it("a takeover whose build fails keeps the crashed attempt in doubt: the retry finds its post", async () => {
    const release = h.fake.holdReplies("chat.postMessage");
    h.clock.set(DUE);
    const job = createJobs(h.running.client, h.ctx).find((j) => j.name === "monthly-digest");
    const first = job?.run(new Date(DUE));
    await eventually(() => h.fake.heldReplies === 1, "the digest posted, unanswered");
    await h.restart(); // the process dies here; the channel shows the digest
    release();
    await first;
    failBuilds(h);
    // Taken over further from the post than the look-back margin, and the build fails.
    await tick(h, dueAnd(30));
    expect(h.ctx.stores.digests.get(T, ALPHA, MONTH)).toMatchObject({
      state: "failed",
      claimedAt: new Date(DUE).toISOString(),
    });
    for (const m of [45, 100, 240]) await tick(h, dueAnd(m));
    expect(shown(h)).toHaveLength(1);
    expect(h.ctx.stores.digests.get(T, ALPHA, MONTH)).toMatchObject({
      state: "posted",
      messageTs: shown(h)[0]?.ts,
    });
  });

  it("a retry after a lost reply whose build fails keeps the first attempt in doubt", async () => {
    let lost = false;
    let postsDown = true;
    h.fake.script("chat.postMessage", (params) => {
      if (params.channel !== ALPHA || !postsDown) return undefined;
      // Slack posts the digest and its reply is lost; the client's own retries are refused outright.
      const tookEffect = !lost;
      lost = true;
      return { status: 500, body: "Internal Server Error", tookEffect };
    });
    await tick(h, DUE);
    expect(shown(h)).toHaveLength(1);
    expect(h.ctx.stores.digests.get(T, ALPHA, MONTH)?.state).toBe("failed");
    postsDown = false;
    failBuilds(h);
    await tick(h, dueAnd(15));
    expect(h.ctx.stores.digests.get(T, ALPHA, MONTH)).toMatchObject({
      state: "failed",
      attempts: 2,
      claimedAt: new Date(DUE).toISOString(),
    });
    for (const m of [30, 60, 120, 240]) await tick(h, dueAnd(m));
    expect(shown(h)).toHaveLength(1);
    expect(h.ctx.stores.digests.get(T, ALPHA, MONTH)).toMatchObject({
      state: "posted",
      messageTs: shown(h)[0]?.ts,
    });
  });

  it("a reconciled post whose chart is already in the channel gets no second chart", async () => {
    await tick(h, DUE);
    expect(charts(h)).toHaveLength(1);
    // As if the post had never been recorded: its row still claimed, from the same minute.
    h.ctx.stores.db
      .prepare("UPDATE digest_posts SET state = 'claimed', claimed_at = ? WHERE channel_id = ? AND month = ?")
      .run(DUE, ALPHA, MONTH);
    await tick(h, dueAnd(5));
    expect(h.ctx.stores.digests.get(T, ALPHA, MONTH)?.state).toBe("posted");
    expect(digestPosts(h)).toHaveLength(1);
    expect(charts(h)).toHaveLength(1);
    expect(h.fake.callsTo("files.getUploadURLExternal")).toHaveLength(1);
  });

  it("two processes ticking at once post it once", async () => {
    const release = h.fake.hold("chat.postMessage");
    const runs = Promise.all([tick(h, DUE), tick(h, DUE)]);
    await eventually(() => h.ctx.stores.digests.get(T, ALPHA, MONTH)?.state === "claimed", "the claim");
    release();
    await runs;
    await tick(h, dueAnd(10));
    expect(digestPosts(h)).toHaveLength(1);
    expect(charts(h)).toHaveLength(1);
  });

  it.each([
    ["an install without channels:history", "missing_scope"],
    ["a channel rolecall was removed from", "not_in_channel"],
  ])("%s: a claim in doubt is not posted blindly, and the log says how to settle it", async (_, error) => {
    h.ctx.stores.digests.claim(T, ALPHA, MONTH, { state: "none" }, new Date(DUE));
    if (error === "missing_scope") h.fake.missingScopes.add("channels:history");
    else h.fake.script("conversations.history", () => ({ json: { ok: false, error } }));
    const outcomes = (await tick(h, dueAnd(5))) as { outcome: string; unverified?: boolean }[];
    expect(outcomes).toMatchObject([{ outcome: "failed", unverified: true }]);
    expect(digestPosts(h)).toEqual([]);
    expect(h.ctx.stores.digests.get(T, ALPHA, MONTH)).toMatchObject({
      state: "failed",
      lastError: `${error} reading C0ALPHA's history: cannot check for an earlier post`,
    });
    const log = h.logs.find((l) => l.level === "error" && l.text.includes("was not posted again"));
    expect(log?.text).toContain(
      error === "missing_scope" ? "channels:history and groups:history" : "invite @rolecall to C0ALPHA",
    );
    expect(log?.text).toContain("rolecall digest --month 2026-11 --channel C0ALPHA --force-claim");
    expect(await count(h, "digestsUnverified")).toBe(1);
    // Once the history can be read, the next retry looks, finds nothing, and posts once.
    h.fake.missingScopes.clear();
    h.fake.unscript("conversations.history");
    await tick(h, dueAnd(20));
    expect(shown(h)).toHaveLength(1);
    await tick(h, dueAnd(120));
    expect(digestPosts(h)).toHaveLength(1);
  });

  it("a private team channel needs groups:history", async () => {
    const PRIVATE = "G0SECRET";
    h.ctx.stores.teams.update(T, ALPHA, { digestChannelId: PRIVATE });
    h.ctx.stores.digests.claim(T, ALPHA, MONTH, { state: "none" }, new Date(DUE));
    h.fake.missingScopes.add("groups:history");
    await tick(h, dueAnd(5));
    expect(h.fake.callsTo("conversations.history")[0]?.params.channel).toBe(PRIVATE);
    expect(h.fake.messages.get(PRIVATE)).toBeUndefined();
    expect(h.ctx.stores.digests.get(T, ALPHA, MONTH)?.lastError).toMatch(/^missing_scope/);
  });
});

describe("a run over several teams", () => {
  const BETA = "C0BETA";
  const GAMMA = "C0GAMMA";
  const MONTH = "2026-11";
  const dueAnd = (minutes: number) => new Date(new Date(DUE).getTime() + minutes * 60_000).toISOString();
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ roleAdmins: [ADMIN] });
    await setUp(h, [
      { channel: "C0AAFIRST", leads: [KIM_LEAD] }, // sorts first: the job meets it first
      { channel: ALPHA, leads: [LEE_LEAD] },
      { channel: BETA, leads: [KIM_LEAD] },
      { channel: GAMMA, leads: [LEE_LEAD] },
    ]);
  });
  afterEach(async () => h.stop());

  it("stamps each team's claim when it is made, not at the tick's start", async () => {
    // A slow Slack, in injected time: each digest post takes four minutes.
    h.fake.script("chat.postMessage", (params) => {
      if ((params.metadata as { event_type?: string } | undefined)?.event_type === "rolecall_digest") {
        h.clock.advance(4 * 60_000);
      }
      return undefined;
    });
    const digests = h.ctx.stores.digests;
    const claim = digests.claim.bind(digests);
    const claims: { stamp: number; clock: number }[] = [];
    digests.claim = (teamId, channelId, month, from, now) => {
      claims.push({ stamp: now.getTime(), clock: h.clock.now().getTime() });
      return claim(teamId, channelId, month, from, now);
    };
    await tick(h, DUE);
    expect(claims).toHaveLength(4);
    expect(claims.at(-1)?.clock).toBeGreaterThanOrEqual(new Date(DUE).getTime() + 12 * 60_000);
    for (const c of claims) expect(c.stamp).toBeGreaterThanOrEqual(c.clock);
  });

  it("a post that cannot be recorded does not hold back the teams after it, and is reconciled once", async () => {
    const digests = h.ctx.stores.digests;
    const markPosted = digests.markPosted.bind(digests);
    let failing = 1;
    digests.markPosted = (...args) => {
      if (failing-- > 0) throw new Error("SQLITE_BUSY: database is locked");
      return markPosted(...args);
    };
    const outcomes = (await tick(h, DUE)) as { channelId: string; outcome: string }[];
    expect(outcomes.map((o) => [o.channelId, o.outcome])).toEqual([
      ["C0AAFIRST", "posted"],
      [ALPHA, "posted"],
      [BETA, "posted"],
      [GAMMA, "posted"],
    ]);
    expect(digests.get(T, "C0AAFIRST", MONTH)?.state).toBe("claimed");
    for (const c of [ALPHA, BETA, GAMMA]) expect(digests.get(T, c, MONTH)?.state, c).toBe("posted");
    for (const m of [5, 30, 120]) await tick(h, dueAnd(m));
    expect(digestPosts(h, "C0AAFIRST")).toHaveLength(1);
    expect(digests.get(T, "C0AAFIRST", MONTH)).toMatchObject({
      state: "posted",
      messageTs: h.fake.marked("C0AAFIRST", "rolecall_digest")[0]?.ts,
    });
  });
});
