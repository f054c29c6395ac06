import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SHARE_ANSWER_ACTION } from "../../src/messages/share.ts";
import { WHO_DECIDES_SHORTCUT } from "../../src/slack/shortcuts/who-decides-message.ts";
import { blockKitProblems } from "./block-kit-limits.ts";
import type { RecordedCall } from "./fake-slack.ts";
import { eventually, type Harness, startHarness, visibleText } from "./harness.ts";
import { buttonClickPayload, messageShortcutPayload } from "./signed-request.ts";

const ASKER = "U0ASKER";
const CHANNEL = "C0ALPHA";
const BOT = "UBOT"; // the stand-in's auth.test user_id

describe("asking where the conversation is", () => {
  let h: Harness;
  let seq = 0;
  beforeAll(async () => {
    h = await startHarness();
    h.fake.addUser({ id: ASKER });
  });
  afterAll(async () => h.stop());
  beforeEach(() => {
    h.fake.clear();
    h.fake.unscript("chat.postEphemeral");
    h.fake.unscript("chat.postMessage");
  });

  /** Every message rolecall sent must fit Slack's Block Kit limits, or Slack would refuse it. */
  const withinLimits = (call: RecordedCall | undefined): RecordedCall => {
    expect(call).toBeDefined();
    expect(blockKitProblems(call?.params ?? {})).toEqual([]);
    return call as RecordedCall;
  };

  const useShortcut = async (message: { text?: string; thread_ts?: string; files?: unknown[] }) => {
    const res = await h.interact(
      messageShortcutPayload({
        callbackId: WHO_DECIDES_SHORTCUT,
        userId: ASKER,
        channelId: CHANNEL,
        channelName: "alpha",
        message: { ts: `1700000100.00${++seq}`, ...message },
        responseUrl: h.fake.responseUrl(`shortcut${seq}`),
      }),
    );
    expect(res.status).toBe(200);
  };
  const ephemeral = () => eventually(() => h.fake.callsTo("chat.postEphemeral")[0], "an ephemeral answer");

  it("answers a message's text privately to the person who used the shortcut, with a Share button", async () => {
    await useShortcut({ text: "So which database should our team use for billing?" });
    const call = withinLimits(await ephemeral());
    expect(call.params.channel).toBe(CHANNEL);
    expect(call.params.user).toBe(ASKER);
    expect(call.params.thread_ts).toBeUndefined();
    const text = visibleText(call.params);
    expect(text).toContain("*Tech lead* decides");
    expect(text).toContain("Share in channel");
    expect(h.fake.callsTo("chat.postMessage")).toEqual([]);
  });

  it("gives the same answer /role who-decides gives in that channel", async () => {
    const question = "who runs our one-on-ones";
    await useShortcut({ text: question });
    const fromShortcut = visibleText((await ephemeral()).params);
    const { ack } = await h.command(`who-decides ${question}`, { user: ASKER, channel: CHANNEL });
    expect(fromShortcut).toBe(visibleText(ack));
  });

  it("answers in the thread when the message is in one", async () => {
    await useShortcut({ text: "who approves promotions?", thread_ts: "1700000000.000900" });
    const call = withinLimits(await ephemeral());
    expect(call.params.thread_ts).toBe("1700000000.000900");
    expect(visibleText(call.params)).toContain("*Engineering manager* decides");
  });

  it("says an empty message has nothing to answer", async () => {
    await useShortcut({ text: "" });
    const call = withinLimits(await ephemeral());
    expect(visibleText(call.params)).toContain("That message has no text");
    expect(visibleText(call.params)).not.toContain("Share in channel");
  });

  it("says an image-only message has no text to read", async () => {
    await useShortcut({ text: "", files: [{ id: "F1", mimetype: "image/png", name: "diagram.png" }] });
    const call = withinLimits(await ephemeral());
    expect(visibleText(call.params)).toContain("only a file or an image");
  });

  it("clips a huge message for matching and for the echo, within Block Kit limits", async () => {
    const huge = `who decides which database our team uses? ${"Some more context about the service. ".repeat(1200)}`;
    expect(huge.length).toBeGreaterThan(40_000);
    await useShortcut({ text: huge });
    const call = withinLimits(await ephemeral());
    const text = visibleText(call.params);
    expect(text).toContain("I read its first 500 characters");
    expect(text.length).toBeLessThan(5000);
  });

  it("escapes a message's markup in the echo, so asking cannot ping the channel", async () => {
    await useShortcut({ text: "&lt;!channel&gt; who decides lunch?" });
    const call = withinLimits(await ephemeral());
    // What Slack renders: the fallback text and every block's text (a button's value is never shown).
    expect(String(call.params.text)).not.toContain("<!channel>");
    expect(visibleText(call.params)).not.toContain("<!channel>");
    expect(visibleText(call.params)).toContain("&lt;!channel&gt;");
  });

  it("falls back to a DM, saying why, where it cannot post in the channel", async () => {
    h.fake.script("chat.postEphemeral", () => ({ json: { ok: false, error: "not_in_channel" } }));
    await useShortcut({ text: "who approves promotions?" });
    const dm = withinLimits(
      await eventually(
        () => h.fake.callsTo("chat.postMessage").find((c) => c.params.channel === `D${ASKER}`),
        "a DM answer",
      ),
    );
    const text = visibleText(dm.params);
    expect(text).toContain("I couldn't answer you privately in #alpha");
    expect(text).toContain("/invite @rolecall");
    expect(text).toContain("*Engineering manager* decides");
    expect(text).not.toContain("Share in channel");
  });

  describe("@rolecall mentions", () => {
    const mention = (text: string, extra: Record<string, unknown> = {}) =>
      h.event({
        type: "app_mention",
        user: ASKER,
        text,
        ts: "1700000200.000100",
        channel: CHANNEL,
        event_ts: "1700000200.000100",
        ...extra,
      });
    const reply = () => eventually(() => h.fake.callsTo("chat.postMessage")[0], "a threaded reply");

    it("answers in the thread the mention is in, without the mention in the question", async () => {
      const res = await mention(`<@${BOT}> who decides which database our team uses?`, {
        thread_ts: "1700000000.000500",
      });
      expect(res.status).toBe(200);
      const call = withinLimits(await reply());
      expect(call.params.channel).toBe(CHANNEL);
      expect(call.params.thread_ts).toBe("1700000000.000500");
      const text = visibleText(call.params);
      expect(text).toContain("*Tech lead* decides");
      expect(text).not.toContain(BOT);
      expect(h.fake.callsTo("chat.postEphemeral")).toEqual([]);
    });

    it("starts a thread on a mention in the channel itself", async () => {
      await mention(`<@${BOT}> who approves promotions?`);
      const call = withinLimits(await reply());
      expect(call.params.thread_ts).toBe("1700000200.000100");
      expect(visibleText(call.params)).toContain("*Engineering manager* decides");
    });

    it("answers an empty mention with a short how-to in the thread", async () => {
      await mention(`<@${BOT}>   `);
      const call = withinLimits(await reply());
      expect(call.params.thread_ts).toBe("1700000200.000100");
      expect(visibleText(call.params)).toContain("mention me with the question");
    });
  });

  describe("Share in channel", () => {
    const shareValue = (call: RecordedCall): string => {
      const actions = (
        call.params.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]
      )
        .filter((b) => b.type === "actions")
        .flatMap((b) => b.elements ?? []);
      const button = actions.find((e) => e.action_id === SHARE_ANSWER_ACTION);
      expect(button).toBeDefined();
      return button?.value ?? "";
    };
    const click = (value: string, id: string) =>
      h.interact(
        buttonClickPayload({
          actionId: SHARE_ANSWER_ACTION,
          value,
          userId: ASKER,
          channelId: CHANNEL,
          messageTs: "1700000300.000100",
          responseUrl: h.fake.responseUrl(id),
        }),
      );

    it("posts a /role who-decides answer publicly, attributed, and replaces the private copy", async () => {
      const { ack } = await h.command("who-decides who approves promotions?", {
        user: ASKER,
        channel: CHANNEL,
      });
      expect(blockKitProblems(ack as Record<string, unknown>)).toEqual([]);
      const value = shareValue({ method: "ack", params: ack as Record<string, unknown>, at: 0 });
      await click(value, "share-cmd");
      const posted = withinLimits(
        await eventually(() => h.fake.callsTo("chat.postMessage")[0], "a shared post"),
      );
      expect(posted.params.channel).toBe(CHANNEL);
      expect(posted.params.thread_ts).toBeUndefined();
      const text = visibleText(posted.params);
      expect(text).toContain("*Engineering manager* decides");
      expect(text).toContain(`Shared by <@${ASKER}>`);
      expect(text).not.toContain("Share in channel");
      const replaced = await eventually(
        () => h.fake.callsTo("respond:share-cmd")[0],
        "the private copy replaced",
      );
      expect(replaced.params.replace_original).toBe(true);
      expect(visibleText(replaced.params)).toContain("Shared in the channel");
    });

    it("shares a shortcut's answer in the message's thread", async () => {
      await useShortcut({ text: "who approves promotions?", thread_ts: "1700000000.000900" });
      const value = shareValue(await ephemeral());
      await click(value, "share-thread");
      const posted = withinLimits(
        await eventually(() => h.fake.callsTo("chat.postMessage")[0], "a shared post"),
      );
      expect(posted.params.thread_ts).toBe("1700000000.000900");
      expect(visibleText(posted.params)).toContain(`Shared by <@${ASKER}>`);
      const replaced = await eventually(() => h.fake.callsTo("respond:share-thread")[0], "the note");
      expect(visibleText(replaced.params)).toContain("Shared in the thread");
    });

    it("tells the sharer privately when rolecall is not in the channel, and posts nothing", async () => {
      h.fake.script("chat.postMessage", () => ({ json: { ok: false, error: "not_in_channel" } }));
      const { ack } = await h.command("who-decides who approves promotions?", {
        user: ASKER,
        channel: CHANNEL,
      });
      await click(shareValue({ method: "ack", params: ack as Record<string, unknown>, at: 0 }), "share-fail");
      const told = await eventually(() => h.fake.callsTo("respond:share-fail")[0], "a private refusal");
      expect(told.params.replace_original).toBe(false);
      expect(told.params.response_type).toBe("ephemeral");
      expect(visibleText(told.params)).toContain("I'm not a member of this channel");
    });
  });
});

describe("blockKitProblems", () => {
  it("is not vacuous: it catches an oversized section and too many blocks", () => {
    const section = (n: number) => ({ type: "section", text: { type: "mrkdwn", text: "x".repeat(n) } });
    expect(blockKitProblems({ blocks: [section(3001)] })).toHaveLength(1);
    expect(blockKitProblems({ blocks: Array.from({ length: 51 }, () => section(1)) })).toHaveLength(1);
    expect(blockKitProblems({ blocks: [section(10)] })).toEqual([]);
  });
});

describe("an @rolecall mention before Slack has confirmed the bot's identity", () => {
  it("still leaves the bot's own mention out of the question, reading the event's authorizations", async () => {
    let release: () => void = () => {};
    const h = await startHarness({
      beforeStart: (fake) => {
        release = fake.hold("auth.test");
      },
    });
    try {
      h.fake.addUser({ id: ASKER });
      const res = await h.event(
        {
          type: "app_mention",
          user: ASKER,
          text: `<@${BOT}> who decides which database our team uses?`,
          ts: "1700000300.000100",
          channel: CHANNEL,
          event_ts: "1700000300.000100",
        },
        "T0ACME",
        { authorizations: [{ team_id: "T0ACME", user_id: BOT, is_bot: true, is_enterprise_install: false }] },
      );
      expect(res.status).toBe(200);
      const call = await eventually(() => h.fake.callsTo("chat.postMessage")[0], "a threaded reply");
      const text = visibleText(call.params);
      expect(text).toContain("*Tech lead* decides");
      expect(text).not.toContain(BOT);
    } finally {
      release();
      await h.stop();
    }
  });
});
