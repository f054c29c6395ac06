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
    });
    expect(c).toMatchObject({
      port: 8080,
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
});
