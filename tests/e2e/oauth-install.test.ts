import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { type Running, startRolecall } from "../../src/server.ts";
import { FakeSlack, type FakeWorkspace } from "./fake-slack.ts";
import { type CapturedLog, capturingLogger, SIGNING_SECRET, TestClock, visibleText } from "./harness.ts";
import { DISTRIBUTION_ENV, finishInstall, startInstall } from "./oauth-browser.ts";
import { postSigned, slashCommandBody } from "./signed-request.ts";

const ACME: FakeWorkspace = {
  code: "code-acme",
  teamId: "T0ACME",
  teamName: "Acme",
  botToken: "xoxb-acme-install",
  botUserId: "UBOTACME",
  botId: "BACME",
  installerUserId: "U0ACMEADMIN",
};
const GLOBEX: FakeWorkspace = {
  code: "code-globex",
  teamId: "T0GLOBEX",
  teamName: "Globex",
  botToken: "xoxb-globex-install",
  botUserId: "UBOTGLOBEX",
  botId: "BGLOBEX",
  installerUserId: "U0GLOBEXADMIN",
};
const GRID: FakeWorkspace = {
  code: "code-grid",
  teamId: "",
  teamName: "Grid",
  botToken: "xoxb-grid-install",
  botUserId: "UBOTGRID",
  botId: "BGRID",
  installerUserId: "U0GRIDADMIN",
  enterpriseId: "E0GRID",
};

describe("distribution mode: any workspace installs through Slack OAuth", () => {
  let fake: FakeSlack;
  let running: Running;
  let dir: string;
  let base: string;
  const logs: CapturedLog[] = [];
  const clock = new TestClock(new Date("2026-11-23T12:00:00Z"));

  beforeAll(async () => {
    fake = await new FakeSlack().start();
    for (const w of [ACME, GLOBEX, GRID]) fake.addWorkspace(w);
    dir = mkdtempSync(join(tmpdir(), "rolecall-oauth-"));
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
  });

  afterAll(async () => {
    await running.stop();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const command = async (text: string, teamId: string, user: string) => {
    const body = slashCommandBody({
      text,
      userId: user,
      channelId: "C0TEAM",
      teamId,
      responseUrl: fake.responseUrl(`${teamId}-${text}`),
    });
    return postSigned(`${base}/slack/events`, body, { secret: SIGNING_SECRET });
  };

  const event = async (teamId: string, event: Record<string, unknown>) =>
    postSigned(
      `${base}/slack/events`,
      JSON.stringify({
        token: "legacy",
        team_id: teamId,
        api_app_id: "A0ROLECALL",
        type: "event_callback",
        event_id: `Ev${teamId}${String(event.type)}`,
        event_time: Math.floor(clock.now().getTime() / 1000),
        event,
      }),
      { secret: SIGNING_SECRET, contentType: "application/json" },
    );

  it("sends the browser to Slack's consent page with the manifest's bot scopes", async () => {
    const { location } = await startInstall(base);
    expect(location.origin + location.pathname).toBe("https://slack.com/oauth/v2/authorize");
    expect(location.searchParams.get("client_id")).toBe("1111.2222");
    expect(location.searchParams.get("scope")).toBe(
      "commands,app_mentions:read,chat:write,im:write,im:history,users:read,files:write,channels:read,groups:read,channels:history,groups:history",
    );
  });

  it("installs two workspaces, each with its own bot token, and reports ready", async () => {
    for (const w of [ACME, GLOBEX]) {
      const { state, cookie } = await startInstall(base);
      const done = await finishInstall(base, w.code, state, cookie);
      expect(done.status).toBe(200);
    }
    expect(running.ctx.stores.installations.find(ACME.teamId)).toMatchObject({
      botToken: ACME.botToken,
      botUserId: ACME.botUserId,
      botId: ACME.botId,
      installerUserId: ACME.installerUserId,
      teamName: "Acme",
    });
    expect(running.ctx.stores.installations.find(GLOBEX.teamId)?.botToken).toBe(GLOBEX.botToken);
    const ready = await fetch(`${base}/readyz`);
    expect(await ready.json()).toMatchObject({ ready: true, checks: { token: "per-install" } });
    expect(logs.map((l) => l.text).join("\n")).not.toMatch(/xoxb-(acme|globex)-install/);
  });

  it("refuses a forged state, a state from another browser and a replayed one", async () => {
    const forged = await finishInstall(base, ACME.code, "forged.state", "slack-app-oauth-state=forged.state");
    expect(forged.status).toBe(400);
    expect(forged.body).toContain("rolecall was not installed");

    const { state, cookie } = await startInstall(base);
    const elsewhere = await finishInstall(base, ACME.code, state, "");
    expect(elsewhere.status).toBe(400);

    const first = await finishInstall(base, ACME.code, state, cookie);
    expect(first.status).toBe(200);
    const replayed = await finishInstall(base, ACME.code, state, cookie);
    expect(replayed.status).toBe(400);
    expect(replayed.body).toContain("slack_oauth_invalid_state");
  });

  it("refuses an Enterprise Grid org-wide install with a page that says why, and stores nothing", async () => {
    const { state, cookie } = await startInstall(base);
    const done = await finishInstall(base, GRID.code, state, cookie);
    expect(done.status).toBe(400);
    expect(done.body).toContain("cannot be installed org-wide");
    expect(running.ctx.stores.installations.list().map((i) => i.teamId)).toEqual([
      ACME.teamId,
      GLOBEX.teamId,
    ]);
  });

  it("answers /role help and who-decides in each workspace", async () => {
    for (const w of [ACME, GLOBEX]) {
      const help = await command("help", w.teamId, `U0${w.teamName.toUpperCase()}`);
      expect(help.status).toBe(200);
      expect(visibleText(JSON.parse(help.body))).toContain("who-decides");
      const asked = await command("who-decides who approves promotions?", w.teamId, "U0MEMBER");
      expect(visibleText(JSON.parse(asked.body))).toMatch(/\*Engineering manager\* decides/);
    }
  });

  it("calls Slack for each workspace with that workspace's token", async () => {
    fake.clear();
    for (const w of [ACME, GLOBEX]) {
      const res = await event(w.teamId, { type: "app_home_opened", user: "U0VIEWER", tab: "home" });
      expect(res.status).toBe(200);
    }
    await until(() => fake.callsTo("views.publish").length === 2);
    expect(fake.callsTo("views.publish").map((c) => fake.tokenOf(c))).toEqual([
      ACME.botToken,
      GLOBEX.botToken,
    ]);
  });

  it("does not answer a workspace that never installed", async () => {
    const res = await command("help", "T0STRANGER", "U0X");
    expect(res.body).not.toContain("who-decides");
  });

  it("deletes a workspace's token at once when it uninstalls, and leaves the other working", async () => {
    const res = await event(GLOBEX.teamId, { type: "app_uninstalled" });
    expect(res.status).toBe(200);
    await until(() => running.ctx.stores.installations.find(GLOBEX.teamId) === undefined);
    const row = running.ctx.stores.db
      .prepare("SELECT bot_token, bot_refresh_token, uninstalled_at FROM installations WHERE team_id = ?")
      .get(GLOBEX.teamId);
    expect(row).toEqual({
      bot_token: null,
      bot_refresh_token: null,
      uninstalled_at: "2026-11-23T12:00:00.000Z",
    });
    expect((await command("help", GLOBEX.teamId, "U0G")).body).not.toContain("who-decides");
    expect(visibleText(JSON.parse((await command("help", ACME.teamId, "U0A")).body))).toContain(
      "who-decides",
    );
  });

  it("treats a revoked bot token like an uninstall, but not a revoked user token", async () => {
    await event(ACME.teamId, { type: "tokens_revoked", tokens: { oauth: ["U0SOMEONE"] } });
    expect(running.ctx.stores.installations.find(ACME.teamId)).toBeDefined();
    await event(ACME.teamId, { type: "tokens_revoked", tokens: { bot: [ACME.botUserId] } });
    await until(() => running.ctx.stores.installations.find(ACME.teamId) === undefined);
  });
});

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(done()).toBe(true);
}
