import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

const http = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s3cret" };

describe("loadConfig", () => {
  it("fills the documented defaults in HTTP mode", () => {
    const c = loadConfig(http);
    expect(c).toMatchObject({
      mode: "http",
      port: 3000,
      healthPort: undefined,
      slackApiUrl: "https://slack.com/api/",
      databasePath: "./data/rolecall.db",
      roleAdmins: [],
      logLevel: "info",
      logFormat: "text",
      postsPerMinute: undefined,
    });
  });

  it("uses Socket Mode when SLACK_APP_TOKEN is set, without a signing secret", () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1-abc" });
    expect(c.mode).toBe("socket");
    expect(c.signingSecret).toBeUndefined();
  });

  it("reads every variable", () => {
    const c = loadConfig({
      ...http,
      PORT: "8080",
      SLACK_API_URL: "http://127.0.0.1:9999/api",
      DATABASE_PATH: "/tmp/x.db",
      ROLE_ADMINS: "U111AAA, W222BBB",
      LOG_LEVEL: "debug",
      HEALTH_PORT: "9090",
      LOG_FORMAT: "json",
      SLACK_POSTS_PER_MINUTE: "300",
    });
    expect(c).toMatchObject({
      port: 8080,
      postsPerMinute: 300,
      healthPort: 9090,
      slackApiUrl: "http://127.0.0.1:9999/api/",
      databasePath: "/tmp/x.db",
      roleAdmins: ["U111AAA", "W222BBB"],
      logLevel: "debug",
      logFormat: "json",
    });
  });

  it("names every bad variable in one message, with how to fix it", () => {
    let error: unknown;
    try {
      loadConfig({
        SLACK_BOT_TOKEN: "xoxp-user",
        PORT: "http",
        LOG_LEVEL: "loud",
        LOG_FORMAT: "yaml",
        ROLE_ADMINS: "bob",
        SLACK_API_URL: "nope",
        HEALTH_PORT: "-1",
        SLACK_POSTS_PER_MINUTE: "0",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of [
      "SLACK_BOT_TOKEN",
      "SLACK_SIGNING_SECRET",
      "PORT",
      "LOG_LEVEL",
      "LOG_FORMAT",
      "ROLE_ADMINS",
      "SLACK_API_URL",
      "HEALTH_PORT",
      "SLACK_POSTS_PER_MINUTE",
    ]) {
      expect(message).toContain(name);
    }
    expect(message).toContain("xoxb-");
    expect(message).toContain(".env.example");
  });

  it("treats an empty value as unset", () => {
    expect(loadConfig({ ...http, SLACK_APP_TOKEN: "", PORT: "" })).toMatchObject({
      mode: "http",
      port: 3000,
    });
  });
  describe("distribution mode", () => {
    const oauth = {
      SLACK_CLIENT_ID: "123.456",
      SLACK_CLIENT_SECRET: "client-secret",
      SLACK_STATE_SECRET: "a-long-random-state-secret",
      SLACK_SIGNING_SECRET: "s3cret",
    };

    it("is chosen by the three OAuth variables without SLACK_BOT_TOKEN", () => {
      const c = loadConfig(oauth);
      expect(c.botToken).toBeUndefined();
      expect(c.oauth).toEqual({
        clientId: "123.456",
        clientSecret: "client-secret",
        stateSecret: "a-long-random-state-secret",
      });
      expect(c.mode).toBe("http");
    });

    it("is off in single-workspace mode", () => {
      expect(loadConfig(http).oauth).toBeUndefined();
    });

    it("refuses SLACK_BOT_TOKEN together with OAuth variables, naming both", () => {
      expect(() => loadConfig({ ...oauth, SLACK_BOT_TOKEN: "xoxb-1" })).toThrow(
        /SLACK_BOT_TOKEN and SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET are both set/,
      );
    });

    it("names each OAuth variable that is missing when only some are set", () => {
      let message = "";
      try {
        loadConfig({ SLACK_CLIENT_ID: "123.456", SLACK_SIGNING_SECRET: "s3cret" });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toContain("SLACK_CLIENT_SECRET is required when SLACK_CLIENT_ID is set");
      expect(message).toContain("SLACK_STATE_SECRET is required when SLACK_CLIENT_ID is set");
      expect(message).not.toContain("SLACK_CLIENT_ID is required");
    });

    it("asks for a bot token or the OAuth set when neither is given", () => {
      expect(() => loadConfig({ SLACK_SIGNING_SECRET: "s3cret" })).toThrow(
        /SLACK_BOT_TOKEN is required.*or set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET/,
      );
    });

    it("refuses a short state secret", () => {
      expect(() => loadConfig({ ...oauth, SLACK_STATE_SECRET: "short" })).toThrow(
        /SLACK_STATE_SECRET must be at least 16 characters/,
      );
    });
  });
});
