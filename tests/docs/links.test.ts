import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The docs are a contract with readers: a link that leads nowhere, or to a file that only existed on
// someone's machine, is a bug like any other.

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Markdown links `[text](target)` and images `![alt](target)`, outside code spans and fences. */
function markdownLinks(markdown: string): { target: string; line: number }[] {
  const links: { target: string; line: number }[] = [];
  let fenced = false;
  markdown.split("\n").forEach((raw, i) => {
    if (/^\s*(```|~~~)/.test(raw)) {
      fenced = !fenced;
      return;
    }
    if (fenced) return;
    const text = raw.replace(/`[^`]*`/g, "");
    for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ target: m[1] ?? "", line: i + 1 });
    }
  });
  return links;
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function headingSlugs(markdown: string): Set<string> {
  const slugs = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = (m[1] ?? "")
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
      .replace(/ /g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    slugs.add(n === 0 ? base : `${base}-${n}`);
  }
  return slugs;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

/**
 * The broken relative links in one markdown file, as "file:line: target (why)". `read` and `exists`
 * are injected so the rule can be checked on a string without touching the disk.
 */
function brokenLinks(
  file: string,
  markdown: string,
  fs: { exists: (path: string) => boolean; read: (path: string) => string },
): string[] {
  const problems: string[] = [];
  for (const { target, line } of markdownLinks(markdown)) {
    if (isExternal(target)) continue;
    const [pathPart = "", anchor] = target.split("#", 2);
    const path = pathPart === "" ? file : join(dirname(file), decodeURIComponent(pathPart));
    const where = `${file}:${line}: ${target}`;
    if (path.startsWith("..") || path.startsWith("/")) {
      problems.push(`${where} (points outside the repository)`);
    } else if (!fs.exists(path)) {
      problems.push(`${where} (no such file: ${path})`);
    } else if (anchor !== undefined && path.endsWith(".md") && !headingSlugs(fs.read(path)).has(anchor)) {
      problems.push(`${where} (no heading "#${anchor}" in ${path})`);
    }
  }
  return problems;
}

/**
 * Text that refers to files only some machines had: any relative path that, read from the file's
 * folder, climbs out of the repository (a sibling folder of the checkout), seed files, a brief.
 */
function outsideReferences(file: string, text: string): string[] {
  const named = [/\bseeds\//, /design brief/i];
  const problems: string[] = [];
  text.split("\n").forEach((line, i) => {
    const where = `${file}:${i + 1}: refers outside the repo`;
    for (const m of line.matchAll(/(?:\.\.\/)+[\w.-]+/g))
      if (join(dirname(file), m[0]).startsWith("..")) problems.push(`${where} (${m[0]})`);
    for (const p of named) if (p.test(line)) problems.push(`${where} (${p})`);
  });
  return problems;
}

function markdownFilesUnder(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return markdownFilesUnder(path);
    return name.endsWith(".md") ? [path] : [];
  });
}

const docFiles = ["README.md", "CONTRIBUTING.md", ...markdownFilesUnder("docs")];
const repoFs = {
  exists: (path: string) => existsSync(join(root, path)),
  read: (path: string) => readFileSync(join(root, path), "utf8"),
};

describe("documentation links", () => {
  it("finds the documentation", () => {
    expect(docFiles).toContain("docs/README.md");
    expect(docFiles.length).toBeGreaterThan(5);
  });

  it.each(docFiles)("every relative link in %s resolves, anchors included", (file) => {
    expect(brokenLinks(file, repoFs.read(file), repoFs)).toEqual([]);
  });

  it.each(docFiles)("%s refers to nothing outside the repository", (file) => {
    expect(outsideReferences(file, repoFs.read(file))).toEqual([]);
  });
});

describe("the link checker itself", () => {
  const files: Record<string, string> = {
    "docs/a.md":
      "# Title\n\n## How it works\n\n## Setup (HTTP & Socket Mode)\n\n## Setup (HTTP & Socket Mode)\n",
    "README.md": "",
  };
  const fakeFs = { exists: (p: string) => p in files, read: (p: string) => files[p] ?? "" };

  it("names the file, the line and the broken link", () => {
    const md = "See [a](docs/a.md).\n\nAnd [gone](docs/missing.md).\n";
    expect(brokenLinks("README.md", md, fakeFs)).toEqual([
      "README.md:3: docs/missing.md (no such file: docs/missing.md)",
    ]);
  });

  it("checks anchors against the target's headings with GitHub's slugs", () => {
    const md = [
      "[ok](docs/a.md#how-it-works)",
      "[ok](docs/a.md#setup-http--socket-mode)",
      "[ok](docs/a.md#setup-http--socket-mode-1)",
      "[bad](docs/a.md#how-it-work)",
    ].join("\n");
    expect(brokenLinks("README.md", md, fakeFs)).toEqual([
      'README.md:4: docs/a.md#how-it-work (no heading "#how-it-work" in docs/a.md)',
    ]);
  });

  it("checks same-file anchors, resolves paths from the linking file, and refuses paths out of the repo", () => {
    const md = "[self](#title)\n[up](../README.md)\n[out](../../elsewhere/eval.tsv)\n[self-bad](#nope)";
    expect(brokenLinks("docs/a.md", md, fakeFs)).toEqual([
      "docs/a.md:3: ../../elsewhere/eval.tsv (points outside the repository)",
      'docs/a.md:4: #nope (no heading "#nope" in docs/a.md)',
    ]);
  });

  it("ignores external links and links inside code", () => {
    const md = "[web](https://example.com/x.md)\n`[x](nowhere.md)`\n```\n[y](nowhere.md)\n```\n";
    expect(brokenLinks("README.md", md, fakeFs)).toEqual([]);
  });

  it("flags text that points outside the repository", () => {
    const text = "fine, see ../README.md\nsee ../../sibling/eval\nfrom the Design Brief";
    expect(outsideReferences("docs/x.md", text)).toEqual([
      "docs/x.md:2: refers outside the repo (../../sibling)",
      "docs/x.md:3: refers outside the repo (/design brief/i)",
    ]);
  });
});
