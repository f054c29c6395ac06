import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoleId } from "../../src/domain/roles.ts";
import type { RecordedCall } from "./fake-slack.ts";
import { eventually, type Harness, type Message, startHarness, visibleText } from "./harness.ts";

const T = "T0ACME";
const LEE = "U0LEE"; // tech lead + engineering manager on alpha, split 60/40
const KIM = "U0KIM"; // tech lead + architect on bravo, split 50/50
const ALEX = "U0ALEX"; // tech lead + engineering manager on alpha, split 70/30
const SOLO = "U0SOLO"; // one hat
const NEO = "U0NEO"; // tech lead + product manager on alpha, no split stated
const ALPHA = "C0ALPHA";
const BRAVO = "C0BRAVO";
const W48 = "2026-W48"; // 23–29 Nov 2026, the current week
const W47 = "2026-W47";
const W44 = "2026-W44"; // 26 Oct – 1 Nov: its Thursday (29 Oct) puts it in October
const W43 = "2026-W43";

type Msg = { channel: string; ts: string };
type View = {
  type: string;
  callback_id?: string;
  private_metadata?: string;
  title?: { text: string };
  blocks: {
    type: string;
    block_id?: string;
    optional?: boolean;
    element?: Record<string, unknown>;
    accessory?: { action_id: string; value: string };
  }[];
};

describe("answering the weekly check-in, over signed HTTP", () => {
  let h: Harness;
  let seq = 0;
  let tsSeq = 1_800_000_000;

  /** A check-in DM for the week, claimed and sent as the send side does; returns where it is. */
  function sentCheckin(user: string, week: string): Msg {
    const msg = { channel: `D${user}`, ts: `${++tsSeq}.000200` };
    const now = h.clock.now();
    expect(h.ctx.stores.checkins.claimSend(T, user, week, "none", 1, now)).toBe(true);
    h.ctx.stores.checkins.markSent(T, user, week, msg, now);
    return msg;
  }

  /** Clicks a button on a DM message as `user`, and returns the id of its response_url. */
  async function click(user: string, actionId: string, week: string, msg: Msg) {
    const responseId = `click${++seq}`;
    const triggerId = `trigger-${seq}`;
    const res = await h.interact({
      type: "block_actions",
      team: { id: T, domain: "acme" },
      user: { id: user, username: user.toLowerCase(), team_id: T },
      api_app_id: "A0ROLECALL",
      token: "legacy",
      trigger_id: triggerId,
      response_url: h.fake.responseUrl(responseId),
      container: { type: "message", message_ts: msg.ts, channel_id: msg.channel, is_ephemeral: false },
      channel: { id: msg.channel, name: "directmessage" },
      message: { type: "message", ts: msg.ts, text: "Weekly check-in" },
      actions: [
        {
          type: "button",
          action_id: actionId,
          block_id: `checkin_${week}`,
          value: week,
          action_ts: `${seq}`,
        },
      ],
    });
    expect(res.status).toBe(200);
    return {
      triggerId,
      responses: () =>
        h.fake.calls.filter((c) => c.method === `respond:${responseId}`).map((c) => c.params as Message),
    };
  }

  async function ephemeralReply(c: Awaited<ReturnType<typeof click>>): Promise<Message> {
    const [reply] = await eventually(
      () => (c.responses().length ? c.responses() : undefined),
      "an ephemeral reply",
    );
    expect(reply?.response_type).toBe("ephemeral");
    expect(reply?.replace_original).toBe(false);
    return reply as Message;
  }

  async function updateOf(msg: Msg, after: number): Promise<RecordedCall> {
    return eventually(
      () => h.fake.callsTo("chat.update").find((c) => c.params.ts === msg.ts && c.at >= after),
      `chat.update of ${msg.ts}`,
    );
  }

  async function openedModal(triggerId: string): Promise<View> {
    const call = await eventually(
      () => h.fake.callsTo("views.open").find((c) => c.params.trigger_id === triggerId),
      "views.open",
    );
    return call.params.view as View;
  }

  /** Submits the split modal as `user` with values per block id (null = left empty). */
  async function submit(user: string, view: View, values: Record<string, string | null>) {
    const state: Record<string, Record<string, { type: string; value: string | null }>> = {};
    for (const b of view.blocks) {
      if (b.type !== "input" || !b.block_id || !b.element) continue;
      const type = String(b.element.type);
      const initial = (b.element.initial_value as string | undefined) ?? null;
      state[b.block_id] = {
        [String(b.element.action_id)]: {
          type,
          value: b.block_id in values ? (values[b.block_id] ?? null) : initial,
        },
      };
    }
    const res = await h.interact({
      type: "view_submission",
      team: { id: T, domain: "acme" },
      user: { id: user, name: user.toLowerCase(), team_id: T },
      api_app_id: "A0ROLECALL",
      token: "legacy",
      trigger_id: `trigger-submit-${++seq}`,
      view: {
        id: "V1",
        team_id: T,
        type: "modal",
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        blocks: view.blocks,
        state: { values: state },
        hash: "h1",
        title: view.title,
        app_id: "A0ROLECALL",
        bot_id: "BBOT",
      },
    });
    expect(res.status).toBe(200);
    return res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {};
  }

  const row = (user: string, week: string) => h.ctx.stores.checkins.get(T, user, week);
  const editButtons = (call: RecordedCall) =>
    ((call.params.blocks as View["blocks"]) ?? []).flatMap((b) =>
      b.accessory?.action_id === "checkin_edit" ? [b.accessory] : [],
    );

  beforeAll(async () => {
    // Friday 27 November 2026, 16:00 UTC (17:00 in Berlin).
    h = await startHarness({ now: "2026-11-27T16:00:00Z" });
    h.fake.addUser({ id: LEE, tz: "Europe/Berlin" });
    h.fake.addUser({ id: KIM, tz: "America/New_York" });
    h.fake.addUser({ id: ALEX, tz: "Europe/Berlin" });
    h.fake.addUser({ id: SOLO, tz: "Europe/Berlin" });
    h.fake.addUser({ id: NEO, tz: "Europe/Berlin" });
    const stores = h.ctx.stores;
    const at = "2026-10-01T09:00:00Z";
    stores.workspaces.ensure(T, new Date(at));
    const hats: [string, RoleId, string][] = [
      [LEE, "tech-lead", ALPHA],
      [LEE, "engineering-manager", ALPHA],
      [KIM, "tech-lead", BRAVO],
      [KIM, "architect", BRAVO],
      [ALEX, "tech-lead", ALPHA],
      [ALEX, "engineering-manager", ALPHA],
      [SOLO, "tech-lead", ALPHA],
      [NEO, "tech-lead", ALPHA],
      [NEO, "product-manager", ALPHA],
    ];
    for (const [userId, role, channelId] of hats) {
      stores.hats.record(T, {
        channelId,
        userId,
        role,
        action: "assign",
        effectiveDate: "2026-10-01",
        recordedBy: "U0ADMIN",
        recordedAt: at,
      });
    }
    const splits: [string, Record<string, number>][] = [
      [LEE, { "tech-lead": 60, "engineering-manager": 40 }],
      [KIM, { "tech-lead": 50, architect: 50 }],
      [ALEX, { "tech-lead": 70, "engineering-manager": 30 }],
    ];
    for (const [userId, split] of splits) {
      stores.allocations.record(T, {
        userId,
        effectiveDate: "2026-10-01",
        split,
        recordedBy: userId,
        recordedAt: at,
      });
    }
  });
  afterAll(async () => h.stop());

  it("As planned records the stated split and turns the DM into a confirmation with an Edit button", async () => {
    const msg = sentCheckin(LEE, W48);
    const before = Date.now();
    await click(LEE, "checkin_as_planned", W48, msg);
    const update = await updateOf(msg, before);
    expect(update.params.channel).toBe(msg.channel);
    const text = visibleText(update.params as Message);
    expect(text).toContain("Recorded for the week of 23–29 Nov");
    expect(text).toContain("🟦🟦🟦🟦🟦🟦🟩🟩🟩🟩  *TL 60 · EM 40*  _as planned_");
    expect(text).toContain("You can change this until the November 2026 digest is posted.");
    expect(editButtons(update)).toEqual([expect.objectContaining({ value: W48 })]);
    expect(update.params.text).toBe(
      "Check-in for the week of 23–29 Nov recorded: TL 60 · EM 40 (as planned).",
    );
    expect(row(LEE, W48)).toMatchObject({ state: "answered", answer: { kind: "as-planned" } });
  });

  it("Edit after answering opens the modal on the recorded answer, and a new split replaces it", async () => {
    const msg = { channel: `D${LEE}`, ts: row(LEE, W48)?.messageTs ?? "" };
    const c = await click(LEE, "checkin_edit", W48, msg);
    const view = await openedModal(c.triggerId);
    const initial = Object.fromEntries(
      view.blocks.filter((b) => b.type === "input").map((b) => [b.block_id, b.element?.initial_value]),
    );
    expect(initial).toEqual({
      "split_tech-lead": "60",
      "split_engineering-manager": "40",
      split_other: "0",
      note: undefined,
    });

    const before = Date.now();
    const ack = await submit(LEE, view, {
      "split_tech-lead": "80",
      "split_engineering-manager": "20",
      note: "incident week: two nights on call",
    });
    expect(ack).toEqual({});
    expect(row(LEE, W48)?.answer).toEqual({
      kind: "split",
      split: { "tech-lead": 80, "engineering-manager": 20 },
      note: "incident week: two nights on call",
    });
    const text = visibleText((await updateOf(msg, before)).params as Message);
    expect(text).toContain("*TL 80 · EM 20*  _planned TL 60 · EM 40_");
    expect(text).toContain(":memo: incident week: two nights on call");

    // Editing again starts from the split now recorded, note included.
    const again = await openedModal((await click(LEE, "checkin_edit", W48, msg)).triggerId);
    const note = again.blocks.find((b) => b.block_id === "note");
    expect(note?.element?.initial_value).toBe("incident week: two nights on call");
    expect(again.blocks.find((b) => b.block_id === "split_tech-lead")?.element?.initial_value).toBe("80");
  });

  it("Enter my split opens a modal with one whole-percent input per hat, pre-filled with the stated split", async () => {
    const msg = sentCheckin(KIM, W48);
    const c = await click(KIM, "checkin_enter_split", W48, msg);
    const view = await openedModal(c.triggerId);
    expect(view.type).toBe("modal");
    expect(view.callback_id).toBe("checkin_split_modal");
    expect(JSON.parse(view.private_metadata ?? "")).toEqual({ week: W48, channel: msg.channel, ts: msg.ts });
    expect((view.title?.text ?? "").length).toBeLessThanOrEqual(24);
    const inputs = view.blocks.filter((b) => b.type === "input");
    expect(inputs.map((b) => b.block_id)).toEqual([
      "split_tech-lead",
      "split_architect",
      "split_other",
      "note",
    ]);
    for (const b of inputs.slice(0, 3)) {
      expect(b.element).toMatchObject({
        type: "number_input",
        is_decimal_allowed: false,
        min_value: "0",
        max_value: "100",
      });
    }
    expect(inputs.slice(0, 3).map((b) => b.element?.initial_value)).toEqual(["50", "50", "0"]);
    expect(inputs[3]).toMatchObject({
      optional: true,
      element: { type: "plain_text_input", max_length: 150 },
    });
    expect(visibleText(view as unknown as Message)).toContain(
      "Planned: 🟦🟦🟦🟦🟦🟪🟪🟪🟪🟪 TL 50 · Arch 50",
    );
    // Opening the form records nothing.
    expect(row(KIM, W48)?.state).toBe("sent");
  });

  it("a split that does not total 100 gets inline errors naming the total, and nothing is recorded", async () => {
    const msg = { channel: `D${KIM}`, ts: row(KIM, W48)?.messageTs ?? "" };
    const view = await openedModal((await click(KIM, "checkin_enter_split", W48, msg)).triggerId);
    const updatesBefore = h.fake.callsTo("chat.update").length;

    const short = await submit(KIM, view, {
      "split_tech-lead": "50",
      split_architect: "40",
      split_other: "0",
    });
    expect(short).toEqual({
      response_action: "errors",
      errors: { split_other: "These add up to 90%; make them 100." },
    });
    const bad = await submit(KIM, view, {
      "split_tech-lead": "-10",
      split_architect: "12.5",
      split_other: null,
    });
    expect(bad).toEqual({
      response_action: "errors",
      errors: {
        "split_tech-lead": "Can't be below 0.",
        split_architect: "Use a whole number, like 40.",
        split_other: "Enter a number (0 is fine).",
      },
    });
    expect(row(KIM, W48)).toMatchObject({ state: "sent", answer: undefined });
    expect(h.fake.callsTo("chat.update").length).toBe(updatesBefore);
  });

  it("a valid split is recorded and the DM updated in place", async () => {
    const msg = { channel: `D${KIM}`, ts: row(KIM, W48)?.messageTs ?? "" };
    const view = await openedModal((await click(KIM, "checkin_enter_split", W48, msg)).triggerId);
    const before = Date.now();
    const ack = await submit(KIM, view, {
      "split_tech-lead": "30",
      split_architect: "50",
      split_other: "20",
      note: "  hiring loop  ",
    });
    expect(ack).toEqual({});
    expect(row(KIM, W48)).toMatchObject({
      state: "answered",
      answer: { kind: "split", split: { "tech-lead": 30, architect: 50, other: 20 }, note: "hiring loop" },
    });
    const update = await updateOf(msg, before);
    const text = visibleText(update.params as Message);
    expect(text).toContain("*TL 30 · Arch 50 · other 20*  _planned TL 50 · Arch 50_");
    expect(text).toContain(":memo: hiring loop");
    expect(editButtons(update)).toHaveLength(1);
  });

  it("Skip this week (away) counts the week as away, not missing", async () => {
    const msg = sentCheckin(ALEX, W48);
    const before = Date.now();
    await click(ALEX, "checkin_skip", W48, msg);
    const update = await updateOf(msg, before);
    const text = visibleText(update.params as Message);
    expect(text).toContain("Marked away for the week of 23–29 Nov");
    expect(text).toContain("counts as away, not as missing");
    expect(editButtons(update)).toHaveLength(1);
    expect(row(ALEX, W48)).toMatchObject({ state: "answered", answer: { kind: "away" } });
    expect(h.ctx.stores.checkins.stateLookup(T, [W48])(ALEX, W48)?.state).toBe("skipped");
    expect(h.ctx.stores.checkinHistory.lastWeeks(T, ALEX, 1)).toEqual([
      expect.objectContaining({ week: W48, kind: "away" }),
    ]);
  });

  it("with no split stated, As planned is refused and the form asks for every hat", async () => {
    const msg = sentCheckin(NEO, W48);
    const refused = await click(NEO, "checkin_as_planned", W48, msg);
    expect(visibleText(await ephemeralReply(refused))).toContain(
      "No split was stated for the week of 23–29 Nov, so there is no plan to confirm and nothing was recorded.",
    );
    expect(row(NEO, W48)).toMatchObject({ state: "sent", answer: undefined });

    const view = await openedModal((await click(NEO, "checkin_enter_split", W48, msg)).triggerId);
    const inputs = view.blocks.filter((b) => b.type === "input" && b.element?.type === "number_input");
    expect(inputs.map((b) => [b.block_id, b.element?.initial_value])).toEqual([
      ["split_tech-lead", undefined],
      ["split_product-manager", undefined],
      ["split_other", "0"],
    ]);
    expect(visibleText(view as unknown as Message)).toContain("No split was stated for this week.");
    const before = Date.now();
    expect(await submit(NEO, view, { "split_tech-lead": "55", "split_product-manager": "45" })).toEqual({});
    expect(row(NEO, W48)?.answer).toEqual({
      kind: "split",
      split: { "tech-lead": 55, "product-manager": 45 },
    });
    expect(visibleText((await updateOf(msg, before)).params as Message)).toContain(
      "*TL 55 · PM 45*  _no split was stated for this week_",
    );
  });

  it("a click by someone else on a lead's check-in gets an ephemeral refusal and records nothing", async () => {
    const msg = sentCheckin(LEE, W47);
    for (const [who, action] of [
      [KIM, "checkin_as_planned"],
      [SOLO, "checkin_skip"],
      [KIM, "checkin_enter_split"],
    ] as const) {
      const c = await click(who, action, W47, msg);
      expect(visibleText(await ephemeralReply(c))).toContain(
        "This check-in isn't yours, so nothing was recorded.",
      );
      expect(h.fake.callsTo("views.open").some((v) => v.params.trigger_id === c.triggerId)).toBe(false);
    }
    expect(row(LEE, W47)).toMatchObject({ state: "sent", answer: undefined });
    expect(row(KIM, W47)).toBeUndefined();
    expect(row(SOLO, W47)).toBeUndefined();

    // Kim has a check-in of her own that week; Lee's message still isn't hers to answer.
    const kimAnswer = row(KIM, W48)?.answer;
    const leeMsg = { channel: `D${LEE}`, ts: row(LEE, W48)?.messageTs ?? "" };
    const c = await click(KIM, "checkin_skip", W48, leeMsg);
    expect(visibleText(await ephemeralReply(c))).toContain("This check-in isn't yours");
    expect(row(KIM, W48)?.answer).toEqual(kimAnswer);
    expect(row(LEE, W48)?.answer?.kind).toBe("split");
  });

  it("a forged week value on a lead's own DM is refused too", async () => {
    const msg = { channel: `D${LEE}`, ts: row(LEE, W47)?.messageTs ?? "" };
    const c = await click(LEE, "checkin_as_planned", "2026-W99", msg);
    expect(visibleText(await ephemeralReply(c))).toContain("isn't yours");
    expect(row(LEE, W47)?.state).toBe("sent");
  });

  it("a click on an older copy of the week's message is refused; the newest one still answers", async () => {
    // Alex skipped this week, then asked for it again: a new DM replaces the old one.
    const old = { channel: `D${ALEX}`, ts: row(ALEX, W48)?.messageTs ?? "" };
    const { ack } = await h.command("checkin now", { user: ALEX });
    expect(visibleText(ack)).toContain("Sent: your check-in for the week of 23–29 Nov is in our DM.");
    const fresh = row(ALEX, W48);
    expect(fresh?.state).toBe("sent");
    expect(fresh?.messageTs).not.toBe(old.ts);

    const c = await click(ALEX, "checkin_edit", W48, old);
    expect(visibleText(await ephemeralReply(c))).toContain(
      "This is an older copy of your check-in for the week of 23–29 Nov",
    );
    expect(row(ALEX, W48)).toMatchObject({ state: "sent", answer: undefined });

    const msg = { channel: fresh?.dmChannel ?? "", ts: fresh?.messageTs ?? "" };
    const before = Date.now();
    await click(ALEX, "checkin_as_planned", W48, msg);
    expect(visibleText((await updateOf(msg, before)).params as Message)).toContain(
      "*TL 70 · EM 30*  _as planned_",
    );
    expect(row(ALEX, W48)?.answer).toEqual({ kind: "as-planned" });
  });

  it("an answer is final once its month's digest is posted for the lead's team, and only that team's", async () => {
    const stores = h.ctx.stores;
    const leeOld = sentCheckin(LEE, W44);
    const kimOld = sentCheckin(KIM, W44);
    stores.checkins.recordAnswer(T, LEE, W44, { kind: "as-planned" }, h.clock.now());
    stores.checkins.recordAnswer(T, KIM, W44, { kind: "as-planned" }, h.clock.now());
    // October's digest goes out for alpha (Lee's team), not yet for bravo (Kim's).
    expect(stores.digests.claim(T, ALPHA, "2026-10", { state: "none" }, h.clock.now())).toBe(true);
    stores.digests.markPosted(T, ALPHA, "2026-10", "1700000000.000900", h.clock.now());

    const refused = await click(LEE, "checkin_edit", W44, leeOld);
    const text = visibleText(await ephemeralReply(refused));
    expect(text).toContain("The week of 26 Oct – 1 Nov counts toward October 2026");
    expect(text).toContain("its answer is final. Nothing was changed.");
    expect(h.fake.callsTo("views.open").some((v) => v.params.trigger_id === refused.triggerId)).toBe(false);
    const skip = await click(LEE, "checkin_skip", W44, leeOld);
    expect(visibleText(await ephemeralReply(skip))).toContain("its answer is final");
    expect(row(LEE, W44)?.answer).toEqual({ kind: "as-planned" });

    // Kim's October is still open: the modal opens...
    const view = await openedModal((await click(KIM, "checkin_edit", W44, kimOld)).triggerId);
    // ...but bravo's digest goes out while it is open, so the submission records nothing.
    expect(stores.digests.claim(T, BRAVO, "2026-10", { state: "none" }, h.clock.now())).toBe(true);
    const ack = await submit(KIM, view, { "split_tech-lead": "90", split_architect: "10" });
    expect(ack.response_action).toBe("update");
    expect(visibleText(ack.view as Message)).toContain("counts toward October 2026");
    expect(row(KIM, W44)?.answer).toEqual({ kind: "as-planned" });
  });

  it("a week of a month whose digest is not out yet can still be answered late", async () => {
    const msg = sentCheckin(KIM, W43);
    h.ctx.stores.digests.markFailed(T, BRAVO, "2026-10", "boom");
    const before = Date.now();
    await click(KIM, "checkin_as_planned", W43, msg);
    await updateOf(msg, before);
    expect(row(KIM, W43)?.answer).toEqual({ kind: "as-planned" });
  });

  it("a month's last week, still open when that month's digest went out, stays answerable until the next digest", async () => {
    // 28 Dec – 3 Jan: its Thursday puts it in December, but its Friday check-in comes after the
    // digest of 1 January 10:00, which reported it as missing.
    const W53 = "2026-W53";
    const stores = h.ctx.stores;
    const msg = sentCheckin(ALEX, W53);
    expect(
      stores.digests.claim(T, ALPHA, "2026-12", { state: "none" }, new Date("2027-01-01T09:00:00Z")),
    ).toBe(true);
    stores.digests.markPosted(T, ALPHA, "2026-12", "1798794000.000100", new Date("2027-01-01T09:00:05Z"));
    const before = Date.now();
    await click(ALEX, "checkin_as_planned", W53, msg);
    await updateOf(msg, before);
    expect(row(ALEX, W53)?.answer).toEqual({ kind: "as-planned" });

    // January's digest, whose chart is the first to carry the week, makes it final.
    expect(
      stores.digests.claim(T, ALPHA, "2027-01", { state: "none" }, new Date("2027-02-01T09:00:00Z")),
    ).toBe(true);
    const refused = await click(ALEX, "checkin_skip", W53, msg);
    const text = visibleText(await ephemeralReply(refused));
    expect(text).toContain("counts toward December 2026, and January 2027's digest");
    expect(text).toContain("Nothing was changed.");
    expect(row(ALEX, W53)?.answer).toEqual({ kind: "as-planned" });
  });

  it("a check-in left claimed by a crash after Slack delivered it is answered from the DM the lead clicks", async () => {
    const W46 = "2026-W46";
    // The send was claimed and Slack posted the DM, but the bot died before recording where.
    expect(h.ctx.stores.checkins.claimSend(T, ALEX, W46, "none", 1, h.clock.now())).toBe(true);
    const delivered = { channel: `D${ALEX}`, ts: "1800009999.000300" };
    const before = Date.now();
    await click(ALEX, "checkin_as_planned", W46, delivered);
    await updateOf(delivered, before);
    expect(row(ALEX, W46)).toMatchObject({
      state: "answered",
      answer: { kind: "as-planned" },
      dmChannel: delivered.channel,
      messageTs: delivered.ts,
    });
  });

  it("a send recorded as failed whose DM did arrive is answered from it, and never sent again", async () => {
    const checkins = h.ctx.stores.checkins;
    // Slack posted the DM but its reply was lost (a 5xx), so the week was recorded as failed.
    expect(checkins.claimSend(T, ALEX, W47, "none", 1, h.clock.now())).toBe(true);
    checkins.markFailed(T, ALEX, W47, "An HTTP protocol error occurred: statusCode = 502");
    const delivered = { channel: `D${ALEX}`, ts: "1800009999.000500" };
    const before = Date.now();
    await click(ALEX, "checkin_skip", W47, delivered);
    await updateOf(delivered, before);
    expect(row(ALEX, W47)).toMatchObject({
      state: "answered",
      answer: { kind: "away" },
      lastError: undefined,
    });
    // The retry a later tick would have made now finds nothing to claim.
    expect(checkins.claimSend(T, ALEX, W47, "failed", 2, h.clock.now())).toBe(false);
  });

  it("a click from outside the lead's DM never answers a claimed send", async () => {
    const W45 = "2026-W45";
    expect(h.ctx.stores.checkins.claimSend(T, ALEX, W45, "none", 1, h.clock.now())).toBe(true);
    const refused = await click(ALEX, "checkin_as_planned", W45, { channel: ALPHA, ts: "1800009999.000400" });
    expect(visibleText(await ephemeralReply(refused))).toContain("nothing was recorded");
    expect(row(ALEX, W45)).toMatchObject({ state: "claimed", answer: undefined });
  });

  it("when Slack won't update the DM, the lead is told privately that the answer was recorded", async () => {
    h.fake.script("chat.update", () => ({ json: { ok: false, error: "message_not_found" } }));
    try {
      const leeMsg = { channel: `D${LEE}`, ts: row(LEE, W47)?.messageTs ?? "" };
      const c = await click(LEE, "checkin_as_planned", W47, leeMsg);
      const told = visibleText(await ephemeralReply(c));
      expect(told).toContain("Check-in for the week of 16–22 Nov recorded: TL 60 · EM 40 (as planned).");
      expect(told).toContain("I couldn't update the check-in message");
      expect(row(LEE, W47)?.answer).toEqual({ kind: "as-planned" });

      // A modal has no response_url: the notice is an ephemeral in the lead's DM.
      const kimMsg = sentCheckin(KIM, W47);
      const view = await openedModal((await click(KIM, "checkin_enter_split", W47, kimMsg)).triggerId);
      expect(await submit(KIM, view, { "split_tech-lead": "70", split_architect: "30" })).toEqual({});
      const notice = await eventually(
        () =>
          h.fake
            .callsTo("chat.postEphemeral")
            .find((e) => e.params.user === KIM && e.params.channel === kimMsg.channel),
        "an ephemeral notice in Kim's DM",
      );
      expect(String(notice.params.text)).toContain("recorded: TL 70 · Arch 30.");
      expect(String(notice.params.text)).toContain("your answer is saved");
      expect(row(KIM, W47)?.answer).toEqual({ kind: "split", split: { "tech-lead": 70, architect: 30 } });
    } finally {
      h.fake.unscript("chat.update");
    }
  });
});

describe("/role checkin and the App Home pause button", () => {
  let h: Harness;
  const profile = (user: string) => h.ctx.stores.people.get(T, user);
  const publishesFor = (user: string) =>
    h.fake.callsTo("views.publish").filter((c) => c.params.user_id === user);

  beforeAll(async () => {
    // Monday 23 November 2026, 09:00 UTC.
    h = await startHarness({ now: "2026-11-23T09:00:00Z", roleAdmins: ["U0ADMIN"] });
    for (const id of ["U0ADMIN", LEE, SOLO]) h.fake.addUser({ id, tz: "Europe/Berlin" });
    for (const [user, role] of [
      [LEE, "tech-lead"],
      [LEE, "engineering-manager"],
      [SOLO, "tech-lead"],
    ] as const) {
      const { ack } = await h.command(`assign <@${user}> ${role}`, { user: "U0ADMIN", channel: ALPHA });
      expect(visibleText(ack)).toContain("is now");
    }
  });
  afterAll(async () => h.stop());

  it("pauses and resumes by slash command, republishing the Home tab each time", async () => {
    const published = publishesFor(LEE).length;
    const paused = await h.command("checkin pause", { user: LEE, channel: ALPHA });
    expect(paused.ack.response_type).toBe("ephemeral");
    expect(visibleText(paused.ack)).toContain("Weekly check-ins are *paused*.");
    expect(profile(LEE)?.checkinPaused).toBe(true);
    expect(publishesFor(LEE).length).toBe(published + 1);
    expect(visibleText(publishesFor(LEE).at(-1)?.params.view as Message)).toContain(
      "Weekly check-ins are *paused*.",
    );

    const again = await h.command("checkin pause", { user: LEE, channel: ALPHA });
    expect(visibleText(again.ack)).toContain("already paused; nothing changed");

    const resumed = await h.command("checkin resume", { user: LEE, channel: ALPHA });
    const text = visibleText(resumed.ack);
    expect(text).toContain("Weekly check-ins are *on* again: Fridays at 15:00 your time (Europe/Berlin).");
    expect(text).toContain("Next check-in: *Fri 27 Nov at 15:00* (the week of 23–29 Nov).");
    expect(profile(LEE)?.checkinPaused).toBe(false);
    expect(publishesFor(LEE).length).toBe(published + 3);
  });

  it("pauses and resumes from the App Home button", async () => {
    const toggle = async (value: string) => {
      const before = publishesFor(LEE).length;
      const res = await h.interact({
        type: "block_actions",
        team: { id: T, domain: "acme" },
        user: { id: LEE, username: "lee", name: "lee", team_id: T },
        api_app_id: "A0ROLECALL",
        token: "legacy",
        trigger_id: `trigger-home-${value}`,
        container: { type: "view", view_id: "VHOME" },
        view: {
          id: "VHOME",
          type: "home",
          team_id: T,
          blocks: [],
          hash: "h",
          app_id: "A0ROLECALL",
          bot_id: "BBOT",
        },
        actions: [
          { type: "button", action_id: "checkin_pause_toggle", block_id: "b", value, action_ts: "1" },
        ],
      });
      expect(res.status).toBe(200);
      const call = await eventually(() => publishesFor(LEE)[before], "the Home tab republished");
      return call.params.view as View;
    };
    const pausedView = await toggle("pause");
    expect(profile(LEE)?.checkinPaused).toBe(true);
    expect(pausedView.blocks.flatMap((b) => (b.accessory ? [b.accessory.value] : []))).toContain("resume");

    const resumedView = await toggle("resume");
    expect(profile(LEE)?.checkinPaused).toBe(false);
    expect(resumedView.blocks.flatMap((b) => (b.accessory ? [b.accessory.value] : []))).toContain("pause");
  });

  it("moves a lead's check-in with `at`, confirmed in their own time zone", async () => {
    const { ack } = await h.command("checkin at fri 16:00", { user: LEE, channel: ALPHA });
    const text = visibleText(ack);
    expect(text).toContain("Your weekly check-in is now *Fridays at 16:00 your time (Europe/Berlin)*.");
    expect(text).toContain("Next check-in: *Fri 27 Nov at 16:00*");
    expect(profile(LEE)).toMatchObject({ checkinWeekday: 5, checkinTime: "16:00" });

    const pm = await h.command("checkin at Thursday 4:30pm", { user: LEE, channel: ALPHA });
    expect(visibleText(pm.ack)).toContain("*Thursdays at 16:30 your time (Europe/Berlin)*");
    expect(profile(LEE)).toMatchObject({ checkinWeekday: 4, checkinTime: "16:30" });
  });

  it("refuses a bad `at` with the right form and changes nothing", async () => {
    for (const [input, problem] of [
      ["checkin at someday 25:00", "I couldn't find a weekday"],
      ["checkin at fri", "Add a time of day"],
      ["checkin at fri 25:00", '"25:00" is not a time of day'],
      ["checkin at", "Say a day and a time"],
    ] as const) {
      const { ack } = await h.command(input, { user: LEE, channel: ALPHA });
      expect(ack.response_type).toBe("ephemeral");
      const text = visibleText(ack);
      expect(text).toContain(problem);
      expect(text).toContain("/role checkin");
    }
    expect(profile(LEE)).toMatchObject({ checkinWeekday: 4, checkinTime: "16:30" });
  });

  it("marks an away range and lists the weeks it suppresses", async () => {
    await h.command("checkin at fri 15:00", { user: LEE, channel: ALPHA });
    const { ack } = await h.command("checkin away 2026-12-20..2027-01-05", { user: LEE, channel: ALPHA });
    const text = visibleText(ack);
    expect(text).toContain("You're away from *Sun 20 Dec 2026* to *Tue 5 Jan 2027*, both days included.");
    expect(text).toContain("These 2 weeks get no check-in and count as away, not missing:");
    expect(text).toContain("• Week of 21–27 Dec: no check-in on Fri 25 Dec 2026");
    expect(text).toContain("• Week of 28 Dec 2026 – 3 Jan 2027: no check-in on Fri 1 Jan 2027");
    expect(h.ctx.stores.checkins.awayOf(T, LEE)).toEqual([{ start: "2026-12-20", end: "2027-01-05" }]);
  });

  it("says so when an away range misses every check-in day", async () => {
    const { ack } = await h.command("checkin away 2026-11-30..2026-12-02", { user: LEE, channel: ALPHA });
    expect(visibleText(ack)).toContain(
      "None of your check-in days (Fridays) falls in it, so no check-in is skipped",
    );
    expect(h.ctx.stores.checkins.awayOf(T, LEE)).toHaveLength(2);
  });

  it("refuses a bad away range with the right form and records nothing", async () => {
    for (const [input, problem] of [
      ["checkin away 2027-01-05..2026-12-20", "The range ends (2026-12-20) before it starts (2027-01-05)."],
      ["checkin away 2026-13-01", "2026-13-01 is not a calendar date."],
      ["checkin away next-week", '"next-week" is not a date in the form YYYY-MM-DD.'],
      ["checkin away 2026-11-01..2026-11-30", "2026-11-01 is in the past."],
      ["checkin away 2026-12-01..2028-12-01", "a range can be at most 366"],
      ["checkin away 2026-12-20 .. soon", '"soon" is not a date in the form YYYY-MM-DD.'],
      [
        "checkin away 9999-12-25..9999-12-31",
        "9999-12-31 is too far ahead: rolecall's calendar ends in 9999, so away days end by 9999-12-19.",
      ],
    ] as const) {
      const { ack } = await h.command(input, { user: LEE, channel: ALPHA });
      expect(ack.response_type).toBe("ephemeral");
      const text = visibleText(ack);
      expect(text).toContain(problem);
      expect(text).toContain("/role checkin away &lt;YYYY-MM-DD&gt;..&lt;YYYY-MM-DD&gt;");
    }
    expect(h.ctx.stores.checkins.awayOf(T, LEE)).toHaveLength(2);
  });

  it("tells someone with one hat that check-ins start at two, and sends them none", async () => {
    const paused = await h.command("checkin pause", { user: SOLO, channel: ALPHA });
    expect(visibleText(paused.ack)).toContain(
      "You wear one hat (Tech lead), so you get no check-ins: they start when you hold two.",
    );
    expect(profile(SOLO)?.checkinPaused).toBe(true);
    const now = await h.command("checkin now", { user: SOLO, channel: ALPHA });
    expect(visibleText(now.ack)).toContain("Weekly check-ins are for hybrid leads");
    expect(h.ctx.stores.checkins.get(T, SOLO, W48)).toBeUndefined();
  });

  it("`now` sends this week's check-in at once, and only once", async () => {
    const posts = h.fake.callsTo("chat.postMessage").length;
    const first = await h.command("checkin now", { user: LEE, channel: ALPHA });
    expect(visibleText(first.ack)).toContain("Sent: your check-in for the week of 23–29 Nov is in our DM.");
    expect(h.ctx.stores.checkins.get(T, LEE, W48)?.state).toBe("sent");
    const dm = h.fake.callsTo("chat.postMessage").slice(posts);
    expect(dm).toHaveLength(1);
    // Posted to the user id; Slack opens the IM, whose id is what the week records.
    expect(dm[0]?.params.channel).toBe(LEE);
    expect(h.ctx.stores.checkins.get(T, LEE, W48)?.dmChannel).toBe(`D${LEE}`);

    const second = await h.command("checkin now", { user: LEE, channel: ALPHA });
    expect(second.ack.response_type).toBe("ephemeral");
    const refused = visibleText(second.ack);
    // Said as the DM says it: the week's days and the lead's own clock, no ISO keys or UTC.
    expect(refused).toContain(
      "Your check-in for the week of 23–29 Nov was already sent on Mon 23 Nov at 10:00: answer it in our DM.",
    );
    expect(refused).not.toContain("2026-W48");
    expect(h.fake.callsTo("chat.postMessage").length).toBe(posts + 1);
  });

  it("`now` works for a paused lead, says check-ins stay paused, and points an answered week to Edit", async () => {
    h.fake.addUser({ id: KIM, tz: "Europe/Berlin" });
    for (const role of ["tech-lead", "architect"]) {
      const { ack } = await h.command(`assign <@${KIM}> ${role}`, { user: "U0ADMIN", channel: ALPHA });
      expect(visibleText(ack)).toContain("is now");
    }
    await h.command("checkin pause", { user: KIM, channel: ALPHA });
    const sent = visibleText((await h.command("checkin now", { user: KIM, channel: ALPHA })).ack);
    expect(sent).toContain("Sent: your check-in for the week of 23–29 Nov is in our DM.");
    expect(sent).toContain("Your check-ins stay paused, so there is no reminder for it");
    expect(h.ctx.stores.checkins.get(T, KIM, W48)?.state).toBe("sent");
    expect(profile(KIM)?.checkinPaused).toBe(true);

    h.ctx.stores.checkins.recordAnswer(T, KIM, W48, { kind: "as-planned" }, h.clock.now());
    const again = visibleText((await h.command("checkin now", { user: KIM, channel: ALPHA })).ack);
    expect(again).toContain(
      "You already answered your check-in for the week of 23–29 Nov. To change the answer, tap *Edit* on it in our DM.",
    );
  });
});
