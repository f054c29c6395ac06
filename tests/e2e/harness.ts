import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config.ts";
import type { Logger } from "../../src/log.ts";
import { type Running, type StartOptions, startRolecall } from "../../src/server.ts";
import { FakeSlack, type RecordedCall } from "./fake-slack.ts";
import { interactionBody, postSigned, type SignedResponse, slashCommandBody } from "./signed-request.ts";

export const SIGNING_SECRET = "e2e-signing-secret-0123456789abcdef";

/** Token checks retried within milliseconds, so an outage test waits on conditions, not on backoff. */
export const TEST_TOKEN_BACKOFF = { initialMs: 5, maxMs: 40 };

/** A clock the test moves by hand. */
export class TestClock {
  constructor(private t: Date) {}
  now = (): Date => new Date(this.t);
  set(t: Date | string): void {
    this.t = new Date(t);
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

export type Message = {
  text?: string;
  blocks?: unknown[];
  response_type?: string;
  replace_original?: boolean;
};

export type CapturedLog = { level: string; text: string };

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/**
 * Starts the real Bolt app in HTTP mode on a free port, with a real SQLite file, beside a stand-in
 * Slack on 127.0.0.1; requests are signed as Slack signs them.
 */
export async function startHarness(
  opts: {
    now?: string;
    roleAdmins?: string[];
    ackBudgetMs?: number;
    dbDir?: string;
    /** Runs after the stand-in starts and before the bot does (e.g. to take Slack down). */
    beforeStart?: (fake: FakeSlack) => Promise<void> | void;
  } = {},
) {
  const fake = await new FakeSlack().start();
  await opts.beforeStart?.(fake);
  const dir = opts.dbDir ?? mkdtempSync(join(tmpdir(), "rolecall-e2e-"));
  const clock = new TestClock(new Date(opts.now ?? "2026-11-23T12:00:00Z"));
  fake.now = clock.now;
  const logs: CapturedLog[] = [];
  const logger = capturingLogger(logs);
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-e2e-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    PORT: "0",
    SLACK_API_URL: fake.apiUrl,
    DATABASE_PATH: join(dir, "rolecall.db"),
    ROLE_ADMINS: (opts.roleAdmins ?? []).join(","),
    LOG_LEVEL: "error",
  });
  const startOptions: StartOptions = {
    clock: clock.now,
    logger,
    scheduler: false,
    tokenBackoff: TEST_TOKEN_BACKOFF,
    ...(opts.ackBudgetMs ? { ackBudgetMs: opts.ackBudgetMs } : {}),
  };
  let running: Running = await startRolecall(config, startOptions);
  const eventsUrl = () => `http://127.0.0.1:${running.port}/slack/events`;
  let responseSeq = 0;

  return {
    fake,
    clock,
    logs,
    config,
    dir,
    get running() {
      return running;
    },
    get ctx() {
      return running.ctx;
    },
    eventsUrl,

    /** A plain GET on the bot's own port (health, readiness, metrics). */
    async get(path: string): Promise<{ status: number; body: string }> {
      const res = await fetch(`http://127.0.0.1:${running.port}${path}`);
      return { status: res.status, body: await res.text() };
    },

    /** Sends `/role <text>` and returns the ack's message and any later response_url posts. */
    async command(
      text: string,
      who: { user: string; channel?: string; channelName?: string; team?: string },
    ) {
      const responseId = `r${++responseSeq}`;
      const body = slashCommandBody({
        text,
        userId: who.user,
        channelId: who.channel ?? "C0TEAM",
        ...(who.channelName ? { channelName: who.channelName } : {}),
        ...(who.team ? { teamId: who.team } : {}),
        responseUrl: fake.responseUrl(responseId),
      });
      const res = await postSigned(eventsUrl(), body, { secret: SIGNING_SECRET });
      const ack = (res.body ? JSON.parse(res.body) : {}) as Message;
      return { res, ack, responses: () => responsesFor(fake.calls, responseId) };
    },

    /** Posts an interactivity payload (block_actions, view_submission) and returns the raw response. */
    async interact(payload: unknown): Promise<SignedResponse> {
      return postSigned(eventsUrl(), interactionBody(payload), { secret: SIGNING_SECRET });
    },

    /** Posts an Events API callback (e.g. app_home_opened); `envelope` adds fields such as authorizations. */
    async event(
      event: Record<string, unknown>,
      team = "T0ACME",
      envelope: Record<string, unknown> = {},
    ): Promise<SignedResponse> {
      const body = JSON.stringify({
        ...envelope,
        token: "legacy",
        team_id: team,
        api_app_id: "A0ROLECALL",
        type: "event_callback",
        event_id: `Ev${++responseSeq}`,
        event_time: Math.floor(clock.now().getTime() / 1000),
        event,
      });
      return postSigned(eventsUrl(), body, { secret: SIGNING_SECRET, contentType: "application/json" });
    },

    /** Stops and starts the bot on the same database, as a deploy or crash would. */
    async restart(): Promise<void> {
      await running.stop();
      running = await startRolecall(config, { ...startOptions, ackBudgetMs: undefined });
    },

    async stop(): Promise<void> {
      await running.stop();
      await fake.stop();
      if (!opts.dbDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function responsesFor(calls: RecordedCall[], id: string): Message[] {
  return calls.filter((c) => c.method === `respond:${id}`).map((c) => c.params as Message);
}

/** Waits for something the bot does asynchronously (a network event, not a clock). */
export async function eventually<T>(probe: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** `eventually` for an asynchronous probe (an HTTP GET): polls until it holds, within a bounded time. */
export async function until<T>(
  probe: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Everything a person would read in a message: fallback text plus all block text. */
export function visibleText(message: Message | Record<string, unknown> | undefined): string {
  if (!message) return "";
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        if (k === "text" && typeof v === "string") parts.push(v);
        else walk(v);
      }
    }
  };
  walk((message as Message).blocks ?? []);
  return parts.length ? parts.join("\n") : String((message as Message).text ?? "");
}

export function capturingLogger(logs: CapturedLog[]): Logger {
  const at =
    (level: string) =>
    (...args: unknown[]) =>
      logs.push({ level, text: args.map((a) => (a instanceof Error ? a.message : String(a))).join(" ") });
  return { debug: () => {}, info: at("info"), warn: at("warn"), error: at("error") };
}
