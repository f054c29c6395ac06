import type { App } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import type { AppContext } from "../../src/context.ts";
import { PAUSE_TOGGLE_ACTION } from "../../src/messages/app-home.ts";
import { CHECKIN_ACTIONS } from "../../src/messages/checkin-ids.ts";
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
  } as unknown as App;
  return { app, calls };
}

describe("registerListeners", () => {
  // Bolt runs every listener's matcher on every request, so each extra listener costs every request.
  it("registers one Bolt listener per kind", () => {
    const { app, calls } = recordRegistrations();
    registerListeners(app, {} as AppContext);
    expect(calls.map((c) => c.kind).sort()).toEqual(["action", "command", "event", "view"]);
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
    ];
    expect(sent.filter((id) => pattern.test(id))).toEqual(sent);
    expect([...Object.values(CHECKIN_ACTIONS), PAUSE_TOGGLE_ACTION].sort()).toEqual([...sent].sort());
    expect(pattern.test("checkin_as_planned_2")).toBe(false);
  });
});
