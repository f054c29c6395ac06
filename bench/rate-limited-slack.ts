/**
 * The benchmark's stand-in Slack: the e2e tests' FakeSlack, plus Slack's two hazards for a fan-out.
 * - Rate limits modelled on Slack's documented tiers, each a token bucket (`perMinute`, bursts up to
 *   `burst`), all multiplied by `scale` so a run stays short: Tier 3 for `conversations.*`, Tier 4
 *   for `users.info`, about one message a second per channel for `chat.postMessage`, and a
 *   workspace-wide cap on `chat.postMessage`. A call past a limit gets HTTP 429 with `Retry-After`
 *   in whole seconds, as Slack sends it, and does nothing.
 * - Every limit is per workspace, as Slack's are per app per workspace: each bot token (one per
 *   workspace here) has its own buckets, so one workspace's calls never use up another's.
 * - A random share of the calls that pass the limits fail with HTTP 503 and do nothing.
 * The random draws are seeded, so a run is repeatable. `delivered` is the record of DMs that Slack
 * accepted, by user, which the fan-out is checked against.
 */
import { seededRandom } from "../src/domain/seeded-random.ts";
import { FakeSlack } from "../tests/e2e/fake-slack.ts";

export type Rate = { perMinute: number; burst: number };

export type Limits = {
  /** Every rate below is Slack's real figure times this, so a run of hundreds of DMs takes seconds. */
  scale: number;
  /** By method; a method ending in `.*` covers its family (`conversations.*`). */
  methods: Record<string, Rate>;
  /** `chat.postMessage` per channel. */
  perChannel: Rate;
  failureRate: number;
  seed?: number;
};

/** Slack's tiers as documented (per minute, per workspace), and the caps this bench assumes. */
export const SLACK_TIERS = {
  "conversations.*": { perMinute: 50, burst: 5 }, // Tier 3
  "users.info": { perMinute: 100, burst: 10 }, // Tier 4
  // Not a published tier: Slack documents about 1/s per channel plus an unstated workspace-wide
  // limit. Assumed here: 100 a minute, the Tier 4 figure, a conservative guess.
  "chat.postMessage": { perMinute: 100, burst: 10 },
} satisfies Record<string, Rate>;
export const SLACK_PER_CHANNEL: Rate = { perMinute: 60, burst: 3 };

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

  /** Whether a token is free, without taking it. */
  peek(): { ok: true } | { ok: false; retryAfterS: number } {
    this.refill();
    return this.tokens >= 1
      ? { ok: true }
      : { ok: false, retryAfterS: Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond)) };
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.at) / 1000) * this.perSecond);
    this.at = t;
  }

  /** Takes a token, or says how many whole seconds until one is free (Slack's Retry-After). */
  take(): { ok: true } | { ok: false; retryAfterS: number } {
    this.refill();
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

/**
 * A bucket holds at least one second's calls: Retry-After is in whole seconds, so a client that
 * waits it out finds the second's tokens saved, as it would on Slack's per-minute windows.
 */
const scaled = (r: Rate, scale: number) => {
  const perSecond = (r.perMinute * scale) / 60;
  return { perSecond, burst: Math.max(r.burst, Math.ceil(perSecond)) };
};

/** One workspace's buckets: by tier family, and `chat.postMessage` by channel. */
type WorkspaceBuckets = { families: Map<string, TokenBucket>; channels: Map<string, TokenBucket> };

export class RateLimitedSlack extends FakeSlack {
  /** DMs accepted, in order: user id, the bot token it came with, and the stand-in's clock (performance.now ms). */
  readonly delivered: { userId: string; token: string; at: number }[] = [];
  /** Every workspace's calls together, by method. */
  readonly methods = new Map<string, MethodRecord>();
  /** The same by bot token (one per workspace), then by method. */
  readonly byToken = new Map<string, Map<string, MethodRecord>>();

  constructor(
    private readonly limits: Limits,
    private readonly limitedMethods: readonly string[] = [
      "chat.postMessage",
      "conversations.open",
      "conversations.history",
      "users.info",
    ],
  ) {
    super();
  }

  /** The workspace-wide rate of a method after scaling, per second (each workspace has this much). */
  rateOf(method: string): { perSecond: number; burst: number } | undefined {
    const family = `${method.split(".")[0]}.*`;
    const rate = this.limits.methods[method] ?? this.limits.methods[family];
    return rate && scaled(rate, this.limits.scale);
  }

  /** One workspace's record of a method (created on its first call). */
  recordOf(token: string, method: string): MethodRecord {
    const records = this.byToken.get(token) ?? new Map<string, MethodRecord>();
    this.byToken.set(token, records);
    const record = records.get(method) ?? { accepted: 0, limited: 0, failed: 0 };
    records.set(method, record);
    return record;
  }

  override async start(): Promise<this> {
    await super.start();
    const random = seededRandom(this.limits.seed ?? 7);
    const workspaces = new Map<string, WorkspaceBuckets>();
    const bucketsOf = (token: string): WorkspaceBuckets => {
      const found = workspaces.get(token) ?? { families: new Map(), channels: new Map() };
      workspaces.set(token, found);
      return found;
    };
    const channelRate = scaled(this.limits.perChannel, this.limits.scale);
    for (const method of this.limitedMethods) {
      const family = `${method.split(".")[0]}.*`;
      const key = this.limits.methods[method] ? method : family;
      const rate = this.rateOf(method);
      if (!rate) continue;
      const all: MethodRecord = { accepted: 0, limited: 0, failed: 0 };
      this.methods.set(method, all);
      this.script(method, (params, _n, token = "") => {
        const at = performance.now();
        const records = [all, this.recordOf(token, method)];
        for (const r of records) {
          r.firstAt ??= at;
          r.lastAt = at;
        }
        const ws = bucketsOf(token);
        // One bucket per tier family: Slack counts `conversations.open` and `.history` together here.
        const bucket = ws.families.get(key) ?? new TokenBucket(rate.perSecond, rate.burst);
        ws.families.set(key, bucket);
        const channel = String(params.channel ?? "");
        let perChannel: TokenBucket | undefined;
        if (method === "chat.postMessage") {
          perChannel = ws.channels.get(channel) ?? new TokenBucket(channelRate.perSecond, channelRate.burst);
          ws.channels.set(channel, perChannel);
        }
        const free = perChannel?.peek() ?? { ok: true as const };
        const taken = free.ok ? bucket.take() : free;
        if (!taken.ok) {
          for (const r of records) r.limited++;
          return {
            status: 429,
            headers: { "retry-after": String(taken.retryAfterS) },
            body: JSON.stringify({ ok: false, error: "ratelimited" }),
          };
        }
        perChannel?.take();
        if (random() < this.limits.failureRate) {
          for (const r of records) r.failed++;
          return { status: 503, body: "Service Unavailable" };
        }
        for (const r of records) r.accepted++;
        if (method === "chat.postMessage" && params.thread_ts === undefined) {
          this.delivered.push({ userId: channel.replace(/^D/, ""), token, at });
        }
        return undefined;
      });
    }
    return this;
  }
}
