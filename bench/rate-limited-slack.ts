/**
 * The benchmark's stand-in Slack: the e2e tests' FakeSlack, plus Slack's two hazards for a fan-out.
 * - A rate limit per method, as a token bucket (`perSecond`, bursts up to `burst`): a call past it
 *   gets HTTP 429 with `Retry-After` in whole seconds, as Slack sends it, and does nothing.
 * - A random share of the calls that pass the limit fail with HTTP 503 and do nothing.
 * The random draws are seeded, so a run is repeatable. `delivered` is the record of DMs that Slack
 * accepted, by user, which the fan-out is checked against.
 */
import { seededRandom } from "../src/domain/seeded-random.ts";
import { FakeSlack } from "../tests/e2e/fake-slack.ts";

export type Limits = { perSecond: number; burst: number; failureRate: number; seed?: number };

export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.at = now();
  }

  /** Takes a token, or says how many whole seconds until one is free (Slack's Retry-After). */
  take(): { ok: true } | { ok: false; retryAfterS: number } {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.at) / 1000) * this.perSecond);
    this.at = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterS: Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond)) };
  }
}

export type MethodRecord = {
  accepted: number;
  limited: number;
  failed: number;
  firstAt?: number;
  lastAt?: number;
};

export class RateLimitedSlack extends FakeSlack {
  /** DMs accepted, in order: user id and the stand-in's clock (performance.now ms). */
  readonly delivered: { userId: string; at: number }[] = [];
  readonly methods = new Map<string, MethodRecord>();

  constructor(
    private readonly limits: Limits,
    private readonly limitedMethods: readonly string[] = ["chat.postMessage", "conversations.open"],
  ) {
    super();
  }

  override async start(): Promise<this> {
    await super.start();
    const random = seededRandom(this.limits.seed ?? 7);
    for (const method of this.limitedMethods) {
      const bucket = new TokenBucket(this.limits.perSecond, this.limits.burst);
      const record: MethodRecord = { accepted: 0, limited: 0, failed: 0 };
      this.methods.set(method, record);
      this.script(method, (params) => {
        const at = performance.now();
        record.firstAt ??= at;
        record.lastAt = at;
        const token = bucket.take();
        if (!token.ok) {
          record.limited++;
          return {
            status: 429,
            headers: { "retry-after": String(token.retryAfterS) },
            body: JSON.stringify({ ok: false, error: "ratelimited" }),
          };
        }
        if (random() < this.limits.failureRate) {
          record.failed++;
          return { status: 503, body: "Service Unavailable" };
        }
        record.accepted++;
        if (method === "chat.postMessage") {
          const channel = String(params.channel ?? "");
          this.delivered.push({ userId: channel.replace(/^D/, ""), at });
        }
        return undefined;
      });
    }
    return this;
  }
}
