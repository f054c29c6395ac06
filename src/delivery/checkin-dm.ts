/**
 * The Web API calls behind the weekly check-in's exactly-once delivery: the one-call DM and the
 * lookup that tells whether a DM whose send was never recorded reached Slack after all.
 *
 * Every check-in message carries Slack message metadata naming its week, lead and workspace, so the
 * bot can recognise its own message in its DM with the lead without storing anything before the call.
 */
import type { webApi } from "@slack/bolt";
import type { CheckinMessage } from "../slack/blocks/checkin-dm.ts";

export const CHECKIN_EVENT = "rolecall_checkin";
export const REMINDER_EVENT = "rolecall_checkin_reminder";

/** What a check-in (or its reminder) says about itself, in Slack's `event_payload`. */
export type CheckinMark = { week: string; lead: string; team: string };

export type PostedDm = { channel: string; ts: string };

/**
 * Posts to the lead's user id: Slack opens (or finds) the bot's IM itself and answers with its
 * `D…` id, so a DM costs one `chat.postMessage` instead of a Tier 3 `conversations.open` first.
 */
export async function postCheckinDm(
  client: webApi.WebClient,
  mark: CheckinMark,
  message: CheckinMessage,
): Promise<PostedDm> {
  const posted = await client.chat.postMessage({
    channel: mark.lead,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
    metadata: { event_type: CHECKIN_EVENT, event_payload: mark },
  });
  const channel = typeof posted.channel === "string" ? posted.channel : undefined;
  if (!channel || !posted.ts) throw new Error("chat.postMessage returned no channel or ts");
  return { channel, ts: posted.ts };
}

/** How far before the claim the history is read: covers clock skew and a previous claim's late call. */
export const LOOKBACK_MARGIN_MS = 10 * 60_000;
const PAGE_LIMIT = 20;
/** A week's DM with one lead holds a handful of messages; more pages than this means something odd. */
const MAX_PAGES = 5;

/**
 * Looks in the bot's own IM with the lead for its message marked `eventType` for this week and lead.
 * The IM id is the one recorded, else `conversations.open` once. Only messages since `since` minus
 * a margin are read. Throws when Slack cannot be asked: the caller must then not send.
 */
export async function findMarkedDm(
  client: webApi.WebClient,
  opts: { eventType: string; mark: CheckinMark; channel?: string; since: Date },
): Promise<PostedDm | undefined> {
  let channel = opts.channel;
  if (!channel) {
    channel = (await client.conversations.open({ users: opts.mark.lead })).channel?.id;
    if (!channel) throw new Error("conversations.open returned no channel");
  }
  const oldest = ((opts.since.getTime() - LOOKBACK_MARGIN_MS) / 1000).toFixed(6);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await client.conversations.history({
      channel,
      oldest,
      limit: PAGE_LIMIT,
      include_all_metadata: true,
      ...(cursor ? { cursor } : {}),
    });
    for (const m of res.messages ?? []) {
      if (m.ts && isMarked(m.metadata, opts.eventType, opts.mark)) return { channel, ts: m.ts };
    }
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!res.has_more || !cursor) return undefined;
  }
  throw new Error(`more than ${MAX_PAGES * PAGE_LIMIT} messages in the DM since the claim`);
}

function isMarked(metadata: unknown, eventType: string, mark: CheckinMark): boolean {
  const m = metadata as { event_type?: unknown; event_payload?: Record<string, unknown> } | undefined;
  const p = m?.event_payload;
  return (
    m?.event_type === eventType && p?.week === mark.week && p?.lead === mark.lead && p?.team === mark.team
  );
}
