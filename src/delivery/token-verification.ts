import type { Logger } from "../log.ts";
import { describeSlackError, isPermanentTokenError, slackPlatformError } from "../slack-errors.ts";

/** pending: not yet confirmed by Slack; verified: auth.test accepted it; rejected: it can never work. */
export type TokenState = "pending" | "verified" | "rejected";

/** Who the token belongs to, as auth.test reports it. */
export type BotIdentity = { botId?: string; botUserId?: string; teamId?: string };

/** Waits between attempts: `initialMs`, doubling after each failure, never more than `maxMs`. */
export type Backoff = { initialMs: number; maxMs: number };

export const DEFAULT_TOKEN_BACKOFF: Backoff = { initialMs: 1000, maxMs: 60_000 };

/** What auth.test answers (the fields rolecall reads). */
export type AuthTestResult = {
  user_id?: string;
  bot_id?: string;
  team_id?: string;
  team?: string;
  user?: string;
};

export function backoffDelay(failures: number, backoff: Backoff): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, failures - 1));
}

/**
 * Confirms the bot token with auth.test in the background, retrying with capped exponential
 * backoff while Slack is unreachable or unwell. Nothing waits on it: requests are served from the
 * first second, and each one reads the current state, so an early failure is never reused for
 * later ones (Bolt's own start-up check caches its first promise, failure included).
 *
 * A token Slack calls invalid or revoked can never start working, so that answer ends the retries
 * and is handed to `onRejected` once, as one line naming SLACK_BOT_TOKEN.
 */
export class TokenVerification {
  state: TokenState = "pending";
  identity: BotIdentity | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly opts: {
      authTest: () => Promise<AuthTestResult>;
      logger: Logger;
      onRejected: (message: string) => void;
      backoff?: Backoff;
    },
  ) {}

  start(): void {
    void this.attempt(0);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async attempt(failures: number): Promise<void> {
    if (this.stopped) return;
    try {
      const res = await this.opts.authTest();
      if (this.stopped) return;
      this.identity = {
        ...(res.bot_id ? { botId: res.bot_id } : {}),
        ...(res.user_id ? { botUserId: res.user_id } : {}),
        ...(res.team_id ? { teamId: res.team_id } : {}),
      };
      this.state = "verified";
      const where = res.team ? ` for ${res.team}` : "";
      this.opts.logger.info(
        `SLACK_BOT_TOKEN verified${where}${failures ? ` after ${failures} failed attempts` : ""}`,
      );
    } catch (err) {
      if (this.stopped) return;
      if (isPermanentTokenError(err)) {
        this.state = "rejected";
        this.opts.onRejected(rejectionMessage(slackPlatformError(err) ?? "invalid_auth"));
        return;
      }
      const delay = Math.max(
        backoffDelay(failures + 1, this.opts.backoff ?? DEFAULT_TOKEN_BACKOFF),
        retryAfterMs(err),
      );
      this.opts.logger.warn(
        `Could not verify SLACK_BOT_TOKEN with Slack (${describeSlackError(err)}); ` +
          `answering what needs no Slack meanwhile, next attempt in ${formatDelay(delay)}`,
      );
      this.timer = setTimeout(() => void this.attempt(failures + 1), delay);
      this.timer.unref();
    }
  }
}

export function rejectionMessage(code: string): string {
  return (
    `SLACK_BOT_TOKEN was refused by Slack (${code}): set it to the app's current Bot User OAuth Token ` +
    "(xoxb-…, OAuth & Permissions; reinstall the app if the token was revoked)."
  );
}

function retryAfterMs(err: unknown): number {
  const seconds = (err as { retryAfter?: unknown } | null)?.retryAfter;
  return typeof seconds === "number" && Number.isFinite(seconds) ? seconds * 1000 : 0;
}

function formatDelay(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}
