/**
 * When a team's monthly digest is owed, and when a failed post may be tried again. Pure: the job,
 * `/role digest preview`, the CLI and the demo read the same rules.
 */
import {
  digestDueInstant,
  isLocalTime,
  localDateTimeIn,
  type MonthKey,
  monthAt,
  previousMonth,
  resolveTimeZone,
} from "./time.ts";

export const DEFAULT_DIGEST_TIME = "10:00";
export const DIGEST_MAX_ATTEMPTS = 5;
export const DIGEST_RETRY_BASE_MINUTES = 15;
/**
 * How long a claim may stay unconfirmed before it is presumed left by a crash and reconciled against
 * the channel: longer than a live post can take (its Slack calls time out and retry within minutes).
 */
export const DIGEST_CLAIM_GRACE_MINUTES = 5;

export type DigestDue = { month: MonthKey; asOf: string; dueAt: Date };

/** A team's `digest_posts` row, as far as these rules look at it. */
export type DigestPostStatus = {
  state: "claimed" | "posted" | "failed" | "skipped";
  attempts: number;
  claimedAt: string | null;
};

/**
 * How a row may be claimed: a fresh one, a failed one after `attempts` tries, or a claim made at
 * `claimedAt` and never confirmed (a crash), taken over to be reconciled.
 */
export type DigestClaimFrom =
  | { state: "none" }
  | { state: "failed"; attempts: number }
  | { state: "claimed"; claimedAt: string };

/** Which month's digest is owed at `now` (the month just ended), or null before the due instant. */
export function digestDueAt(
  now: Date,
  workspace: { timezone: string; digestTime: string },
): DigestDue | null {
  const tz = resolveTimeZone(workspace.timezone);
  const time = isLocalTime(workspace.digestTime) ? workspace.digestTime : DEFAULT_DIGEST_TIME;
  const current = monthAt(now, tz);
  const dueAt = digestDueInstant(current, time, tz);
  if (now.getTime() < dueAt.getTime()) return null;
  return { month: previousMonth(current), asOf: localDateTimeIn(now, tz).date, dueAt };
}

/**
 * Whether (and how) a team's row may be claimed now; null while waiting, while a claim may still be
 * in flight, or after giving up.
 */
export function claimFromRow(post: DigestPostStatus | undefined, now: Date): DigestClaimFrom | null {
  if (!post) return { state: "none" };
  if (post.state === "claimed") {
    const at = post.claimedAt ? Date.parse(post.claimedAt) : Number.NaN;
    if (!Number.isFinite(at) || now.getTime() < at + DIGEST_CLAIM_GRACE_MINUTES * 60_000) return null;
    return { state: "claimed", claimedAt: post.claimedAt as string };
  }
  if (post.state !== "failed" || post.attempts >= DIGEST_MAX_ATTEMPTS) return null;
  const last = post.claimedAt ? Date.parse(post.claimedAt) : 0;
  const waitMs = DIGEST_RETRY_BASE_MINUTES * 60_000 * 2 ** Math.max(0, post.attempts - 1);
  return now.getTime() >= last + waitMs ? { state: "failed", attempts: post.attempts } : null;
}

/** Posted, skipped, or failed for the last time: nothing more will happen to this team's digest. */
export function isDigestSettled(post: DigestPostStatus | undefined): boolean {
  if (!post) return false;
  return post.state === "failed" ? post.attempts >= DIGEST_MAX_ATTEMPTS : post.state !== "claimed";
}
