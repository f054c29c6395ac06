import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { Clock } from "../context.ts";
import type { TokenRotator } from "../delivery/token-rotation.ts";
import type { InstallationRecord, InstallationStore as InstallationRows } from "../store/installations.ts";

/**
 * Bolt's InstallationStore over rolecall's `installations` table (distribution mode). Bolt calls
 * storeInstallation after the OAuth exchange and after refreshing a rotated token, and
 * fetchInstallation on every request to find the workspace's bot token. Only workspace installs
 * reach it: org-wide installs are refused before they are stored (see slack/oauth.ts).
 *
 * With token rotation, fetchInstallation refreshes an expiring token through the rotator the jobs
 * use too (delivery/token-rotation.ts) and hands Bolt the install without its refresh token, so
 * Bolt never runs a second, unguarded rotation of its own.
 *
 * Nothing here logs an installation: it holds the tokens.
 */
export function sqliteInstallationStore(
  rows: InstallationRows,
  clock: Clock,
  rotator: TokenRotator,
): InstallationStore {
  return {
    async storeInstallation(installation) {
      rows.save(toRecord(installation, clock), clock());
    },
    async fetchInstallation(query) {
      const record = query.teamId ? rows.find(query.teamId) : undefined;
      // Bolt turns this into an authorization failure: the request is not answered.
      if (!record) throw new Error(`No current installation for workspace ${describe(query)}`);
      return toInstallation({ ...record, botToken: await rotator.botToken(record) });
    },
    async deleteInstallation(query) {
      if (query.teamId) rows.markUninstalled(query.teamId, clock());
    },
  };
}

function describe(query: InstallationQuery<boolean>): string {
  return query.teamId ?? `of enterprise ${query.enterpriseId ?? "unknown"}`;
}

function toRecord(installation: Installation, clock: Clock): InstallationRecord {
  const { team, bot } = installation;
  if (!team?.id || !bot) {
    // Unreachable with rolecall's installer options (org installs are refused, bot scopes are
    // always requested), but a row without a workspace or a bot token could never be used.
    throw new Error("rolecall stores only workspace installs that include a bot token");
  }
  return {
    teamId: team.id,
    enterpriseId: installation.enterprise?.id,
    teamName: team.name,
    appId: installation.appId,
    botToken: bot.token,
    botUserId: bot.userId,
    botId: bot.id,
    scopes: bot.scopes,
    installerUserId: installation.user.id,
    tokenExpiresAt: bot.expiresAt === undefined ? undefined : rebased(bot.expiresAt, clock),
    refreshToken: bot.refreshToken,
  };
}

/**
 * Bolt dates a rotating token's expiry by the wall clock (now + Slack's expires_in); the rotator
 * compares it with rolecall's clock, so it is moved onto that one. In production the two are the
 * same clock and this changes nothing; with an injected clock it keeps the token's 12 hours.
 */
function rebased(expiresAtS: number, clock: Clock): number {
  return expiresAtS - Math.floor(Date.now() / 1000) + Math.floor(clock().getTime() / 1000);
}

function toInstallation(record: InstallationRecord): Installation<"v2", false> {
  return {
    team: { id: record.teamId, ...(record.teamName ? { name: record.teamName } : {}) },
    enterprise: record.enterpriseId ? { id: record.enterpriseId } : undefined,
    user: { token: undefined, scopes: undefined, id: record.installerUserId },
    bot: {
      token: record.botToken,
      userId: record.botUserId,
      id: record.botId,
      scopes: record.scopes,
    },
    ...(record.appId ? { appId: record.appId } : {}),
    tokenType: "bot",
    isEnterpriseInstall: false,
    authVersion: "v2",
  };
}
