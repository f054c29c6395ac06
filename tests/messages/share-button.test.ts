import { describe, expect, it } from "vitest";
import type { Block, Reply } from "../../src/messages/reply.ts";
import {
  decodeShare,
  encodeShare,
  SHARE_ANSWER_ACTION,
  sharedAnswer,
  withShareButton,
} from "../../src/messages/share.ts";

const answer: Reply = {
  text: "Tech lead decides",
  blocks: [{ type: "section", text: { type: "mrkdwn", text: "*Tech lead* decides" } }],
};

const buttonsOf = (block: Block | undefined) =>
  block?.type === "actions" ? block.elements.map((e) => ("action_id" in e ? e.action_id : "")) : [];

describe("withShareButton", () => {
  it("adds a Share in channel button in a new actions block, leaving the answer's blocks alone", () => {
    const shared = withShareButton(answer, { question: "who picks the db?" });
    expect(shared.blocks?.slice(0, 1)).toEqual(answer.blocks);
    expect(buttonsOf(shared.blocks?.at(-1))).toEqual([SHARE_ANSWER_ACTION]);
    expect(answer.blocks).toHaveLength(1);
  });

  it("joins an actions block the answer already ends with, keeping its buttons", () => {
    const withButtons: Reply = {
      ...answer,
      blocks: [
        ...(answer.blocks ?? []),
        {
          type: "actions",
          elements: [{ type: "button", action_id: "other", text: { type: "plain_text", text: "Other" } }],
        },
      ],
    };
    const shared = withShareButton(withButtons, { question: "q" });
    expect(shared.blocks).toHaveLength(2);
    expect(buttonsOf(shared.blocks?.at(-1))).toEqual(["other", SHARE_ANSWER_ACTION]);
  });

  it("carries the question and thread in a value Slack accepts, even full of quotes", () => {
    const question = '"\\'.repeat(250);
    const value = encodeShare({ question, threadTs: "1700000000.000100" });
    expect(value.length).toBeLessThanOrEqual(2000);
    expect(decodeShare(value)).toEqual({ question, threadTs: "1700000000.000100" });
    expect(decodeShare("not json")).toBeUndefined();
    expect(decodeShare(JSON.stringify({ q: " " }))).toBeUndefined();
  });
});

describe("sharedAnswer", () => {
  it("says who shared it, without the button", () => {
    const shared = sharedAnswer(answer, "U0LEE");
    expect(JSON.stringify(shared.blocks)).toContain("Shared by <@U0LEE>");
    expect(JSON.stringify(shared.blocks)).not.toContain(SHARE_ANSWER_ACTION);
  });
});
