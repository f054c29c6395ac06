import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, type Harness, SIGNING_SECRET, startHarness, visibleText } from "./harness.ts";
import { postSigned, slackSignature, slashCommandBody } from "./signed-request.ts";

describe("the bot over signed HTTP, against a stand-in Slack", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.fake.addUser({ id: "U0MEMBER", tz: "Europe/Berlin" });
  });
  afterAll(async () => h.stop());

  it("answers /role help with every subcommand, ephemerally", async () => {
    const { res, ack } = await h.command("help", { user: "U0MEMBER" });
    expect(res.status).toBe(200);
    expect(ack.response_type).toBe("ephemeral");
    const text = visibleText(ack);
    for (const sub of [
      "who-decides",
      "whois",
      "team",
      "areas",
      "assign",
      "unassign",
      "decide",
      "allocate",
      "checkin",
      "digest",
      "admin",
    ]) {
      expect(text).toContain(`/role ${sub}`);
    }
  });

  it("shows help for empty text and for an unknown subcommand", async () => {
    const empty = await h.command("", { user: "U0MEMBER" });
    expect(visibleText(empty.ack)).toContain("/role who-decides");
    const unknown = await h.command("frobnicate now", { user: "U0MEMBER" });
    expect(visibleText(unknown.ack)).toContain("I don't know `frobnicate`");
    expect(visibleText(unknown.ack)).toContain("/role help");
  });

  it("refuses a forged signature with 401 and does nothing", async () => {
    const before = h.fake.calls.length;
    const body = slashCommandBody({
      text: "help",
      userId: "U0MEMBER",
      channelId: "C0TEAM",
      responseUrl: h.fake.responseUrl("x"),
    });
    const res = await postSigned(h.eventsUrl(), body, {
      secret: SIGNING_SECRET,
      signature: slackSignature("not-the-secret", Math.floor(Date.now() / 1000), body),
    });
    expect(res.status).toBe(401);
    expect(h.fake.calls.length).toBe(before);
  });

  it("refuses a correctly signed request whose timestamp is more than 5 minutes old", async () => {
    const body = slashCommandBody({
      text: "help",
      userId: "U0MEMBER",
      channelId: "C0TEAM",
      responseUrl: h.fake.responseUrl("y"),
    });
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await postSigned(h.eventsUrl(), body, { secret: SIGNING_SECRET, timestamp: old });
    expect(res.status).toBe(401);
    expect(res.body).not.toContain("rolecall commands");
  });

  it("answers hostile text politely and keeps serving", async () => {
    const hostile = [
      "x".repeat(4000),
      "who-decides \u0000\u0000 drop",
      "who-decides \u202Eesabatad eht sesoohc ohw",
      "who-decides 🔥🚀 who owns 🤷‍♀️",
      "assign <@U0MEMBER> '); DROP TABLE hat_changes; --",
      'decide "x\'; DELETE FROM areas; --" tech-lead',
      "allocate <@U0MEMBER> tech-lead=60;DROP engineering-manager=40",
      "\u0000",
    ];
    for (const text of hostile) {
      const { res, ack } = await h.command(text, { user: "U0MEMBER" });
      expect(res.status).toBe(200);
      expect(ack.response_type).toBe("ephemeral");
      expect(visibleText(ack).length).toBeGreaterThan(0);
      expect(visibleText(ack)).not.toMatch(/stack|TypeError|SQLITE/i);
    }
    const tables = h.ctx.stores.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["hat_changes", "areas", "checkins"]));
    const after = await h.command("help", { user: "U0MEMBER" });
    expect(visibleText(after.ack)).toContain("/role who-decides");
  });

  it("gives a parse error with the right form, ephemerally", async () => {
    const { ack } = await h.command("whois nobody", { user: "U0MEMBER" });
    expect(ack.response_type).toBe("ephemeral");
    expect(visibleText(ack)).toContain("Name one person with an @mention");
    expect(visibleText(ack)).toContain("/role whois @user");
  });
});

describe("slow work", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ ackBudgetMs: 50 });
  });
  afterAll(async () => h.stop());

  it("acks at once with 'working on it' and answers through response_url when Slack is slow", async () => {
    // The admin check needs users.info; the stand-in answers it late.
    h.fake.addUser({ id: "U0SLOW", is_admin: true });
    const release = h.fake.hold("users.info");
    const { ack, responses } = await h.command("admin add <@U0OTHER>", { user: "U0SLOW" });
    expect(visibleText(ack)).toContain("Working on it");
    release();
    const [final] = await eventually(() => (responses().length ? responses() : undefined), "the slow answer");
    expect(visibleText(final)).toContain("is now a rolecall admin");
    expect(final?.replace_original).toBe(true);
  });
});
