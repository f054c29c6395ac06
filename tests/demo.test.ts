import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = new URL("../", import.meta.url).pathname;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("npm run demo (src/demo.ts as a process: no Slack, no configuration)", () => {
  let tmp: string;
  let run: { code: number | null; out: string; err: string };
  beforeAll(() => {
    // Only PATH, and a private temporary directory: nothing configured, no Slack reachable.
    tmp = mkdtempSync(join(tmpdir(), "rc-demo-test-"));
    const r = spawnSync(join(root, "node_modules/.bin/tsx"), [join(root, "src/demo.ts")], {
      cwd: tmp,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", TMPDIR: tmp },
    });
    run = { code: r.status, out: r.stdout, err: r.stderr };
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("exits cleanly and says nothing on stderr", () => {
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
  });

  it("answers who-decides questions with the people holding each hat", () => {
    expect(run.out).toContain('#payments: "Who approves a promotion to senior engineer?"');
    expect(run.out).toContain("→ Engineering manager decides: Ana Lima");
    expect(run.out).toContain("→ Tech lead decides: Ana Lima");
    expect(run.out).toContain("consulted: Architect (Chloé Martin)");
  });

  it("prints the last digest of each team, with the split rule firing on the team of 11", () => {
    expect(run.out).toContain("Role drift digest — November 2026 — #payments");
    expect(run.out).toContain("Role drift digest — November 2026 — #platform");
    expect(run.out).toContain(
      "This team has 11 engineers and Ben Okafor wears both the tech-lead and the engineering-manager hat: from 9 engineers, split the role",
    );
    // The team of 6 is below the split rule's size.
    const payments = run.out.slice(
      run.out.indexOf("— #payments"),
      run.out.indexOf("Role drift digest — November 2026 — #platform"),
    );
    expect(payments).toContain("Ana Lima — Tech lead + Engineering manager");
    expect(payments).toContain("stated   TL 60% · EM 40%");
    expect(payments).not.toContain("split the role");
  });

  it("keeps the private lead's numbers out of the channel text and shows them in her DM", () => {
    const platform = run.out.slice(
      run.out.indexOf("Role drift digest — November 2026 — #platform"),
      run.out.indexOf("— and the DM"),
    );
    expect(platform).toContain("1 lead keeps their numbers private");
    expect(platform).not.toContain("Dana Kowalski");
    expect(run.out).toContain("Your role drift — November 2026 (private: only you see this)");
  });

  it("warns that the CLI command it suggests reads today's date, not the demo's", () => {
    expect(run.out).toContain("digest --month 2026-11 --dry-run");
    expect(run.out).toContain(
      "(the CLI runs on today's date: before Tue 1 Dec 2026 it shows November 2026 so far",
    );
  });

  it("writes the charts as PNG files and prints where", () => {
    const paths = [...run.out.matchAll(/^\s+(\S+\.png)$/gm)].map((m) => m[1] ?? "");
    expect(paths).toHaveLength(2);
    for (const path of paths) {
      expect(path.startsWith(tmp)).toBe(true);
      expect(existsSync(path)).toBe(true);
      expect(readFileSync(path).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    }
  });
});
