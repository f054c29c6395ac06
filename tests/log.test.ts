import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { createConfiguredLogger, createLogger } from "../src/log.ts";

const NOW = () => new Date("2026-12-03T09:30:00.000Z");
const BOT_TOKEN = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx";
const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

function capture() {
  const lines: string[] = [];
  return { lines, sink: (line: string) => void lines.push(line) };
}

/** A Web API failure as @slack/web-api shapes it, carrying secrets in its message and its fields. */
function slackError(): Error {
  const err = new Error(`An API error occurred: invalid_auth (token ${BOT_TOKEN})`) as Error & {
    data: unknown;
  };
  err.data = {
    ok: false,
    error: "invalid_auth",
    request: { token: "xoxp-2222-3333-userTokenValue", app: "xapp-1-A0ROLE-4444-appTokenValue" },
    refresh: "xoxe.xoxp-1-rotatedTokenValue",
    signature: `v0=${SIGNING_SECRET}`,
  };
  return err;
}

describe("LOG_FORMAT=json", () => {
  it("writes one JSON object per line, with the level, the time, the message and the error", () => {
    const { lines, sink } = capture();
    const logger = createLogger("info", sink, { format: "json", now: NOW });
    logger.debug("not at this level");
    logger.info("rolecall is running in Socket Mode");
    logger.warn("Check-in DM to U0AAA for 2026-W47 failed (attempt 1):", new Error("user_not_found"), {
      week: "2026-W47",
    });
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((l) => JSON.parse(l));
    expect(first).toMatchObject({
      level: "info",
      time: "2026-12-03T09:30:00.000Z",
      msg: "rolecall is running in Socket Mode",
    });
    expect(second).toMatchObject({
      level: "warn",
      msg: 'Check-in DM to U0AAA for 2026-W47 failed (attempt 1): user_not_found {"week":"2026-W47"}',
      err: { type: "Error", message: "user_not_found" },
    });
    expect(second.err.stack).toContain("user_not_found");
    for (const line of lines) expect(line).not.toContain("\n");
  });

  it("keeps every token and the signing secret out of messages, arguments and error fields", () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      LOG_FORMAT: "json",
      LOG_LEVEL: "debug",
    });
    const { lines, sink } = capture();
    const logger = createConfiguredLogger(config, sink);
    logger.error("Unhandled error in a Slack listener", slackError());
    logger.debug({ headers: { authorization: `Bearer ${BOT_TOKEN}` }, secret: SIGNING_SECRET });

    const output = lines.join("\n");
    for (const secret of [
      BOT_TOKEN,
      SIGNING_SECRET,
      "xoxp-2222",
      "userTokenValue",
      "appTokenValue",
      "rotatedTokenValue",
    ]) {
      expect(output).not.toContain(secret);
    }
    const [error, debug] = lines.map((l) => JSON.parse(l));
    expect(error.msg).toBe(
      "Unhandled error in a Slack listener An API error occurred: invalid_auth (token [redacted])",
    );
    expect(error.err.data).toMatchObject({ error: "invalid_auth", signature: "v0=[redacted]" });
    expect(debug.msg).toContain('"authorization":"Bearer [redacted]"');
  });
});

describe("LOG_FORMAT=text", () => {
  it("prints the time, the level and the text, as before, with secrets redacted", () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET });
    expect(config.logFormat).toBe("text");
    const { lines, sink } = capture();
    const logger = createLogger(config.logLevel, sink, {
      secrets: [config.botToken, config.signingSecret],
      now: NOW,
    });
    logger.info("Applied migrations: 1, 2");
    logger.warn(`Slack refused ${BOT_TOKEN} signed with ${SIGNING_SECRET}`);
    expect(lines).toEqual([
      "2026-12-03T09:30:00.000Z INFO Applied migrations: 1, 2",
      "2026-12-03T09:30:00.000Z WARN Slack refused [redacted] signed with [redacted]",
    ]);
  });
});
