import { createHmac } from "node:crypto";

export type SignedResponse = { status: number; body: string; json: () => unknown };

/** Signs a body exactly as Slack does: v0=HMAC-SHA256(secret, "v0:<ts>:<body>"). */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export async function postSigned(
  url: string,
  body: string,
  opts: { secret: string; timestamp?: number; signature?: string; contentType?: string },
): Promise<SignedResponse> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": opts.contentType ?? "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": opts.signature ?? slackSignature(opts.secret, timestamp, body),
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text, json: () => JSON.parse(text) };
}

export function slashCommandBody(fields: {
  text: string;
  userId: string;
  channelId: string;
  channelName?: string;
  teamId?: string;
  responseUrl: string;
}): string {
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: fields.teamId ?? "T0ACME",
    team_domain: "acme",
    channel_id: fields.channelId,
    channel_name: fields.channelName ?? "team",
    user_id: fields.userId,
    user_name: fields.userId.toLowerCase(),
    command: "/role",
    text: fields.text,
    api_app_id: "A0ROLECALL",
    is_enterprise_install: "false",
    response_url: fields.responseUrl,
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
  }).toString();
}

export function interactionBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A message shortcut's payload, as Slack posts it to the interactivity URL. */
export function messageShortcutPayload(fields: {
  callbackId: string;
  userId: string;
  channelId: string;
  channelName?: string;
  message: { ts: string; text?: string; thread_ts?: string; files?: unknown[]; user?: string };
  responseUrl: string;
  teamId?: string;
}): Record<string, unknown> {
  const teamId = fields.teamId ?? "T0ACME";
  return {
    type: "message_action",
    token: "legacy-verification-token",
    action_ts: "1700000000.000001",
    team: { id: teamId, domain: "acme" },
    user: { id: fields.userId, name: fields.userId.toLowerCase(), team_id: teamId },
    channel: { id: fields.channelId, name: fields.channelName ?? "team" },
    is_enterprise_install: false,
    callback_id: fields.callbackId,
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    response_url: fields.responseUrl,
    message_ts: fields.message.ts,
    message: { type: "message", user: fields.message.user ?? "U0AUTHOR", ...fields.message },
  };
}

/** A button click on a message (ephemeral or not), as Slack posts it to the interactivity URL. */
export function buttonClickPayload(fields: {
  actionId: string;
  value: string;
  userId: string;
  channelId: string;
  messageTs: string;
  responseUrl: string;
  ephemeral?: boolean;
  teamId?: string;
}): Record<string, unknown> {
  const teamId = fields.teamId ?? "T0ACME";
  return {
    type: "block_actions",
    token: "legacy-verification-token",
    api_app_id: "A0ROLECALL",
    team: { id: teamId, domain: "acme" },
    user: { id: fields.userId, team_id: teamId },
    container: {
      type: "message",
      message_ts: fields.messageTs,
      channel_id: fields.channelId,
      is_ephemeral: fields.ephemeral ?? true,
    },
    channel: { id: fields.channelId, name: "team" },
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    response_url: fields.responseUrl,
    actions: [
      {
        type: "button",
        action_id: fields.actionId,
        block_id: "b1",
        value: fields.value,
        action_ts: "1700000000.000002",
      },
    ],
  };
}
