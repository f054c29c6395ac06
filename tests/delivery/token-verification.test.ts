import { describe, expect, it } from "vitest";
import {
  type AuthTestResult,
  backoffDelay,
  TokenVerification,
} from "../../src/delivery/token-verification.ts";
import { silentLogger } from "../../src/log.ts";
import { eventually } from "../e2e/harness.ts";

const unreachable = () =>
  Object.assign(new Error("connect ECONNREFUSED"), { code: "slack_webapi_request_error" });
const platform = (error: string) =>
  Object.assign(new Error(`An API error occurred: ${error}`), {
    code: "slack_webapi_platform_error",
    data: { ok: false, error },
  });

function verifier(answers: (() => Promise<AuthTestResult>)[]) {
  const rejected: string[] = [];
  let calls = 0;
  const v = new TokenVerification({
    authTest: () => {
      const answer = answers[Math.min(calls, answers.length - 1)] as () => Promise<AuthTestResult>;
      calls++;
      return answer();
    },
    logger: silentLogger,
    onRejected: (m) => rejected.push(m),
    backoff: { initialMs: 1, maxMs: 4 },
  });
  return { v, rejected, calls: () => calls };
}

describe("backoffDelay", () => {
  it("doubles from the first wait and stops at the cap", () => {
    const b = { initialMs: 1000, maxMs: 60_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, b))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000,
    ]);
  });
});

describe("TokenVerification", () => {
  it("retries while Slack is unreachable or unwell, then records the bot's identity", async () => {
    const { v, rejected, calls } = verifier([
      () => Promise.reject(unreachable()),
      () => Promise.reject(platform("internal_error")),
      () => Promise.resolve({ user_id: "UBOT", bot_id: "BBOT", team_id: "T1" }),
    ]);
    v.start();
    expect(v.state).toBe("pending");
    await eventually(() => v.state === "verified", "verification");
    expect(calls()).toBe(3);
    expect(v.identity).toEqual({ botUserId: "UBOT", botId: "BBOT", teamId: "T1" });
    expect(rejected).toEqual([]);
    v.stop();
  });

  it("stops at a token Slack will never accept and reports it once, naming SLACK_BOT_TOKEN", async () => {
    const { v, rejected, calls } = verifier([() => Promise.reject(platform("account_inactive"))]);
    v.start();
    await eventually(() => v.state === "rejected", "rejection");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatch(/^SLACK_BOT_TOKEN was refused by Slack \(account_inactive\)/);
    expect(calls()).toBe(1);
  });

  it("makes no further attempt once stopped, even when the attempt in flight then fails", async () => {
    let fail: (err: unknown) => void = () => {};
    const inFlight = new Promise<AuthTestResult>((_resolve, reject) => {
      fail = reject;
    });
    const { v, calls } = verifier([() => inFlight]);
    v.start();
    v.stop();
    fail(unreachable());
    await inFlight.catch(() => {});
    await new Promise((r) => setImmediate(r));
    expect(calls()).toBe(1);
    expect(v.state).toBe("pending");
  });
});
