import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, until } from "./harness.ts";

const ADMIN = "U0ADMIN";
const MEMBER = "U0MEMBER";
const LEE = "U0LEE";

/** One sample's value from Prometheus text, by its exact name and labels. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("GET /metrics", () => {
  let h: Harness;
  let other: Harness;
  beforeAll(async () => {
    h = await startHarness({ roleAdmins: [ADMIN] });
    other = await startHarness();
    h.fake.addUser({ id: LEE });
    h.fake.addUser({ id: MEMBER });
  });
  afterAll(async () => {
    await h.stop();
    await other.stop();
  });

  it("counts /role requests by subcommand and outcome, their ack latency, and Slack's errors and 429s by method", async () => {
    await until(async () => h.running.token.state === "verified", "the token check");
    await h.command("help", { user: MEMBER });
    await h.command("help", { user: MEMBER });
    await h.command("who-decides who approves promotions?", { user: MEMBER });
    await h.command("whois", { user: MEMBER }); // no @user: a usage error
    // users.info is rate limited once (waited out by the WebClient), then says MEMBER is no admin.
    h.fake.script("users.info", (_p, n) =>
      n === 1
        ? { status: 429, headers: { "retry-after": "0" }, body: '{"ok":false,"error":"ratelimited"}' }
        : undefined,
    );
    await h.command(`assign <@${LEE}|lee> EM`, { user: MEMBER });
    h.fake.script("users.info", () => ({ json: { ok: false, error: "user_not_allowed" } }));
    await h.command(`decide "Hiring" EM`, { user: "U0NOBODY" });
    await h.command(`assign <@${LEE}|lee> EM`, { user: ADMIN, channelName: "team" });

    const res = await h.get("/metrics");
    expect(res.status).toBe(200);
    const text = res.body;
    const requests = (subcommand: string, outcome: string) =>
      sample(text, `rolecall_role_requests_total{subcommand="${subcommand}",outcome="${outcome}"}`);
    expect(requests("help", "ok")).toBe(2);
    expect(requests("who-decides", "ok")).toBe(1);
    expect(requests("unparsed", "refused")).toBe(1);
    expect(requests("assign", "refused")).toBe(1);
    expect(requests("assign", "ok")).toBe(1);
    expect(requests("decide", "refused")).toBe(1);
    expect(sample(text, 'rolecall_role_ack_seconds_count{subcommand="help"}')).toBe(2);
    expect(sample(text, 'rolecall_role_ack_seconds_bucket{le="3",subcommand="help"}')).toBe(2);
    expect(sample(text, 'rolecall_slack_rate_limited_total{method="users.info"}')).toBe(1);
    expect(
      sample(text, 'rolecall_slack_api_errors_total{method="users.info",error="user_not_allowed"}'),
    ).toBe(1);
    // Registered before anything is sent, so a dashboard shows zero rather than nothing.
    expect(sample(text, "rolecall_checkins_reconciled_total")).toBe(0);
    expect(sample(text, "rolecall_digests_posted_total")).toBe(0);
  });

  it("keeps each app's counts to itself", async () => {
    const text = (await other.get("/metrics")).body;
    expect(sample(text, 'rolecall_role_requests_total{subcommand="help",outcome="ok"}')).toBeUndefined();
  });
});
