import { describe, expect, it } from "vitest";
import type { AppContext } from "../../src/context.ts";
import { startScheduler } from "../../src/jobs/scheduler.ts";
import { silentLogger } from "../../src/log.ts";

describe("startScheduler", () => {
  it("records when it started and when each tick began, for readiness", async () => {
    let now = new Date("2026-12-03T10:00:00Z");
    const ctx = { clock: () => now, logger: silentLogger } as unknown as AppContext;
    const seen: Date[] = [];
    const scheduler = startScheduler(ctx, [{ name: "probe", run: async (t) => seen.push(t) }]);
    try {
      expect(scheduler.lastTickAt()).toEqual(new Date("2026-12-03T10:00:00Z"));
      now = new Date("2026-12-03T10:05:00Z");
      await scheduler.tick();
      expect(scheduler.lastTickAt()).toEqual(new Date("2026-12-03T10:05:00Z"));
      expect(seen).toEqual([new Date("2026-12-03T10:05:00Z")]);
    } finally {
      await scheduler.stop();
    }
  });
});
