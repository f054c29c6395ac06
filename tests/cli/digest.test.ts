import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliError } from "../../src/cli/context.ts";
import { runCli } from "../../src/cli.ts";
import { main as buildDemo } from "../../src/demo.ts";

const root = new URL("../../", import.meta.url).pathname;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const USAGE = "rolecall digest --month YYYY-MM [--channel C…] [--png out.png] [--dry-run]";

// The demo's database: two teams, six months of check-ins (June – November 2026).
let dir: string;
let database: string;

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(join(root, "node_modules/.bin/tsx"), [join(root, "src/cli.ts"), ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", DATABASE_PATH: database, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "rc-cli-digest-"));
  database = (await buildDemo({ dir })).database;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("rolecall digest", () => {
  it("prints every team's digest for a month with --dry-run, without Slack, and one chart per team", () => {
    const r = cli(["digest", "--month", "2026-10", "--png", join(dir, "all.png"), "--dry-run"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Role drift digest — October 2026 — #payments");
    expect(r.out).toContain("Role drift digest — October 2026 — #platform");
    expect(r.out).toContain("Ana Lima — Tech lead + Engineering manager");
    for (const channel of ["C0DEMOPAY", "C0DEMOPLAT"]) {
      const png = join(dir, `all-${channel}.png`);
      expect(r.out).toContain(`Chart written to ${png}`);
      expect(readFileSync(png).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    }
  });

  it("prints one channel's digest and writes its chart to the --png path", () => {
    const png = join(dir, "platform.png");
    const r = cli(["digest", "--month", "2026-10", "--channel", "C0DEMOPLAT", "--png", png, "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("#platform");
    expect(r.out).not.toContain("#payments");
    expect(r.out).toContain(`Chart written to ${png}`);
    expect(existsSync(png)).toBe(true);
  });

  it("needs a bot token to post, and says how to only print", () => {
    const r = cli(["digest", "--month", "2026-10"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("Posting needs SLACK_BOT_TOKEN");
    expect(r.err).toContain("--dry-run");
    expect(r.out).toBe("");
  });

  it.each([
    [["digest", "--dry-run"], "Say which month."],
    [["digest", "--month", "October", "--dry-run"], '"October" is not a month.'],
    [
      ["digest", "--month", "2026-10", "--channel", "#platform", "--dry-run"],
      "--channel must be a Slack channel id",
    ],
    [["digest", "--month", "2026-10", "--channel", "C0NOPE", "--dry-run"], "No team uses channel C0NOPE"],
    [["digest", "--month", "0000-05", "--dry-run"], "rolecall has nothing before 2000-01"],
  ])("refuses %j, saying what was wrong", async (args, problem) => {
    process.env.DATABASE_PATH = database;
    const written: string[] = [];
    const io = { stdin: process.stdin, write: (s: string) => void written.push(s) };
    const refusal = runCli(args, io);
    await expect(refusal).rejects.toThrow(problem);
    await expect(refusal).rejects.toBeInstanceOf(CliError);
    expect(written).toEqual([]);
  });

  it("shows the usage with the missing month", async () => {
    process.env.DATABASE_PATH = database;
    await expect(runCli(["digest"], { stdin: process.stdin, write: () => {} })).rejects.toThrow(USAGE);
  });
});
