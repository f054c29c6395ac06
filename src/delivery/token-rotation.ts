import type { webApi } from "@slack/bolt";
import type { Clock } from "../context.ts";
import type { Logger } from "../log.ts";
import type { Metrics } from "../metrics.ts";
import type { InstallationRecord, InstallationStore } from "../store/installations.ts";
import { slackFailure } from "./slack-errors.ts";

/**
 * A token that expires within this many seconds is refreshed before use. Slack's rotated tokens
 * last 12 hours; two hours is the window Bolt's own InstallProvider uses, so a job that runs for a
 * while never holds a token that lapses mid-run.
 */
export const REFRESH_MARGIN_S = 2 * 60 * 60;

/** How long a refresh lease is held: far longer than one oauth.v2.access call, short enough that a crashed refresher's lapses soon. */
export const REFRESH_LEASE_S = 60;

/** The workspace's token could not be refreshed; its work is skipped until it can be. */
export class TokenRefreshError extends Error {
  constructor(
    readonly teamId: string,
    /** Slack's error (`invalid_refresh_token`…), `uninstalled`, or `refresh_in_progress` when another process holds the lease and the token has already expired. */
    readonly reason: string,
  ) {
    super(`The bot token of workspace ${teamId} could not be refreshed (${reason})`);
    this.name = "TokenRefreshError";
  }
}

type Exchanged = { access_token?: string; refresh_token?: string; expires_in?: number };

/**
 * The one place a rotated bot token is refreshed, for the listeners (through the installation store
 * Bolt reads) and the scheduled jobs alike. Bolt's InstallProvider.authorize also refreshes, but it
 * reads the wall clock instead of rolecall's, turns a failed refresh into the old (expired) token
 * without saying so, and stores with a blind overwrite; so the store hands Bolt installs without
 * their refresh token and this class does the rotation.
 *
 * Slack revokes a refresh token once it has been exchanged, so exchanging the same one twice loses
 * the workspace: within the process one refresh per workspace is in flight at a time, and across
 * processes a lease in the installation's row (migration 0009) lets only one exchange it. Whoever
 * does not hold the lease uses the token already stored if it is still valid, and otherwise gives
 * up this time (`refresh_in_progress`) rather than wait.
 */
export class TokenRotator {
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly deps: {
      installations: InstallationStore;
      clock: Clock;
      metrics: Metrics;
      logger: Logger;
      /** A WebClient without a token: oauth.v2.access authenticates with the client id and secret. */
      client: webApi.WebClient;
      clientId: string;
      clientSecret: string;
    },
  ) {}

  /** The install's bot token, refreshed first when it expires within REFRESH_MARGIN_S. */
  async botToken(install: InstallationRecord): Promise<string> {
    if (!this.isDue(install)) return install.botToken;
    const pending = this.inFlight.get(install.teamId);
    if (pending) return pending;
    const refresh = this.refresh(install).finally(() => this.inFlight.delete(install.teamId));
    this.inFlight.set(install.teamId, refresh);
    return refresh;
  }

  private nowS(): number {
    return Math.floor(this.deps.clock().getTime() / 1000);
  }

  private isDue(install: InstallationRecord): boolean {
    return (
      install.refreshToken !== undefined &&
      install.tokenExpiresAt !== undefined &&
      install.tokenExpiresAt - this.nowS() <= REFRESH_MARGIN_S
    );
  }

  private async refresh(install: InstallationRecord): Promise<string> {
    const { installations, metrics } = this.deps;
    const { teamId } = install;
    const used = install.refreshToken as string;
    const nowS = this.nowS();
    const leaseUntilS = nowS + REFRESH_LEASE_S;
    if (!installations.claimTokenRefresh(teamId, used, nowS, leaseUntilS)) {
      return this.storedToken(teamId, "refresh_in_progress");
    }
    let fresh: Exchanged;
    try {
      fresh = (await this.deps.client.oauth.v2.access({
        client_id: this.deps.clientId,
        client_secret: this.deps.clientSecret,
        grant_type: "refresh_token",
        refresh_token: used,
      })) as Exchanged;
    } catch (err) {
      installations.releaseTokenRefresh(teamId, used, leaseUntilS);
      metrics.tokenRefreshes.inc({ outcome: "failed" });
      throw new TokenRefreshError(teamId, slackFailure(err));
    }
    if (!fresh.access_token || !fresh.refresh_token || typeof fresh.expires_in !== "number") {
      installations.releaseTokenRefresh(teamId, used, leaseUntilS);
      metrics.tokenRefreshes.inc({ outcome: "failed" });
      throw new TokenRefreshError(teamId, "oauth.v2.access answered without a rotated token");
    }
    const pair = {
      botToken: fresh.access_token,
      refreshToken: fresh.refresh_token,
      expiresAt: this.nowS() + fresh.expires_in,
    };
    // Slack has spent the old refresh token: the new pair is the only one left, so a failed write
    // (a busy database) is tried again before it is given up.
    let saved = false;
    for (let attempt = 1; ; attempt++) {
      try {
        saved = installations.saveRefreshedToken(teamId, used, pair);
        break;
      } catch (err) {
        if (attempt >= 3) {
          metrics.tokenRefreshes.inc({ outcome: "failed" });
          this.deps.logger.error(
            `Refreshed the rotated bot token of workspace ${teamId} but could not store it; the new ` +
              "refresh token is lost and the workspace must reinstall rolecall once this token expires",
            err,
          );
          return fresh.access_token;
        }
      }
    }
    metrics.tokenRefreshes.inc({ outcome: "refreshed" });
    if (!saved) return this.storedToken(teamId, "uninstalled");
    this.deps.logger.info(`Refreshed the rotated bot token of workspace ${teamId}`);
    return fresh.access_token;
  }

  /** Someone else refreshed (or is refreshing) the token: whatever is stored, if it still works. */
  private storedToken(teamId: string, otherwise: string): string {
    const current = this.deps.installations.find(teamId);
    if (!current) throw new TokenRefreshError(teamId, "uninstalled");
    const valid = current.tokenExpiresAt === undefined || current.tokenExpiresAt > this.nowS();
    if (!valid) throw new TokenRefreshError(teamId, otherwise);
    return current.botToken;
  }
}
