import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url).pathname;

function cli(args: string[], input?: string, env: Record<string, string> = {}) {
  const db = join(mkdtempSync(join(tmpdir(), "rc-cli-")), "rolecall.db");
  const r = spawnSync(join(root, "node_modules/.bin/tsx"), [join(root, "src/cli.ts"), ...args], {
    input,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", DATABASE_PATH: db, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("rolecall ask", () => {
  it("answers one question as text from a fresh database with the default catalog", () => {
    const r = cli(["ask", "who approves promotions?"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Engineering manager decides");
  });

  it("writes the documented JSON object with --json", () => {
    const r = cli(["ask", "which database should our team use", "--json"]);
    expect(r.code).toBe(0);
    const obj = JSON.parse(r.out.trim());
    expect(Object.keys(obj)).toEqual([
      "question",
      "area",
      "decider",
      "consulted",
      "informed",
      "confidence",
      "alternatives",
      "closest",
    ]);
    expect(obj.closest).toEqual([]);
    expect(obj.decider.role).toBe("tech-lead");
    expect(obj.decider.userIds).toEqual([]);
    expect(obj.area).toEqual({ id: expect.any(String), title: expect.any(String) });
    expect(obj.confidence).toBeGreaterThan(0);
    expect(obj.confidence).toBeLessThanOrEqual(1);
  });

  it("reads one question per line from stdin and writes one JSON object per line, in order", () => {
    const questions = ["who runs sprint planning", "who decides lunch?", "who owns the product roadmap"];
    const r = cli(["ask", "--json"], `${questions.join("\n")}\n`);
    expect(r.code).toBe(0);
    const lines = r.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.question)).toEqual(questions);
    expect(lines.map((l) => l.decider?.role ?? null)).toEqual([
      "engineering-manager",
      null,
      "product-manager",
    ]);
    expect(lines[1].area).toBeNull();
  });

  it("lists the closest areas, with who decides them, when it claims no owner", () => {
    const r = cli(["ask", "where should we go for the offsite party", "--json"]);
    expect(r.code).toBe(0);
    const obj = JSON.parse(r.out.trim());
    expect(obj.decider).toBeNull();
    expect(obj.closest.length).toBeGreaterThan(0);
    for (const c of obj.closest) {
      expect(c).toEqual({
        area: { id: expect.any(String), title: expect.any(String) },
        decider: { role: expect.any(String), userIds: [] },
      });
    }
  });

  it("rejects a bad channel id and an unknown command with a clear message and exit code 2", () => {
    const bad = cli(["ask", "who decides x", "--channel", "general"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--channel must be a Slack channel id");
    const unknown = cli(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Unknown command "frobnicate"');
  });
});
