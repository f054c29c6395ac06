import type { App } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import type { AppContext } from "../../src/context.ts";
import { PAUSE_TOGGLE_ACTION } from "../../src/messages/app-home.ts";
import { CHECKIN_ACTIONS } from "../../src/messages/checkin-ids.ts";
import { DID_YOU_MEAN_ACTIONS } from "../../src/messages/did-you-mean.ts";
import { SHARE_ANSWER_ACTION } from "../../src/messages/share.ts";
import { registerListeners } from "../../src/slack/index.ts";

/** What registerListeners asks of Bolt, by kind: the constraint of each listener registered. */
function recordRegistrations() {
  const calls: { kind: string; constraint: unknown }[] = [];
  const record =
    (kind: string) =>
    (constraint: unknown): void => {
      calls.push({ kind, constraint });
    };
  const app = {
    command: record("command"),
    event: record("event"),
    action: record("action"),
    view: record("view"),
    shortcut: record("shortcut"),
  } as unknown as App;
  return { app, calls };
}

describe("registerListeners", () => {
  // Bolt runs every listener's matcher on every request, so each extra listener costs every request.
  it("registers one Bolt listener per kind", () => {
    const { app, calls } = recordRegistrations();
    registerListeners(app, {} as AppContext);
    expect(calls.map((c) => c.kind).sort()).toEqual(["action", "command", "event", "shortcut", "view"]);
  });

  it("routes every button id rolecall has ever sent, and nothing else, to the action listener", () => {
    const { app, calls } = recordRegistrations();
    registerListeners(app, {} as AppContext);
    const pattern = calls.find((c) => c.kind === "action")?.constraint as RegExp;
    // Written out, not imported from the id constants: DMs already in Slack carry these strings.
    const sent = [
      "checkin_as_planned",
      "checkin_enter_split",
      "checkin_skip",
      "checkin_edit",
      "checkin_pause_toggle",
      "who_decides_share",
      "who-decides-pick-1",
      "who-decides-pick-2",
      "who-decides-pick-3",
    ];
    expect(sent.filter((id) => pattern.test(id))).toEqual(sent);
    expect(
      [
        ...Object.values(CHECKIN_ACTIONS),
        PAUSE_TOGGLE_ACTION,
        ...DID_YOU_MEAN_ACTIONS,
        SHARE_ANSWER_ACTION,
      ].sort(),
    ).toEqual([...sent].sort());
    expect(pattern.test("checkin_as_planned_2")).toBe(false);
    expect(pattern.test("who-decides-pick-4")).toBe(false);
  });

  it("routes every event rolecall subscribes to, and the message shortcut, to one listener each", () => {
    const { app, calls } = recordRegistrations();
    registerListeners(app, {} as AppContext);
    const events = calls.find((c) => c.kind === "event")?.constraint as RegExp;
    expect(["app_home_opened", "app_mention"].every((t) => events.test(t))).toBe(true);
    expect(events.test("message")).toBe(false);
    const shortcuts = calls.find((c) => c.kind === "shortcut")?.constraint as RegExp;
    expect(shortcuts.test("who_decides_message")).toBe(true);
    expect(shortcuts.test("who_decides_message_2")).toBe(false);
  });
});
