/**
 * The WebClient that exchanges a rotated token's refresh token, against the stand-in Slack: Slack
 * spends the refresh token on its first exchange, so a lost reply must not be followed by a retry.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAppContext } from "../../src/compose.ts";
import { loadConfig } from "../../src/config.ts";
import { observedSlackFetch } from "../../src/delivery/observed-fetch.ts";
import { silentLogger } from "../../src/log.ts";
import { tokenRefreshClient } from "../../src/slack/app.ts";
import { type Db, openDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";
import { FakeSlack } from "../e2e/fake-slack.ts";

let fake: FakeSlack;
let db: Db;

beforeEach(async () => {
  fake = await new FakeSlack().start();
  db = openDatabase(":memory:");
  migrate(db);
});
afterEach(async () => {
  db.close();
  await fake.stop();
});

function refreshClient() {
  const config = loadConfig({
    SLACK_CLIENT_ID: "1111.2222",
    SLACK_CLIENT_SECRET: "client-secret",
    SLACK_STATE_SECRET: "state-secret-0123456789",
    SLACK_SIGNING_SECRET: "signing-secret-0123456789abcdef",
    SLACK_API_URL: fake.apiUrl,
    DATABASE_PATH: ":memory:",
    LOG_LEVEL: "error",
  });
  const ctx = createAppContext(db, { logger: silentLogger });
  return tokenRefreshClient(config, ctx, observedSlackFetch(ctx.metrics, config.slackApiUrl));
}

const exchange = (client: ReturnType<typeof refreshClient>) =>
  client.oauth.v2.access({
    client_id: "1111.2222",
    client_secret: "client-secret",
    grant_type: "refresh_token",
    refresh_token: "xoxe-1-old",
  });

describe("tokenRefreshClient", () => {
  it("makes one oauth.v2.access call when Slack answers 5xx: no retry inside the client", async () => {
    fake.script("oauth.v2.access", () => ({ status: 503, body: "Service Unavailable" }));
    await expect(exchange(refreshClient())).rejects.toThrow();
    expect(fake.callsTo("oauth.v2.access")).toHaveLength(1);
  });

  it("does not wait out a 429 to try again", async () => {
    fake.script("oauth.v2.access", () => ({
      status: 429,
      headers: { "retry-after": "0" },
      body: '{"ok":false,"error":"ratelimited"}',
    }));
    await expect(exchange(refreshClient())).rejects.toThrow();
    expect(fake.callsTo("oauth.v2.access")).toHaveLength(1);
  });
});
