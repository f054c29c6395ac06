/**
 * Telling Slack's bad minutes (unreachable, 5xx, rate limited) from answers that are final. Read
 * from the WebClient's error `code` and Slack's `error` string rather than by class, because the
 * classes differ between the copies of @slack/web-api that Bolt and a bundle may load.
 */

/** Slack's answers meaning this token can never work: retrying is pointless, the operator must act. */
export const PERMANENT_TOKEN_ERRORS: ReadonlySet<string> = new Set([
  "invalid_auth",
  "not_authed",
  "token_revoked",
  "token_expired",
  "account_inactive",
]);

/** Platform errors Slack itself documents as transient. */
const TRANSIENT_PLATFORM_ERRORS: ReadonlySet<string> = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "ratelimited",
]);

type WebApiErrorShape = { code?: unknown; data?: { error?: unknown }; statusCode?: unknown };

function shape(err: unknown): WebApiErrorShape {
  return err && typeof err === "object" ? (err as WebApiErrorShape) : {};
}

/** Slack's `error` string of a platform error (`{ ok: false, error }`), if that is what `err` is. */
export function slackPlatformError(err: unknown): string | undefined {
  const e = shape(err);
  return e.code === "slack_webapi_platform_error" && typeof e.data?.error === "string"
    ? e.data.error
    : undefined;
}

/** True when Slack could not be reached or answered that it is unwell: worth trying again later. */
export function isSlackUnreachable(err: unknown): boolean {
  const e = shape(err);
  switch (e.code) {
    case "slack_webapi_request_error":
    case "slack_webapi_rate_limited_error":
      return true;
    case "slack_webapi_http_error":
      return typeof e.statusCode !== "number" || e.statusCode >= 500 || e.statusCode === 429;
    case "slack_webapi_platform_error":
      return TRANSIENT_PLATFORM_ERRORS.has(String(e.data?.error));
    default:
      return err instanceof SlackUnreachableError;
  }
}

export function isPermanentTokenError(err: unknown): boolean {
  const code = slackPlatformError(err);
  return code !== undefined && PERMANENT_TOKEN_ERRORS.has(code);
}

/** A short reason for a log line: Slack's error code, the HTTP status, or the network error; never a stack. */
export function describeSlackError(err: unknown): string {
  const e = shape(err);
  const code = slackPlatformError(err);
  if (code) return code;
  if (e.code === "slack_webapi_http_error" && typeof e.statusCode === "number") return `HTTP ${e.statusCode}`;
  if (e.code === "slack_webapi_rate_limited_error") return "rate limited";
  // A network failure: fetch's own message is just "fetch failed"; the reason is in its cause.
  const original = (
    err as { original?: { message?: unknown; cause?: { code?: unknown; message?: unknown } } } | null
  )?.original;
  const cause = original?.cause?.code ?? original?.cause?.message;
  if (typeof cause === "string") return cause;
  if (typeof original?.message === "string") return original.message;
  return err instanceof Error ? err.message : String(err);
}

/** Thrown where an answer needs Slack and Slack cannot be reached, so the router can say so plainly. */
export class SlackUnreachableError extends Error {
  override name = "SlackUnreachableError";
  constructor(cause?: unknown) {
    super(`Slack cannot be reached (${describeSlackError(cause)})`, { cause });
  }
}
