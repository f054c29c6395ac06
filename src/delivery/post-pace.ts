/**
 * Pacing a workspace's `chat.postMessage` calls to the rate Slack allows it, so a fan-out runs at its
 * limit from its first call instead of bursting into 429s. A 429 costs more than the call: the
 * WebClient pauses its whole queue for the whole seconds of `Retry-After`, and every second the
 * pause overruns (a timer fired late on a busy event loop, a retry's own back-off) is allowance
 * Slack does not carry over. Two workspaces' fan-outs in one process make those overruns longer.
 *
 * Slack's limits are per app per workspace, so each fan-out client (one per workspace token) has its
 * own pacer; one workspace waiting never holds another back.
 */
import type { webApi } from "@slack/bolt";
import type { PostPace } from "../context.ts";

export type { PostPace };

/**
 * `chat.postMessage` per workspace. Slack publishes about one a second per channel (each DM is its
 * own channel here) and an unstated workspace-wide cap; this is the Tier 4 figure, the cap rolecall
 * assumes (SLACK_POSTS_PER_MINUTE overrides the rate).
 */
export const SLACK_POST_PACE: PostPace = { perMinute: 100, burst: 10 };

/** The pacer's view of time; tests drive it by hand. */
export type PaceTimer = { now(): number; sleep(ms: number): Promise<void> };

const realTimer: PaceTimer = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * A token bucket: `take()` resolves when a call may go, in the order asked. It starts full, so the
 * first `burst` calls go at once; after that one goes every 60/perMinute seconds. A wait that ends
 * late is made up for (up to `burst`), so a busy event loop does not lower the rate.
 */
export function postPacer(pace: PostPace, timer: PaceTimer = realTimer): { take(): Promise<void> } {
  const perMs = pace.perMinute / 60_000;
  let tokens = pace.burst;
  let at = timer.now();
  const refill = () => {
    const t = timer.now();
    tokens = Math.min(pace.burst, tokens + (t - at) * perMs);
    at = t;
  };
  let last: Promise<void> = Promise.resolve();
  return {
    take() {
      const turn = last.then(async () => {
        refill();
        while (tokens < 1) {
          await timer.sleep(Math.ceil((1 - tokens) / perMs));
          refill();
        }
        tokens -= 1;
      });
      last = turn;
      return turn;
    },
  };
}

/**
 * A fetch that waits for the pacer before each `chat.postMessage` (retries included: Slack counts
 * them too); every other call, and anything outside the Web API, passes straight through.
 */
export function pacedPostFetch(
  inner: webApi.FetchFunction,
  slackApiUrl: string,
  pacer: { take(): Promise<void> },
): webApi.FetchFunction {
  const postUrl = `${slackApiUrl}chat.postMessage`;
  return async (url, init) => {
    const href = typeof url === "string" ? url : url.href;
    if (href === postUrl || href.startsWith(`${postUrl}?`)) await pacer.take();
    return inner(url, init);
  };
}
