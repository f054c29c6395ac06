import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleApp, startCommand } from "../../scripts/build.ts";
import { FakeSlack } from "./fake-slack.ts";
import { SIGNING_SECRET, visibleText } from "./harness.ts";
import { postSigned, slashCommandBody } from "./signed-request.ts";

const root = new URL("../../", import.meta.url).pathname;
const start = startCommand();

/** `npm start` after its `prestart` bundle: the same node flags on the same file. */
function startBot(options: SpawnOptions): ChildProcess {
  return spawn(process.execPath, [...start.flags, join(root, start.entry)], options);
}

beforeAll(async () => {
  await bundleApp();
});

function collect(child: ChildProcess): { out: () => string } {
  let out = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  return { out: () => out };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe("npm start (the bundle of src/main.ts, as a process)", () => {
  it("prints one configuration message naming every missing variable and exits non-zero", async () => {
    const child = startBot({
      cwd: mkdtempSync(join(tmpdir(), "rc-cwd-")),
      env: { PATH: process.env.PATH ?? "" },
    });
    const log = collect(child);
    expect(await exitOf(child)).toBe(1);
    expect(log.out()).toContain("SLACK_BOT_TOKEN");
    expect(log.out()).toContain("SLACK_SIGNING_SECRET");
    expect(log.out()).not.toMatch(/\n\s+at /);
  });

  describe("with the environment pointed at a stand-in Slack", () => {
    let fake: FakeSlack;
    let child: ChildProcess;
    let port: number;
    let log: { out: () => string };
    beforeAll(async () => {
      fake = await new FakeSlack().start();
      port = await freePort();
      child = startBot({
        cwd: mkdtempSync(join(tmpdir(), "rc-cwd-")),
        env: {
          PATH: process.env.PATH ?? "",
          SLACK_BOT_TOKEN: "xoxb-process",
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: fake.apiUrl,
          PORT: String(port),
          DATABASE_PATH: join(mkdtempSync(join(tmpdir(), "rc-db-")), "rolecall.db"),
        },
      });
      log = collect(child);
      const deadline = Date.now() + 20_000;
      while (!log.out().includes("rolecall is running") && Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(log.out());
        await new Promise((r) => setTimeout(r, 25));
      }
    });
    afterAll(async () => {
      if (child.exitCode === null) child.kill("SIGKILL");
      await fake.stop();
    });

    it("answers a signed /role help from the started process", async () => {
      expect(log.out()).toContain(`POST http://localhost:${port}/slack/events`);
      const body = slashCommandBody({
        text: "help",
        userId: "U0ANY",
        channelId: "C0TEAM",
        responseUrl: fake.responseUrl("p"),
      });
      const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, body, { secret: SIGNING_SECRET });
      expect(res.status).toBe(200);
      expect(visibleText(res.json() as object)).toContain("/role who-decides");
      // Bolt verified the token against the stand-in, proving SLACK_API_URL reached the WebClient.
      expect(fake.callsTo("auth.test").length).toBeGreaterThan(0);
    });

    it("stops cleanly on SIGTERM", async () => {
      const exited = exitOf(child);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(log.out()).toContain("rolecall stopped");
    });
  });
});

describe("npm start when Slack misbehaves at start-up", () => {
  const started: ChildProcess[] = [];
  afterAll(() => {
    for (const child of started) if (child.exitCode === null) child.kill("SIGKILL");
  });

  function startAgainst(apiUrl: string, port: number): { child: ChildProcess; log: { out: () => string } } {
    const child = startBot({
      cwd: mkdtempSync(join(tmpdir(), "rc-cwd-")),
      env: {
        PATH: process.env.PATH ?? "",
        SLACK_BOT_TOKEN: "xoxb-process",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: apiUrl,
        PORT: String(port),
        DATABASE_PATH: join(mkdtempSync(join(tmpdir(), "rc-db-")), "rolecall.db"),
      },
    });
    started.push(child);
    return { child, log: collect(child) };
  }

  async function waitFor(
    what: string,
    holds: () => boolean,
    child: ChildProcess,
    log: { out: () => string },
  ) {
    const deadline = Date.now() + 20_000;
    while (!holds()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}:\n${log.out()}`);
      if (child.exitCode !== null)
        throw new Error(`Exited (${child.exitCode}) before ${what}:\n${log.out()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it("stays up while Slack refuses connections: answers /role help, alive but not ready, no stack", async () => {
    // A port nothing listens on: every Web API call is refused.
    const closed = await freePort();
    const port = await freePort();
    const { child, log } = startAgainst(`http://127.0.0.1:${closed}/api/`, port);
    const attempts = () =>
      log
        .out()
        .split("\n")
        .filter((l) => l.includes("Could not verify SLACK_BOT_TOKEN")).length;
    // Two failed checks, a second apart: past the point where Bolt's start-up check used to crash it.
    await waitFor("two failed token checks", () => attempts() >= 2, child, log);
    const body = slashCommandBody({
      text: "help",
      userId: "U0ANY",
      channelId: "C0TEAM",
      responseUrl: "http://127.0.0.1:9/r",
    });
    const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, body, { secret: SIGNING_SECRET });
    expect(visibleText(res.json() as object)).toContain("/role who-decides");
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ checks: { token: "pending" } });
    expect(child.exitCode).toBeNull();
    expect(log.out()).not.toMatch(/\n\s+at /);
    const exited = exitOf(child);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("exits 1 with one line naming SLACK_BOT_TOKEN when Slack says the token is revoked", async () => {
    const fake = await new FakeSlack().start();
    try {
      fake.script("auth.test", () => ({ json: { ok: false, error: "token_revoked" } }));
      const { child, log } = startAgainst(fake.apiUrl, await freePort());
      expect(await exitOf(child)).toBe(1);
      const lines = log
        .out()
        .split("\n")
        .filter((l) => l.includes("SLACK_BOT_TOKEN"));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain("token_revoked");
      expect(log.out()).not.toMatch(/\n\s+at /);
    } finally {
      await fake.stop();
    }
  });
});
