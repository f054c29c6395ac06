/**
 * Distribution mode in Socket Mode: events come over the socket, so Bolt's installer opens its own
 * HTTP server on PORT for /slack/install and /slack/oauth_redirect. The real app starts against
 * the stand-in Slack, which answers apps.connections.open with a WebSocket on 127.0.0.1 and says
 * hello on it; everything stays on the loopback interface.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { type Running, startRolecall } from "../../src/server.ts";
import { FakeSlack, type FakeWorkspace } from "./fake-slack.ts";
import { capturingLogger, TestClock } from "./harness.ts";
import { DISTRIBUTION_ENV, finishInstall, startInstall } from "./oauth-browser.ts";

const APP_TOKEN = "xapp-1-A0ROLECALL-e2e";
const ACME: FakeWorkspace = {
  code: "code-acme",
  teamId: "T0ACME",
  teamName: "Acme",
  botToken: "xoxb-acme-socket",
  botUserId: "UBOTACME",
  botId: "BACME",
  installerUserId: "U0ACMEADMIN",
};

/** A port nobody listens on: Bolt's installer server reports no address of its own. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe("distribution mode in Socket Mode: the install pages on PORT", () => {
  let fake: FakeSlack;
  let running: Running;
  let dir: string;
  let base: string;

  beforeAll(async () => {
    fake = await new FakeSlack().start();
    fake.addWorkspace(ACME);
    dir = mkdtempSync(join(tmpdir(), "rolecall-socket-oauth-"));
    const port = await freePort();
    const config = loadConfig({
      ...DISTRIBUTION_ENV,
      SLACK_APP_TOKEN: APP_TOKEN,
      PORT: String(port),
      SLACK_API_URL: fake.apiUrl,
      DATABASE_PATH: join(dir, "rolecall.db"),
      LOG_LEVEL: "warn",
    });
    expect(config.mode).toBe("socket");
    running = await startRolecall(config, {
      clock: new TestClock(new Date("2026-11-23T12:00:00Z")).now,
      logger: capturingLogger([]),
      scheduler: false,
    });
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await running?.stop();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("connects the socket with the app token", () => {
    const open = fake.callsTo("apps.connections.open");
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(fake.tokenOf(open[0] as (typeof open)[number])).toBe(APP_TOKEN);
    expect(fake.sockets.size).toBe(1);
  });

  it("serves /slack/install on PORT: off to Slack's consent page with a signed state", async () => {
    const { location, state } = await startInstall(base);
    expect(location.origin + location.pathname).toBe("https://slack.com/oauth/v2/authorize");
    expect(location.searchParams.get("client_id")).toBe("1111.2222");
    expect(state).toMatch(/^[\w-]+\.[\w-]+$/);
  });

  it("stores the install when Slack sends the browser back with a code and the state", async () => {
    const { state, cookie } = await startInstall(base);
    const done = await finishInstall(base, ACME.code, state, cookie);
    expect(done.status).toBe(200);
    const row = running.ctx.stores.db
      .prepare("SELECT team_id, team_name, bot_token, bot_user_id, uninstalled_at FROM installations")
      .all();
    expect(row).toEqual([
      {
        team_id: ACME.teamId,
        team_name: "Acme",
        bot_token: ACME.botToken,
        bot_user_id: ACME.botUserId,
        uninstalled_at: null,
      },
    ]);
  });

  it("refuses a forged state and stores nothing more", async () => {
    const before = fake.callsTo("oauth.v2.access").length;
    const forged = await finishInstall(base, ACME.code, "forged.state", "slack-app-oauth-state=forged.state");
    expect(forged.status).toBe(400);
    expect(forged.body).toContain("rolecall was not installed");
    expect(fake.callsTo("oauth.v2.access")).toHaveLength(before);
    expect(running.ctx.stores.installations.list()).toHaveLength(1);
  });
});
