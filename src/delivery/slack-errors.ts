/** What a failed Web API call is called in logs, records and replies. */

/** Slack's error code (`not_in_channel`, `ratelimited`…) or the error's message. */
export function slackErrorCode(err: unknown): string {
  const data = (err as { data?: { error?: unknown } } | undefined)?.data;
  if (data && typeof data.error === "string") return data.error;
  return err instanceof Error ? err.message : String(err);
}

/** The error code to record and log for a failed Slack call. */
export function slackFailure(err: unknown): string {
  const e = err as { data?: { error?: unknown }; statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof e?.data?.error === "string") return e.data.error;
  if (typeof e?.statusCode === "number") return `http_${e.statusCode}`;
  const message = err instanceof Error ? err.message : String(err);
  // The WebClient's own words once a call has used all its retries on 429s.
  if (message.startsWith("A rate limit was exceeded")) return "ratelimited";
  if (e?.code === "slack_webapi_request_error") return `request_failed: ${message}`;
  return message;
}
