import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness, until, visibleText } from "./harness.ts";

const ADMIN = "U0ADMIN";
const MEMBER = "U0MEMBER";
const LEE = "U0LEE";

type ReadyBody = { ready: boolean; checks: { database: string; token: string; scheduler: string } };

async function readyz(h: Harness): Promise<{ status: number; body: ReadyBody }> {
  const res = await h.get("/readyz");
  return { status: res.status, body: JSON.parse(res.body) as ReadyBody };
}

async function tokenState(h: Harness): Promise<string> {
  return (await readyz(h)).body.checks.token;
}

/** Every Web API call Slack refused or failed, from /metrics, as `method error` → count. */
async function slackErrors(h: Harness): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const m of (await h.get("/metrics")).body.matchAll(
    /^rolecall_slack_api_errors_total\{method="([^"]+)",error="([^"]+)"\} (\d+)$/gm,
  )) {
    out.set(`${m[1]} ${m[2]}`, Number(m[3]));
  }
  return out;
}

describe("Slack's bad minutes", () => {
  let h: Harness;
  afterEach(async () => h.stop());

  it("serves local commands while Slack refuses connections, then answers 5xx, and verifies the token once Slack is back", async () => {
    h = await startHarness({ roleAdmins: [ADMIN], beforeStart: (fake) => fake.goDown() });
    h.fake.addUser({ id: LEE });

    // Slack refuses connections: the bot is up, alive and not ready, and answers what needs no Slack.
    expect(await h.get("/healthz")).toEqual({ status: 200, body: "ok\n" });
    const down = await readyz(h);
    expect(down.status).toBe(503);
    expect(down.body.checks).toEqual({ database: "ok", token: "pending", scheduler: "disabled" });
    const help = await h.command("help", { user: MEMBER });
    expect(help.res.status).toBe(200);
    expect(visibleText(help.ack)).toContain("/role who-decides");
    const asked = await h.command("who-decides who approves promotions?", { user: MEMBER });
    expect(visibleText(asked.ack)).toMatch(/^\*Engineering manager\* decides/);
    const team = await h.command("team", { user: MEMBER });
    expect(visibleText(team.ack)).not.toBe("");
    await until(async () => (await slackErrors(h)).get("auth.test request_error"), "a refused auth.test");

    // Assign needs users.info to tell whether a non-listed person is an admin: it says Slack is unreachable.
    const refused = await h.command(`assign <@${LEE}|lee> EM`, { user: MEMBER, channelName: "team" });
    expect(refused.ack.response_type).toBe("ephemeral");
    expect(visibleText(refused.ack)).toContain("can't reach Slack right now");
    expect(visibleText(refused.ack)).not.toContain("Something went wrong");

    // Slack answers again, but 503 from every method: still served, still pending.
    h.fake.failAll(503);
    await h.fake.comeBack();
    await until(async () => (await slackErrors(h)).get("auth.test http_503"), "an auth.test answered 503");
    expect(await tokenState(h)).toBe("pending");
    expect(visibleText((await h.command("help", { user: MEMBER })).ack)).toContain("/role who-decides");

    // Slack recovers: the token is verified without a restart, and readiness follows.
    h.fake.failAll(undefined);
    const ready = await until(async () => {
      const r = await readyz(h);
      return r.status === 200 ? r : undefined;
    }, "readiness once Slack is back");
    expect(ready.body).toEqual({
      ready: true,
      checks: { database: "ok", token: "verified", scheduler: "disabled" },
    });

    // The requests made during the outage poisoned nothing: every later one is answered in full.
    const after = await h.command("who-decides who approves promotions?", { user: MEMBER });
    expect(visibleText(after.ack)).toMatch(/^\*Engineering manager\* decides/);
    const assigned = await h.command(`assign <@${LEE}|lee> EM`, { user: ADMIN, channelName: "team" });
    expect(visibleText(assigned.ack)).toContain(`<@${LEE}> is now *Engineering manager*`);
    expect(h.running.token.identity).toMatchObject({ botUserId: "UBOT", botId: "BBOT" });
    expect(h.logs.map((l) => l.text).join("\n")).not.toContain("Authorization of incoming event");
  });

  it("answers while a slow auth.test is pending, and becomes ready when it returns", async () => {
    let release: () => void = () => {};
    h = await startHarness({
      beforeStart: (fake) => {
        release = fake.hold("auth.test");
      },
    });
    const help = await h.command("help", { user: MEMBER });
    expect(help.res.status).toBe(200);
    expect(visibleText(help.ack)).toContain("/role who-decides");
    expect(await readyz(h)).toMatchObject({ status: 503, body: { checks: { token: "pending" } } });
    release();
    await until(async () => (await readyz(h)).status === 200, "readiness after the slow auth.test");
    expect(h.fake.callsTo("auth.test")).toHaveLength(1);
  });

  it.each(["token_revoked", "invalid_auth"])(
    "gives up on a token Slack answers %s to, in one line naming SLACK_BOT_TOKEN",
    async (error) => {
      h = await startHarness({
        beforeStart: (fake) => fake.script("auth.test", () => ({ json: { ok: false, error } })),
      });
      await until(async () => (await tokenState(h)) === "rejected", "the token to be rejected");
      expect((await h.get("/readyz")).status).toBe(503);
      const lines = h.logs.filter((l) => l.text.includes("SLACK_BOT_TOKEN"));
      expect(lines).toEqual([
        { level: "error", text: expect.stringContaining(`refused by Slack (${error})`) },
      ]);
      // Slack's answer is final: no retry loop against it.
      expect(h.fake.callsTo("auth.test")).toHaveLength(1);
      // Local answers still work until the process exits (main.ts exits; see process.test.ts).
      expect(visibleText((await h.command("help", { user: MEMBER })).ack)).toContain("/role who-decides");
    },
  );
});
