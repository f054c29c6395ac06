import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { EVENT_TYPES } from "../../src/slack/events/index.ts";
import { BOT_SCOPES, REDIRECT_PATH } from "../../src/slack/oauth.ts";
import { WHO_DECIDES_SHORTCUT } from "../../src/slack/shortcuts/who-decides-message.ts";

const root = new URL("../../", import.meta.url);
// Slack's published schema (MIT), vendored from slackapi/manifest-schema so CI needs nothing outside the repo.
const schemaDir = new URL("tests/fixtures/slack-manifest-schema/", root);

type Manifest = {
  features: {
    slash_commands: { command: string; should_escape: boolean }[];
    app_home: { home_tab_enabled: boolean };
    shortcuts?: { name: string; type: string; callback_id: string }[];
  };
  oauth_config: { scopes: { bot: string[] }; redirect_urls: string[] };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
};

const manifest = parse(readFileSync(new URL("manifest.yml", root), "utf8")) as Manifest;

describe("manifest.yml", () => {
  for (const file of ["manifest.schema.1.0.0.json", "manifest.schema.2.0.0.json"]) {
    it(`validates against Slack's published schema (${file})`, () => {
      const schema = JSON.parse(readFileSync(new URL(file, schemaDir), "utf8"));
      const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
      const validate = ajv.compile(schema);
      const valid = validate(manifest);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    });
  }

  it("the schema check is not vacuous: a broken manifest fails it", () => {
    const schema = JSON.parse(readFileSync(new URL("manifest.schema.1.0.0.json", schemaDir), "utf8"));
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const broken = { ...manifest, features: { ...manifest.features, slash_commands: [{ command: "role" }] } };
    expect(ajv.compile(schema)(broken)).toBe(false);
  });

  it("declares /role escaped, the Home tab, its event, interactivity and Socket Mode", () => {
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({ command: "/role", should_escape: true }),
    ]);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toContain("app_home_opened");
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it("declares the Who decides this? message shortcut with the id the bot listens for, and the mention event", () => {
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({
        name: "Who decides this?",
        type: "message",
        callback_id: WHO_DECIDES_SHORTCUT,
      }),
    ]);
    expect(manifest.settings.event_subscriptions.bot_events).toContain("app_mention");
    expect(manifest.oauth_config.scopes.bot).toContain("app_mentions:read");
  });

  it("asks for exactly the least-privilege bot scopes the README explains", () => {
    const scopes = manifest.oauth_config.scopes.bot;
    const readme = readFileSync(new URL("README.md", root), "utf8");
    for (const scope of scopes) expect(readme).toContain(`\`${scope}\``);
    expect(scopes).toEqual(
      expect.arrayContaining(["commands", "chat:write", "im:write", "users:read", "files:write"]),
    );
  });
  it("asks each OAuth install for exactly the manifest's bot scopes", () => {
    expect([...BOT_SCOPES]).toEqual(manifest.oauth_config.scopes.bot);
  });

  it("sends the OAuth redirect to the path the bot serves it on", () => {
    expect(manifest.oauth_config.redirect_urls).toHaveLength(1);
    expect(new URL(manifest.oauth_config.redirect_urls[0] ?? "").pathname).toBe(REDIRECT_PATH);
  });

  it("subscribes to every event rolecall listens for", () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...EVENT_TYPES].sort());
  });
});
