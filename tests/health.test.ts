import { describe, expect, it } from "vitest";
import { readiness, SCHEDULER_STALE_MS } from "../src/health.ts";

const now = new Date("2026-12-03T10:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("readiness", () => {
  it("is ready with an open database, a verified token and a scheduler that ticked within two minutes", () => {
    expect(readiness({ database: true, token: "verified", scheduler: ago(SCHEDULER_STALE_MS), now })).toEqual(
      {
        ready: true,
        checks: { database: "ok", token: "verified", scheduler: "ok" },
      },
    );
  });

  it("skips the scheduler check when this process runs no scheduler", () => {
    expect(readiness({ database: true, token: "verified", scheduler: "disabled", now }).ready).toBe(true);
  });

  it("names each failing check", () => {
    expect(
      readiness({ database: false, token: "pending", scheduler: ago(SCHEDULER_STALE_MS + 1), now }),
    ).toEqual({
      ready: false,
      checks: { database: "unavailable", token: "pending", scheduler: "stale" },
    });
    expect(readiness({ database: true, token: "rejected", scheduler: "disabled", now }).ready).toBe(false);
    expect(
      readiness({ database: true, token: "verified", scheduler: ago(SCHEDULER_STALE_MS + 1), now }).ready,
    ).toBe(false);
  });
});
