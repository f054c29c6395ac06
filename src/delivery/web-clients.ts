import { webApi } from "@slack/bolt";
import type { AppContext } from "../context.ts";
import { observedSlackFetch } from "./observed-fetch.ts";
import { pacedPostFetch, postPacer, SLACK_POST_PACE } from "./post-pace.ts";

/** Bolt's WebClient retries for ~30 min by default; a person waiting on a reply should not. */
export const INTERACTIVE_RETRY = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 };

/** A WebClient for work someone waits on (the CLI posting a digest), with the bot's short retries. */
export function interactiveClient(token: string, slackApiUrl: string): webApi.WebClient {
  return new webApi.WebClient(token, { slackApiUrl, retryConfig: INTERACTIVE_RETRY });
}

/** Leads handled at once, and Slack calls in flight at once. */
export const FANOUT_CONCURRENCY = 8;

/** In-call retries: a blip is ridden out here, anything longer is left to the next tick. */
export const FANOUT_RETRY = { retries: 3, factor: 2, minTimeout: 250, maxTimeout: 1000 };
export const FANOUT_TIMEOUT_MS = 30_000;

/**
 * A WebClient for the fan-out, on the same token and API URL as the bot's. Its posts are paced to
 * the workspace's rate (delivery/post-pace.ts): one client per token, so one pacer per workspace.
 */
export function fanOutClient(client: webApi.WebClient, ctx: AppContext): webApi.WebClient {
  const observed = observedSlackFetch(ctx.metrics, client.slackApiUrl);
  const pacer = postPacer(ctx.postPace ?? SLACK_POST_PACE);
  const fanOut = new webApi.WebClient(client.token, {
    slackApiUrl: client.slackApiUrl,
    retryConfig: FANOUT_RETRY,
    maxRequestConcurrency: FANOUT_CONCURRENCY,
    timeout: FANOUT_TIMEOUT_MS,
    logger: webClientLogger(ctx),
    fetch: pacedPostFetch(observed, client.slackApiUrl, pacer),
  });
  fanOut.on(webApi.WebClientEvent.RATE_LIMITED, (seconds: number, req: { url?: string }) => {
    ctx.logger.info(`Slack rate-limited ${req?.url ?? "a call"}; waiting ${seconds} s before retrying`);
  });
  return fanOut;
}

function webClientLogger(ctx: AppContext): webApi.Logger {
  let level = webApi.LogLevel.WARN;
  return {
    debug: () => {},
    info: () => {},
    warn: (...m: unknown[]) => ctx.logger.warn(...m),
    error: (...m: unknown[]) => ctx.logger.error(...m),
    setLevel: (l: webApi.LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
