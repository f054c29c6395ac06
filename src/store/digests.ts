import type { DigestClaimFrom } from "../domain/digest-schedule.ts";
/**
 * `digest_posts`: one row per team (channel) and month, whose primary key makes the monthly post
 * happen once. A sender claims the row before it calls Slack, with a compare-and-set from the state it
 * saw (no row, `failed` with a given attempt count, or a stale claim with its claim time), so a second
 * tick, a second process or a restart finds the claim and posts nothing. `posted` is written only once
 * Slack has accepted the message (the check-in flow stops accepting edits for the month from then
 * on). A claim left behind by a crash mid-post stays `claimed` until its grace period is over; then a
 * tick takes it over and looks in the channel for the post before posting (delivery/digest-post.ts).
 *
 * `channel_id` is the team's channel (the team), not the channel the digest was posted to.
 */

import { camelRow, type Db, mapOne, prepared } from "./db.ts";
import { DigestInputStore } from "./digest-inputs.ts";

export type DigestPostState = "claimed" | "posted" | "failed" | "skipped";

export type DigestPost = {
  channelId: string;
  month: string;
  state: DigestPostState;
  attempts: number;
  claimedAt: string | null;
  postedAt: string | null;
  messageTs: string | null;
  chartError: string | null;
  lastError: string | null;
};

type Row = {
  channel_id: string;
  month: string;
  state: DigestPostState;
  attempts: number;
  claimed_at: string | null;
  posted_at: string | null;
  message_ts: string | null;
  chart_error: string | null;
  last_error: string | null;
};

const COLUMNS =
  "channel_id, month, state, attempts, claimed_at, posted_at, message_ts, chart_error, last_error";

const MAX_ERROR_LENGTH = 500;

export class DigestStore {
  /** The SQL that assembles a team's digest input. */
  readonly inputs: DigestInputStore;

  constructor(private readonly db: Db) {
    this.inputs = new DigestInputStore(db);
  }

  get(teamId: string, channelId: string, month: string): DigestPost | undefined {
    return mapOne(
      prepared(
        this.db,
        `SELECT ${COLUMNS} FROM digest_posts WHERE team_id = ? AND channel_id = ? AND month = ?`,
      ),
      camelRow<Row>,
      teamId,
      channelId,
      month,
    );
  }

  /**
   * The workspace's teams still waiting for `month`'s digest: no row yet, a failed attempt, or a claim
   * not confirmed (the caller decides whether it is time to retry or reconcile). One query per
   * workspace and tick.
   */
  pending(teamId: string, month: string): { channelId: string; post: DigestPost | undefined }[] {
    const rows = prepared(
      this.db,
      `SELECT t.channel_id AS team_channel, ${COLUMNS.replace(/(\w+)/g, "p.$1")} FROM teams t
         LEFT JOIN digest_posts p ON p.team_id = t.team_id AND p.channel_id = t.channel_id AND p.month = ?
         WHERE t.team_id = ? AND (p.state IS NULL OR p.state IN ('failed', 'claimed'))
         ORDER BY t.channel_id`,
    ).all(month, teamId) as (Partial<Row> & { team_channel: string })[];
    return rows.map(({ team_channel, ...post }) => ({
      channelId: team_channel,
      post: post.state ? camelRow(post as Row) : undefined,
    }));
  }

  /**
   * Compare-and-set: true when this caller now holds the claim and may post. A stale claim is taken
   * over on the claim time it was seen with, and restamped, so a third sender waits another grace
   * period.
   */
  claim(teamId: string, channelId: string, month: string, from: DigestClaimFrom, now: Date): boolean {
    const at = now.toISOString();
    if (from.state === "claimed") {
      return (
        prepared(
          this.db,
          `UPDATE digest_posts SET claimed_at = ?
             WHERE team_id = ? AND channel_id = ? AND month = ? AND state = 'claimed' AND claimed_at = ?`,
        ).run(at, teamId, channelId, month, from.claimedAt).changes === 1
      );
    }
    if (from.state === "none") {
      return (
        prepared(
          this.db,
          `INSERT INTO digest_posts (team_id, channel_id, month, state, attempts, claimed_at)
             VALUES (?, ?, ?, 'claimed', 1, ?) ON CONFLICT (team_id, channel_id, month) DO NOTHING`,
        ).run(teamId, channelId, month, at).changes === 1
      );
    }
    return (
      prepared(
        this.db,
        `UPDATE digest_posts SET state = 'claimed', attempts = attempts + 1, claimed_at = ?
           WHERE team_id = ? AND channel_id = ? AND month = ? AND state = 'failed' AND attempts = ?`,
      ).run(at, teamId, channelId, month, from.attempts).changes === 1
    );
  }

  /** Takes over a claim stuck in `claimed` (a crash mid-post), by hand only. */
  forceClaim(teamId: string, channelId: string, month: string, now: Date): boolean {
    return (
      prepared(
        this.db,
        `UPDATE digest_posts SET state = 'claimed', attempts = attempts + 1, claimed_at = ?
           WHERE team_id = ? AND channel_id = ? AND month = ? AND state IN ('claimed', 'failed')`,
      ).run(now.toISOString(), teamId, channelId, month).changes === 1
    );
  }

  markPosted(teamId: string, channelId: string, month: string, messageTs: string | null, now: Date): void {
    this.finish(teamId, channelId, month, "posted", {
      posted_at: now.toISOString(),
      message_ts: messageTs,
      last_error: null,
    });
  }

  /**
   * `stillInDoubtSince`: the look for an earlier post failed, so the retry must look from that earlier
   * claim again (and its back-off counts from there), not from this one.
   */
  markFailed(
    teamId: string,
    channelId: string,
    month: string,
    error: string,
    stillInDoubtSince?: string,
  ): void {
    this.finish(teamId, channelId, month, "failed", {
      last_error: clip(error),
      ...(stillInDoubtSince ? { claimed_at: stillInDoubtSince } : {}),
    });
  }

  /** Every team's row for `month` (teams without one are not in the map). */
  ofMonth(teamId: string, month: string): Map<string, DigestPost> {
    const rows = prepared(this.db, `SELECT ${COLUMNS} FROM digest_posts WHERE team_id = ? AND month = ?`).all(
      teamId,
      month,
    ) as Row[];
    return new Map(rows.map((r) => [r.channel_id, camelRow(r)]));
  }

  /** Claims a lead's monthly DM of their private figures: true once per lead and month, ever. */
  claimLeadDm(teamId: string, userId: string, month: string, now: Date): boolean {
    return (
      prepared(
        this.db,
        `INSERT INTO digest_dms (team_id, user_id, month, claimed_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (team_id, user_id, month) DO NOTHING`,
      ).run(teamId, userId, month, now.toISOString()).changes === 1
    );
  }

  /** Nothing to report (no hybrid lead that month): final, like posted, but nothing was sent. */
  markSkipped(teamId: string, channelId: string, month: string): void {
    this.finish(teamId, channelId, month, "skipped", {});
  }

  recordChartError(teamId: string, channelId: string, month: string, error: string): void {
    prepared(
      this.db,
      "UPDATE digest_posts SET chart_error = ? WHERE team_id = ? AND channel_id = ? AND month = ?",
    ).run(clip(error), teamId, channelId, month);
  }

  private finish(
    teamId: string,
    channelId: string,
    month: string,
    state: DigestPostState,
    columns: Record<string, string | null>,
  ): void {
    const sets = Object.keys(columns).map((c) => `, ${c} = @${c}`);
    prepared(
      this.db,
      `UPDATE digest_posts SET state = @state${sets.join("")}
         WHERE team_id = @team AND channel_id = @channel AND month = @month AND state = 'claimed'`,
    ).run({ ...columns, state, team: teamId, channel: channelId, month });
  }
}

function clip(text: string): string {
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
