import { type Db, mapAll, mapOne, prepared } from "./db.ts";

/** A workspace's OAuth install as rolecall keeps it (distribution mode). */
export type InstallationRecord = {
  teamId: string;
  enterpriseId: string | undefined;
  teamName: string | undefined;
  appId: string | undefined;
  botToken: string;
  botUserId: string;
  botId: string;
  scopes: string[];
  installerUserId: string;
  /** Unix seconds; set only when the app uses token rotation. */
  tokenExpiresAt: number | undefined;
  refreshToken: string | undefined;
};

/** What `rolecall workspaces` shows: never a token. */
export type InstallationSummary = {
  teamId: string;
  teamName: string | undefined;
  enterpriseId: string | undefined;
  installerUserId: string;
  installedAt: string;
  uninstalledAt: string | undefined;
};

type Row = {
  team_id: string;
  enterprise_id: string | null;
  team_name: string | null;
  app_id: string | null;
  bot_token: string | null;
  bot_user_id: string;
  bot_id: string;
  bot_scopes: string;
  installer_user_id: string;
  bot_token_expires_at: number | null;
  bot_refresh_token: string | null;
  installed_at: string;
  uninstalled_at: string | null;
};

function toRecord(row: Row): InstallationRecord {
  return {
    teamId: row.team_id,
    enterpriseId: row.enterprise_id ?? undefined,
    teamName: row.team_name ?? undefined,
    appId: row.app_id ?? undefined,
    botToken: row.bot_token ?? "",
    botUserId: row.bot_user_id,
    botId: row.bot_id,
    scopes: row.bot_scopes ? row.bot_scopes.split(",") : [],
    installerUserId: row.installer_user_id,
    tokenExpiresAt: row.bot_token_expires_at ?? undefined,
    refreshToken: row.bot_refresh_token ?? undefined,
  };
}

function toSummary(row: Row): InstallationSummary {
  return {
    teamId: row.team_id,
    teamName: row.team_name ?? undefined,
    enterpriseId: row.enterprise_id ?? undefined,
    installerUserId: row.installer_user_id,
    installedAt: row.installed_at,
    uninstalledAt: row.uninstalled_at ?? undefined,
  };
}

export class InstallationStore {
  constructor(private readonly db: Db) {}

  /**
   * Records an install, a reinstall or a rotated token. A token refresh keeps the first install's
   * date; a reinstall after an uninstall starts a new one.
   */
  save(record: InstallationRecord, now: Date): void {
    prepared(
      this.db,
      `INSERT INTO installations (team_id, enterprise_id, team_name, app_id, bot_token, bot_user_id, bot_id,
         bot_scopes, installer_user_id, bot_token_expires_at, bot_refresh_token, installed_at, uninstalled_at)
       VALUES (@teamId, @enterpriseId, @teamName, @appId, @botToken, @botUserId, @botId,
         @scopes, @installerUserId, @tokenExpiresAt, @refreshToken, @now, NULL)
       ON CONFLICT (team_id) DO UPDATE SET
         enterprise_id = excluded.enterprise_id,
         team_name = coalesce(excluded.team_name, installations.team_name),
         app_id = coalesce(excluded.app_id, installations.app_id),
         bot_token = excluded.bot_token,
         bot_user_id = excluded.bot_user_id,
         bot_id = excluded.bot_id,
         bot_scopes = excluded.bot_scopes,
         installer_user_id = excluded.installer_user_id,
         bot_token_expires_at = excluded.bot_token_expires_at,
         bot_refresh_token = excluded.bot_refresh_token,
         bot_token_refreshing_until = NULL,
         installed_at = CASE WHEN installations.uninstalled_at IS NULL THEN installations.installed_at
                             ELSE excluded.installed_at END,
         uninstalled_at = NULL`,
    ).run({
      teamId: record.teamId,
      enterpriseId: record.enterpriseId ?? null,
      teamName: record.teamName ?? null,
      appId: record.appId ?? null,
      botToken: record.botToken,
      botUserId: record.botUserId,
      botId: record.botId,
      scopes: record.scopes.join(","),
      installerUserId: record.installerUserId,
      tokenExpiresAt: record.tokenExpiresAt ?? null,
      refreshToken: record.refreshToken ?? null,
      now: now.toISOString(),
    });
  }

  /** The workspace's current install; undefined if it never installed or has uninstalled. */
  find(teamId: string): InstallationRecord | undefined {
    return mapOne(
      prepared(this.db, "SELECT * FROM installations WHERE team_id = ? AND uninstalled_at IS NULL"),
      toRecord,
      teamId,
    );
  }

  /** Every workspace whose install is current, for the scheduled jobs. */
  active(): InstallationRecord[] {
    return mapAll(
      prepared(this.db, "SELECT * FROM installations WHERE uninstalled_at IS NULL ORDER BY team_id"),
      toRecord,
    );
  }

  /**
   * Takes the workspace's refresh lease (see migration 0009) until `untilS`, if the stored refresh
   * token is still `refreshToken` and nobody else holds an unexpired lease. False: someone else is
   * exchanging it or already has, or the workspace uninstalled.
   */
  claimTokenRefresh(teamId: string, refreshToken: string, nowS: number, untilS: number): boolean {
    const r = prepared(
      this.db,
      `UPDATE installations SET bot_token_refreshing_until = @untilS
       WHERE team_id = @teamId AND uninstalled_at IS NULL AND bot_refresh_token = @refreshToken
         AND (bot_token_refreshing_until IS NULL OR bot_token_refreshing_until <= @nowS)`,
    ).run({ teamId, refreshToken, nowS, untilS });
    return r.changes > 0;
  }

  /**
   * Stores the pair Slack issued in exchange for `usedRefreshToken` and releases the lease. False
   * (nothing written) if the row no longer holds that refresh token: it was uninstalled or reinstalled meanwhile.
   */
  saveRefreshedToken(
    teamId: string,
    usedRefreshToken: string,
    fresh: { botToken: string; refreshToken: string; expiresAt: number },
  ): boolean {
    const r = prepared(
      this.db,
      `UPDATE installations SET bot_token = @botToken, bot_refresh_token = @refreshToken,
         bot_token_expires_at = @expiresAt, bot_token_refreshing_until = NULL
       WHERE team_id = @teamId AND uninstalled_at IS NULL AND bot_refresh_token = @usedRefreshToken`,
    ).run({ teamId, usedRefreshToken, ...fresh });
    return r.changes > 0;
  }

  /** Gives the lease back after a failed exchange, so the next attempt need not wait for it to lapse. */
  releaseTokenRefresh(teamId: string, refreshToken: string, leaseUntilS: number): void {
    // Only the lease this caller took: a late failure must not free another process's lease.
    prepared(
      this.db,
      `UPDATE installations SET bot_token_refreshing_until = NULL
       WHERE team_id = ? AND bot_refresh_token = ? AND bot_token_refreshing_until = ?`,
    ).run(teamId, refreshToken, leaseUntilS);
  }

  /** Forgets the tokens at once (they no longer work) but keeps the row, so the workspace's data can be purged later. */
  markUninstalled(teamId: string, now: Date): boolean {
    const r = prepared(
      this.db,
      `UPDATE installations SET bot_token = NULL, bot_refresh_token = NULL, bot_token_expires_at = NULL,
         bot_token_refreshing_until = NULL, uninstalled_at = ? WHERE team_id = ? AND uninstalled_at IS NULL`,
    ).run(now.toISOString(), teamId);
    return r.changes > 0;
  }

  /** Workspaces that uninstalled before `cutoff`, whose data is due to be purged. */
  uninstalledBefore(cutoff: Date): string[] {
    return prepared(
      this.db,
      "SELECT team_id FROM installations WHERE uninstalled_at IS NOT NULL AND uninstalled_at < ? ORDER BY team_id",
    )
      .pluck()
      .all(cutoff.toISOString()) as string[];
  }

  list(): InstallationSummary[] {
    return mapAll(prepared(this.db, "SELECT * FROM installations ORDER BY installed_at, team_id"), toSummary);
  }
}
