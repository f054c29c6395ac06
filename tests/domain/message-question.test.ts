import { describe, expect, it } from "vitest";
import { MAX_QUESTION_LENGTH, plainText, questionFromMessage } from "../../src/domain/message-question.ts";

describe("questionFromMessage", () => {
  it("takes a plain message's text as the question", () => {
    expect(questionFromMessage({ text: "Who picks the database for billing?" })).toEqual({
      ok: true,
      question: "Who picks the database for billing?",
      clipped: false,
    });
  });

  it("drops the bot's own mention but keeps other people as readable names", () => {
    const q = questionFromMessage({ text: "<@UBOT> who decides, <@U1|lee> or <@U2>?" }, "UBOT");
    expect(q).toEqual({ ok: true, question: "who decides, @lee or @U2?", clipped: false });
  });

  it("renders channels, links, broadcasts and user groups as their labels", () => {
    expect(
      plainText("<#C1|backend> <https://x.test/a|the RFC> <https://x.test/b> <!here> <!subteam^S1|@devs>"),
    ).toBe("#backend the RFC https://x.test/b @here @devs");
  });

  it("decodes Slack's entities exactly once", () => {
    expect(plainText("R&amp;D &lt;b&gt; &amp;lt;")).toBe("R&D <b> &lt;");
  });

  it("says a message with only the bot's mention, or only spaces, is empty", () => {
    expect(questionFromMessage({ text: "<@UBOT>  \n " }, "UBOT")).toEqual({ ok: false, reason: "empty" });
    expect(questionFromMessage({})).toEqual({ ok: false, reason: "empty" });
  });

  it("tells a file or image with no text apart from an empty message", () => {
    expect(questionFromMessage({ text: "", hasFiles: true })).toEqual({ ok: false, reason: "no-text" });
  });

  it("clips a huge message at a word, within the question limit, and says so", () => {
    const q = questionFromMessage({ text: `who decides ${"the database schema ".repeat(2000)}` });
    expect(q.ok && q.clipped).toBe(true);
    if (!q.ok) return;
    expect(q.question.length).toBeLessThanOrEqual(MAX_QUESTION_LENGTH);
    expect(q.question.length).toBeGreaterThan(MAX_QUESTION_LENGTH / 2);
    expect(q.question).toMatch(/^who decides the database/);
    expect(q.question).toMatch(/(the|database|schema)$/);
  });

  it("clips one endless word rather than dropping it", () => {
    const q = questionFromMessage({ text: "x".repeat(5000) });
    expect(q).toEqual({ ok: true, question: "x".repeat(MAX_QUESTION_LENGTH), clipped: true });
  });
});
