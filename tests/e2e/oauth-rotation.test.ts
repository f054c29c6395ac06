/**
 * Token rotation in distribution mode, end to end: two workspaces install through OAuth against the
 * stand-in Slack, one with rotating tokens (12 hours, as Slack issues them). Time is injected, so
 * the scheduled job runs days after the first token expired; the stand-in refuses an expired token.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import type { Job } from "../../src/jobs/scheduler.ts";
import { type Running, startRolecall } from "../../src/server.ts";
import { FakeSlack, type FakeWorkspace, type RecordedCall } from "./fake-slack.ts";
import { type CapturedLog, capturingLogger, eventually, SIGNING_SECRET, TestClock } from "./harness.ts";
import { DISTRIBUTION_ENV, install } from "./oauth-browser.ts";
import { postSigned } from "./signed-request.ts";

const TWELVE_HOURS_S = 12 * 60 * 60;
const ACME: FakeWorkspace = {
  code: "code-acme",
  teamId: "T0ACME",
  teamName: "Acme",
  botToken: "xoxe.xoxb-acme",
  botUserId: "UBOTACME",
  botId: "BACME",
  installerUserId: "U0ACMEADMIN",
  rotation: { expiresInS: TWELVE_HOURS_S },
};
const GLOBEX: FakeWorkspace = {
  code: "code-globex",
  teamId: "T0GLOBEX",
  teamName: "Globex",
  botToken: "xoxb-globex",
  botUserId: "UBOTGLOBEX",
  botId: "BGLOBEX",
  installerUserId: "U0GLOBEXADMIN",
};
const LEADS: Record<string, string> = { [ACME.teamId]: "U0ACMELEAD", [GLOBEX.teamId]: "U0GLOBEXLEAD" };

describe("distribution mode with token rotation", () => {
  let fake: FakeSlack;
  let running: Running;
  let dir: string;
  let base: string;
  let job: Job;
  const logs: CapturedLog[] = [];
  // Monday: Acme's first token expires at midnight; the check-ins are due on Friday at 15:00 London.
  const clock = new TestClock(new Date("2026-11-16T12:00:00Z"));

  beforeAll(async () => {
    fake = await new FakeSlack().start();
    fake.now = clock.now;
    for (const w of [ACME, GLOBEX]) fake.addWorkspace(w);
    dir = mkdtempSync(join(tmpdir(), "rolecall-rotation-"));
    const config = loadConfig({
      ...DISTRIBUTION_ENV,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: "0",
      SLACK_API_URL: fake.apiUrl,
      DATABASE_PATH: join(dir, "rolecall.db"),
      LOG_LEVEL: "info",
    });
    running = await startRolecall(config, {
      clock: clock.now,
      logger: capturingLogger(logs),
      scheduler: false,
    });
    base = `http://127.0.0.1:${running.port}`;
    const found = running.jobs.find((j) => j.name === "per-workspace");
    if (!found) throw new Error("distribution mode registers no per-workspace job");
    job = found;
    for (const w of [ACME, GLOBEX]) {
      await install(base, w.code);
      hybridLead(w.teamId, LEADS[w.teamId] as string);
    }
  });

  afterAll(async () => {
    await running.stop();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A tech lead and engineering manager of two teams, in London, known to Slack. */
  function hybridLead(teamId: string, userId: string): void {
    fake.addUser({ id: userId, tz: "Europe/London" });
    const s = running.ctx.stores;
    s.workspaces.ensure(teamId, new Date("2026-01-01T00:00:00Z"));
    for (const [channelId, role] of [
      ["C0PAY", "tech-lead"],
      ["C0SHOP", "engineering-manager"],
    ] as const) {
      s.hats.record(teamId, {
        channelId,
        userId,
        role,
        action: "assign",
        effectiveDate: "2026-01-01",
        recordedBy: "U0ADMIN",
        recordedAt: "2026-01-01T00:00:00Z",
      });
    }
  }

  const tick = async (at: string) => {
    clock.set(at);
    fake.clear();
    await job.run(clock.now());
  };
  const checkinsTo = (userId: string): RecordedCall[] =>
    fake
      .callsTo("chat.postMessage")
      .filter((c) => c.params.channel === userId && c.params.thread_ts === undefined);
  const stored = (teamId: string) => running.ctx.stores.installations.find(teamId);
  const failedRefreshes = async () =>
    (await running.ctx.metrics.tokenRefreshes.get()).values.find((v) => v.labels.outcome === "failed")
      ?.value ?? 0;

  it("stores the rotating install with its refresh token and expiry", () => {
    const expiresAt = Date.parse("2026-11-16T12:00:00Z") / 1000 + TWELVE_HOURS_S;
    expect(stored(ACME.teamId)).toMatchObject({
      botToken: ACME.botToken,
      refreshToken: expect.stringMatching(/^xoxe-1-/),
      // On the injected clock (Bolt computes it from the wall clock, a second may pass meanwhile).
      tokenExpiresAt: expect.toSatisfy((s: number) => s >= expiresAt - 1 && s <= expiresAt),
    });
    expect(stored(GLOBEX.teamId)).toMatchObject({ tokenExpiresAt: undefined, refreshToken: undefined });
  });

  it("refreshes the expired token before the job's check-ins, which go out with the new one", async () => {
    await tick("2026-11-20T15:05:00Z");
    const acme = stored(ACME.teamId);
    expect(acme?.botToken).toMatch(/^xoxe\.xoxb-acme-rotated-/);
    expect(acme?.tokenExpiresAt).toBe(Date.parse("2026-11-20T15:05:00Z") / 1000 + TWELVE_HOURS_S);
    expect(fake.callsTo("oauth.v2.access").map((c) => c.params.grant_type)).toEqual(["refresh_token"]);

    const acmeDms = checkinsTo(LEADS[ACME.teamId] as string);
    expect(acmeDms).toHaveLength(1);
    expect(fake.tokenOf(acmeDms[0] as RecordedCall)).toBe(acme?.botToken);
    // Nothing was even tried with the expired token (the stand-in would have refused it).
    expect(fake.calls.filter((c) => fake.tokenOf(c) === ACME.botToken)).toEqual([]);

    const globexDms = checkinsTo(LEADS[GLOBEX.teamId] as string);
    expect(globexDms).toHaveLength(1);
    expect(fake.tokenOf(globexDms[0] as RecordedCall)).toBe(GLOBEX.botToken);
    expect(
      running.ctx.stores.checkins.get(ACME.teamId, LEADS[ACME.teamId] as string, "2026-W47")?.state,
    ).toBe("sent");
  });

  it("refreshes it for a listener too, through the same store", async () => {
    const before = stored(ACME.teamId)?.botToken;
    clock.set("2026-11-21T09:00:00Z"); // the token refreshed on Friday at 15:05 expired at 03:05
    fake.clear();
    const res = await postSigned(
      `${base}/slack/events`,
      JSON.stringify({
        token: "legacy",
        team_id: ACME.teamId,
        api_app_id: "A0ROLECALL",
        type: "event_callback",
        event_id: "EvHOME1",
        event_time: Math.floor(clock.now().getTime() / 1000),
        event: { type: "app_home_opened", user: "U0VIEWER", tab: "home" },
      }),
      { secret: SIGNING_SECRET, contentType: "application/json" },
    );
    expect(res.status).toBe(200);
    const publish = await eventually(() => fake.callsTo("views.publish")[0], "views.publish");
    const after = stored(ACME.teamId)?.botToken;
    expect(after).not.toBe(before);
    expect(fake.tokenOf(publish)).toBe(after);
  });

  it("skips a workspace whose refresh token is refused, with one log line, and still serves the other", async () => {
    fake.revokeRefreshToken(ACME.teamId);
    await tick("2026-11-27T15:05:00Z");
    expect(checkinsTo(LEADS[ACME.teamId] as string)).toEqual([]);
    expect(
      fake.calls.filter((c) => c.method !== "oauth.v2.access" && fake.tokenOf(c)?.includes("acme")),
    ).toEqual([]);
    expect(checkinsTo(LEADS[GLOBEX.teamId] as string)).toHaveLength(1);
    expect(await failedRefreshes()).toBe(1);

    await tick("2026-11-27T15:06:00Z");
    const lines = logs.filter((l) =>
      l.text.includes(`Workspace ${ACME.teamId}: its bot token could not be refreshed`),
    );
    expect(lines.map((l) => [l.level, l.text])).toEqual([
      [
        "error",
        `Workspace ${ACME.teamId}: its bot token could not be refreshed (invalid_refresh_token); its scheduled jobs are skipped until it can be`,
      ],
    ]);
    expect(await failedRefreshes()).toBe(2);
    expect(logs.map((l) => l.text).join("\n")).not.toMatch(/xoxe\.xoxb-acme|xoxe-1-/);
  });
});
