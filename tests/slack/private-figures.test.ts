/**
 * A lead who keeps their figures private (`/role digest private`) is seen with figures by nobody
 * else: not by an admin in whois, /role team or the Home tab, not in a digest preview or the
 * channel digest, and not in the chart's input. Only the lead sees their own.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { digestSlackReads } from "../../src/delivery/digest-slack-reads.ts";
import { fetchSlackUser } from "../../src/delivery/slack-users.ts";
import { appHomeView } from "../../src/messages/app-home.ts";
import { driftChartInputFromDigest } from "../../src/messages/chart/drift-chart.ts";
import { digestMessage } from "../../src/messages/digest.ts";
import { homeData } from "../../src/services/app-home.ts";
import { buildTeamDigest, digestFindings } from "../../src/services/digest.ts";
import { CheckinSeedStore } from "../../src/store/checkin-seed.ts";
import { ADMIN, CHANNEL, replyStrings, roleWorkspace, TEAM } from "./role-reply-context.ts";

const LEE = "U0LEE";
const SAM = "U0SAM";
/** Lee's stated split and answers: none of these figures may reach anyone else. */
const FIGURES = /TL (?:60|70|80)|EM (?:40|30|20)|🟦🟦|\b(?:60|70|80)\s*%/u;

describe("private figures stay private", () => {
  const ws = roleWorkspace("2026-11-10T12:00:00Z");
  beforeAll(async () => {
    for (const text of [
      `assign <@${LEE}|lee> tech-lead`,
      `assign <@${LEE}|lee> engineering-manager`,
      `allocate <@${LEE}|lee> tech-lead=60 engineering-manager=40`,
    ])
      await ws.run(text, ADMIN);
    const seed = new CheckinSeedStore(ws.db);
    seed.answer(
      TEAM,
      LEE,
      "2026-W45",
      { kind: "split", split: { "tech-lead": 80, "engineering-manager": 20 } },
      new Date("2026-11-06T15:00:00Z"),
    );
    seed.answer(
      TEAM,
      LEE,
      "2026-W46",
      { kind: "split", split: { "tech-lead": 70, "engineering-manager": 30 } },
      new Date("2026-11-13T15:00:00Z"),
    );
    ws.setNow("2026-11-23T12:00:00Z");
    await ws.run("digest private", LEE);
  });

  const seenBy = async (text: string, user: string) => replyStrings(await ws.run(text, user)).join("\n");

  it("whois: not an admin, not a member; the lead sees their own", async () => {
    for (const viewer of [ADMIN, SAM])
      expect(await seenBy(`whois <@${LEE}|lee>`, viewer)).not.toMatch(FIGURES);
    expect(await seenBy(`whois <@${LEE}|lee>`, LEE)).toMatch(/TL 60 · EM 40/);
  });

  it("team: no split figures for others; the lead sees their own", async () => {
    const admin = await seenBy("team", ADMIN);
    expect(admin).toContain(`<@${LEE}>`);
    expect(admin).not.toMatch(FIGURES);
    expect(await seenBy("team", LEE)).toMatch(/TL 60 · EM 40/);
  });

  it("the digest preview and the channel digest show no figures of the private lead", async () => {
    expect(await seenBy("digest preview 2026-11", ADMIN)).not.toMatch(FIGURES);
    const built = await buildTeamDigest(ws.ctx, {
      teamId: TEAM,
      channelId: CHANNEL,
      month: "2026-11",
      asOf: "2026-11-23",
      slack: digestSlackReads(ws.ctx, ws.client, TEAM),
    });
    expect(built.digest.leads.map((l) => l.userId)).toContain(LEE);
    const posted = digestMessage(built, { findings: digestFindings(built, (l) => l.userId), chart: "below" });
    expect(replyStrings(posted).join("\n")).not.toMatch(FIGURES);
    expect(replyStrings(posted).join("\n")).not.toContain(LEE);
  });

  it("the chart's input has no series of the private lead", async () => {
    const built = await buildTeamDigest(ws.ctx, {
      teamId: TEAM,
      channelId: CHANNEL,
      month: "2026-11",
      asOf: "2026-11-23",
      slack: digestSlackReads(ws.ctx, ws.client, TEAM),
    });
    const input = driftChartInputFromDigest(built.digest);
    expect(input.series.map((s) => s.label).join(" ")).not.toContain(LEE);
    expect(input.series).toHaveLength(0);
  });

  it("another admin's Home tab shows no figures, even for a split that needs restating", async () => {
    await ws.run(`unassign <@${LEE}|lee> engineering-manager`, ADMIN);
    const view = appHomeView(await homeData(ws.ctx, fetchSlackUser(ws.client), TEAM, ADMIN));
    const text = replyStrings({ blocks: view.blocks }).join("\n");
    expect(text).toContain(`<@${LEE}>`);
    expect(text).toContain("no longer worn");
    expect(text).not.toMatch(FIGURES);
    await ws.run(`assign <@${LEE}|lee> engineering-manager`, ADMIN);
  });
});
