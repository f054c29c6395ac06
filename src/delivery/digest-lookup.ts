/**
 * Whether a team's monthly digest is already in its channel: the lookup behind the digest's exactly-
 * once post, used when a post's outcome is in doubt (a claim left by a crash, or a retry after a
 * failure that may have been a reply lost after Slack posted).
 *
 * Every digest post carries Slack message metadata naming its workspace, team channel and month, so
 * the bot can recognise its own post in the channel's history. Only the bot's own messages since the
 * claim (minus a margin for clock skew) are looked at, in small pages; nothing read is kept.
 */
import type { webApi } from "@slack/bolt";
import type { MonthKey } from "../domain/time.ts";

export const DIGEST_EVENT = "rolecall_digest";

/** What a digest post says about itself, in Slack's `event_payload`. */
export type DigestMark = { team: string; channel: string; month: MonthKey };

/** How far before the claim the history is read: clock skew, and a previous claim's late call. */
export const DIGEST_LOOKBACK_MARGIN_MS = 10 * 60_000;
const PAGE_LIMIT = 20;
/** A team channel rarely sees this many messages in the minutes around a post; more is odd. */
const MAX_PAGES = 10;

/** Slack errors that mean the history cannot be read at all with this install: an old grant, or no membership. */
export const HISTORY_REFUSALS: readonly string[] = ["missing_scope", "not_in_channel"];

export type FoundDigest = {
  ts: string;
  /** The digest's chart (its file, by name) is in the channel too. */
  chart: boolean;
};

type HistoryMessage = {
  ts?: string;
  user?: string;
  bot_id?: string;
  metadata?: unknown;
  files?: { name?: string }[];
};

/**
 * Looks in `channel` (where the digest is posted) for the bot's own post marked with `mark`, and for
 * the chart file named `chartFile`, since `since` minus the margin. Throws when Slack cannot be
 * asked: the caller must then not post.
 */
export async function findPostedDigest(
  client: webApi.WebClient,
  opts: { channel: string; mark: DigestMark; chartFile: string; since: Date },
): Promise<FoundDigest | undefined> {
  const me = await client.auth.test();
  const fromBot = (m: HistoryMessage) =>
    (me.user_id !== undefined && m.user === me.user_id) ||
    (me.bot_id !== undefined && m.bot_id === me.bot_id);
  const oldest = ((opts.since.getTime() - DIGEST_LOOKBACK_MARGIN_MS) / 1000).toFixed(6);
  let post: string | undefined;
  let chart = false;
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await client.conversations.history({
      channel: opts.channel,
      oldest,
      limit: PAGE_LIMIT,
      include_all_metadata: true,
      ...(cursor ? { cursor } : {}),
    });
    for (const m of (res.messages ?? []) as HistoryMessage[]) {
      if (!m.ts || !fromBot(m)) continue;
      if (!post && isMarked(m.metadata, opts.mark)) post = m.ts;
      if (m.files?.some((f) => f.name === opts.chartFile)) chart = true;
    }
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!res.has_more || !cursor) return post ? { ts: post, chart } : undefined;
  }
  throw new Error(`more than ${MAX_PAGES * PAGE_LIMIT} messages in ${opts.channel} since the claim`);
}

function isMarked(metadata: unknown, mark: DigestMark): boolean {
  const m = metadata as { event_type?: unknown; event_payload?: Record<string, unknown> } | undefined;
  const p = m?.event_payload;
  return (
    m?.event_type === DIGEST_EVENT &&
    p?.team === mark.team &&
    p?.channel === mark.channel &&
    p?.month === mark.month
  );
}
