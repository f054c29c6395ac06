import type { webApi } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAppContext } from "../../src/compose.ts";
import type { AppContext } from "../../src/context.ts";
import { REFRESH_MARGIN_S, TokenRefreshError, TokenRotator } from "../../src/delivery/token-rotation.ts";
import { silentLogger } from "../../src/log.ts";
import { type Db, openDatabase } from "../../src/store/db.ts";
import type { InstallationRecord } from "../../src/store/installations.ts";
import { migrate } from "../../src/store/migrate.ts";

const NOW = new Date("2026-11-23T12:00:00Z");
const NOW_S = NOW.getTime() / 1000;

const install = (expiresAt: number): InstallationRecord => ({
  teamId: "T0A",
  enterpriseId: undefined,
  teamName: "A",
  appId: undefined,
  botToken: "xoxe.xoxb-old",
  botUserId: "UBOT",
  botId: "BBOT",
  scopes: ["commands"],
  installerUserId: "U0INSTALLER",
  tokenExpiresAt: expiresAt,
  refreshToken: "xoxe-1-old",
});

/** Slack's oauth.v2.access as the rotator sees it: each exchange answered when the test says. */
class Exchanges {
  readonly asked: string[] = [];
  private readonly waiting: { resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  readonly client = {
    oauth: {
      v2: {
        access: (args: { refresh_token: string; grant_type: string }) => {
          expect(args.grant_type).toBe("refresh_token");
          this.asked.push(args.refresh_token);
          return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
        },
      },
    },
  } as unknown as webApi.WebClient;

  answer(n: number): void {
    this.waiting.shift()?.resolve({
      ok: true,
      token_type: "bot",
      access_token: `xoxe.xoxb-new${n}`,
      refresh_token: `xoxe-1-new${n}`,
      expires_in: 43_200,
    });
  }

  refuse(error: string): void {
    this.waiting
      .shift()
      ?.reject(Object.assign(new Error(`An API error occurred: ${error}`), { data: { error } }));
  }
}

let db: Db;
let ctx: AppContext;
let slack: Exchanges;
const rotator = () =>
  new TokenRotator({
    installations: ctx.stores.installations,
    clock: () => NOW,
    metrics: ctx.metrics,
    logger: silentLogger,
    client: slack.client,
    clientId: "1111.2222",
    clientSecret: "secret",
  });
const stored = () => ctx.stores.installations.find("T0A");
const metric = async (outcome: string) =>
  (await ctx.metrics.tokenRefreshes.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0;
/** Lets the rotator run up to its oauth.v2.access call. */
const settle = () => new Promise((r) => setImmediate(r));

beforeEach(() => {
  db = openDatabase(":memory:");
  migrate(db);
  ctx = createAppContext(db, { logger: silentLogger, clock: () => NOW });
  slack = new Exchanges();
});
afterEach(() => db.close());

describe("TokenRotator", () => {
  it("uses the stored token while it is valid for longer than the margin", async () => {
    ctx.stores.installations.save(install(NOW_S + REFRESH_MARGIN_S + 1), NOW);
    expect(await rotator().botToken(install(NOW_S + REFRESH_MARGIN_S + 1))).toBe("xoxe.xoxb-old");
    expect(slack.asked).toEqual([]);
  });

  it("refreshes a token within the margin and stores the new token, refresh token and expiry", async () => {
    const old = install(NOW_S + REFRESH_MARGIN_S);
    ctx.stores.installations.save(old, NOW);
    const token = rotator().botToken(old);
    await settle();
    slack.answer(1);
    expect(await token).toBe("xoxe.xoxb-new1");
    expect(slack.asked).toEqual(["xoxe-1-old"]);
    expect(stored()).toMatchObject({
      botToken: "xoxe.xoxb-new1",
      refreshToken: "xoxe-1-new1",
      tokenExpiresAt: NOW_S + 43_200,
    });
    expect(await metric("refreshed")).toBe(1);
  });

  it("exchanges a refresh token once when two processes need it at the same moment", async () => {
    const expired = install(NOW_S - 60);
    ctx.stores.installations.save(expired, NOW);
    const [first, second] = [rotator(), rotator()];
    const winner = first.botToken(expired);
    await settle();
    // The other process finds the lease taken and the stored token expired: it gives up this time
    // rather than spend the same refresh token, which Slack would revoke on its first use.
    await expect(second.botToken(expired)).rejects.toMatchObject({ reason: "refresh_in_progress" });
    slack.answer(1);
    expect(await winner).toBe("xoxe.xoxb-new1");
    // Its next turn reads the new token that the first stored.
    const now = stored() as InstallationRecord;
    expect(await second.botToken(now)).toBe("xoxe.xoxb-new1");
    expect(slack.asked).toEqual(["xoxe-1-old"]);
  });

  it("lets the other process use the stored token while it is still valid", async () => {
    const expiring = install(NOW_S + 600);
    ctx.stores.installations.save(expiring, NOW);
    const [first, second] = [rotator(), rotator()];
    const winner = first.botToken(expiring);
    await settle();
    expect(await second.botToken(expiring)).toBe("xoxe.xoxb-old");
    slack.answer(1);
    await winner;
    expect(slack.asked).toEqual(["xoxe-1-old"]);
  });

  it("shares one exchange between calls in the same process", async () => {
    const expired = install(NOW_S - 60);
    ctx.stores.installations.save(expired, NOW);
    const r = rotator();
    const both = Promise.all([r.botToken(expired), r.botToken(expired)]);
    await settle();
    slack.answer(1);
    expect(await both).toEqual(["xoxe.xoxb-new1", "xoxe.xoxb-new1"]);
    expect(slack.asked).toEqual(["xoxe-1-old"]);
  });

  it("fails with Slack's reason when the refresh token is refused, counts it and frees the lease", async () => {
    const expired = install(NOW_S - 60);
    ctx.stores.installations.save(expired, NOW);
    const r = rotator();
    const refused = r.botToken(expired);
    await settle();
    slack.refuse("invalid_refresh_token");
    const err = await refused.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TokenRefreshError);
    expect(err).toMatchObject({ teamId: "T0A", reason: "invalid_refresh_token" });
    expect(await metric("failed")).toBe(1);
    expect(stored()?.botToken).toBe("xoxe.xoxb-old");
    // The lease is free again: the next attempt asks Slack instead of waiting for it to lapse.
    const again = r.botToken(expired);
    await settle();
    slack.answer(2);
    expect(await again).toBe("xoxe.xoxb-new2");
    expect(slack.asked).toEqual(["xoxe-1-old", "xoxe-1-old"]);
  });

  it("stores the new pair even when its first write fails: the old refresh token is already spent", async () => {
    const expired = install(NOW_S - 60);
    ctx.stores.installations.save(expired, NOW);
    const store = ctx.stores.installations;
    const save = store.saveRefreshedToken.bind(store);
    let busy = 1;
    store.saveRefreshedToken = (...args) => {
      if (busy-- > 0) throw new Error("SQLITE_BUSY: database is locked");
      return save(...args);
    };
    const token = rotator().botToken(expired);
    await settle();
    slack.answer(1);
    expect(await token).toBe("xoxe.xoxb-new1");
    expect(stored()).toMatchObject({ botToken: "xoxe.xoxb-new1", refreshToken: "xoxe-1-new1" });
    expect(slack.asked).toEqual(["xoxe-1-old"]);
    expect(await metric("refreshed")).toBe(1);
  });

  it("does not bring back a workspace that uninstalled while its token was being refreshed", async () => {
    const expired = install(NOW_S - 60);
    ctx.stores.installations.save(expired, NOW);
    const refreshing = rotator().botToken(expired);
    await settle();
    ctx.stores.installations.markUninstalled("T0A", NOW);
    slack.answer(1);
    await expect(refreshing).rejects.toMatchObject({ reason: "uninstalled" });
    expect(stored()).toBeUndefined();
  });
});
