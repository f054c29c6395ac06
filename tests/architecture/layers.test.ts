import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  cycleViolations,
  type ImportGraph,
  type KnownCycle,
  type Layer,
  layerViolations,
  parseLayerTable,
  relativeImports,
} from "./layer-rules.ts";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Both ways: the catalog's data (areas) and the matcher's index import each other. */
const KNOWN_CYCLES: KnownCycle[] = [];

function sourceFiles(folder: string): string[] {
  return readdirSync(join(repo, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = posix.join(folder, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : [path];
  });
}

/** src/'s import graph, and any import that names no file of src/. */
function srcGraph(): { graph: ImportGraph; unresolved: string[] } {
  const graph = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const file of sourceFiles("src")) {
    if (!file.endsWith(".ts")) {
      unresolved.push(`${file} is not a TypeScript file`);
      continue;
    }
    const targets: string[] = [];
    for (const specifier of relativeImports(readFileSync(join(repo, file), "utf8"))) {
      const target = relative(repo, join(repo, dirname(file), specifier))
        .split("\\")
        .join("/");
      if (!target.startsWith("src/") || !existsSync(join(repo, target))) {
        unresolved.push(`${file} imports ${specifier}, which is no file under src/`);
      } else {
        targets.push(target);
      }
    }
    graph.set(file, targets);
  }
  return { graph, unresolved };
}

const layers = parseLayerTable(readFileSync(join(repo, "docs", "architecture.md"), "utf8"));

describe("src/ keeps to the layers in docs/architecture.md", () => {
  const { graph, unresolved } = srcGraph();

  it("reads a layer table with every layer of the architecture", () => {
    expect(layers.map((layer) => `${layer.rank} ${layer.name}`)).toEqual([
      "0 domain",
      "1 platform",
      "2 store",
      "3 services",
      "4 messages",
      "5 delivery",
      "6 slack",
      "6 jobs",
      "6 cli",
      "7 root",
    ]);
    expect(graph.size).toBeGreaterThan(50);
  });

  it("resolves every relative import to a file under src/", () => {
    expect(unresolved).toEqual([]);
  });

  it("puts every file in a layer, and imports only down or within the layer", () => {
    expect(layerViolations(graph, layers)).toEqual([]);
  });

  it("has no import cycles", () => {
    expect(cycleViolations(graph, KNOWN_CYCLES)).toEqual([]);
  });
});

describe("the layer checker", () => {
  const fixtureLayers: Layer[] = [
    { rank: 0, name: "domain", patterns: ["src/domain/**"] },
    { rank: 1, name: "services", patterns: ["src/services/**"] },
    { rank: 2, name: "slack", patterns: ["src/slack/**"] },
    { rank: 2, name: "jobs", patterns: ["src/jobs/**"] },
    { rank: 3, name: "root", patterns: ["src/main.ts", "src/cli.ts"] },
    { rank: 2, name: "cli", patterns: ["src/cli/**"] },
  ];

  it("names the file and the import that goes to a higher layer", () => {
    const graph = new Map([
      ["src/domain/a.ts", []],
      ["src/services/b.ts", ["src/domain/a.ts", "src/slack/c.ts"]],
      ["src/slack/c.ts", ["src/services/b.ts"]],
    ]);
    expect(layerViolations(graph, fixtureLayers)).toEqual([
      "src/services/b.ts imports src/slack/c.ts: services (1) may not import the higher layer slack (2)",
    ]);
  });

  it("names the file and the import that goes to a sibling group", () => {
    const graph = new Map([
      ["src/jobs/run.ts", []],
      ["src/slack/listener.ts", ["src/jobs/run.ts"]],
    ]);
    expect(layerViolations(graph, fixtureLayers)).toEqual([
      "src/slack/listener.ts imports src/jobs/run.ts: slack may not import its sibling jobs",
    ]);
  });

  it("prints a cycle's path, even inside one layer, and leaves out a known one", () => {
    const graph = new Map([
      ["src/domain/x.ts", ["src/domain/y.ts"]],
      ["src/domain/y.ts", ["src/domain/z.ts"]],
      ["src/domain/z.ts", ["src/domain/x.ts"]],
      ["src/services/p.ts", ["src/services/q.ts", "src/domain/x.ts"]],
      ["src/services/q.ts", ["src/services/p.ts"]],
    ]);
    expect(layerViolations(graph, fixtureLayers)).toEqual([]);
    expect(cycleViolations(graph)).toEqual([
      "import cycle: src/domain/x.ts → src/domain/y.ts → src/domain/z.ts → src/domain/x.ts",
      "import cycle: src/services/p.ts → src/services/q.ts → src/services/p.ts",
    ]);
    expect(cycleViolations(graph, [["src/services/p.ts", "src/services/q.ts", "src/services/p.ts"]])).toEqual(
      ["import cycle: src/domain/x.ts → src/domain/y.ts → src/domain/z.ts → src/domain/x.ts"],
    );
  });

  it("reports a file that belongs to no layer, and tells src/cli.ts from src/cli/**", () => {
    const graph = new Map([
      ["src/cli.ts", ["src/cli/ask.ts"]],
      ["src/cli/ask.ts", []],
      ["src/stray.ts", ["src/domain/a.ts"]],
      ["src/domain/a.ts", []],
    ]);
    expect(layerViolations(graph, fixtureLayers)).toEqual([
      "src/stray.ts belongs to no layer (add it to the table in docs/architecture.md)",
    ]);
  });

  it("finds static, type-only, re-exported, side-effect and dynamic imports, and only relative ones", () => {
    const source = [
      'import { a } from "./a.ts";',
      'import type { B } from "../b.ts";',
      "import {",
      "  c,",
      "  type C,",
      '} from "./c.ts";',
      'export { d } from "./d.ts";',
      'export * from "./e.ts";',
      'import "./f.ts";',
      'const g = await import("./g.ts");',
      'import { z } from "zod";',
      '// import { h } from "./commented.ts" is not an import',
    ].join("\n");
    expect(relativeImports(source)).toEqual([
      "./a.ts",
      "../b.ts",
      "./c.ts",
      "./d.ts",
      "./e.ts",
      "./f.ts",
      "./g.ts",
    ]);
  });

  it("reads the layer table from markdown", () => {
    const markdown = [
      "Some words.",
      "",
      "| rank | layer | files |",
      "|---|---|---|",
      "| 0 | domain | `src/domain/**` |",
      "| 1 | platform | `src/config.ts`, `src/log.ts` |",
      "",
      "| rank | layer | files |",
      "|---|---|---|",
      "| 9 | ignored | `src/later/**` |",
    ].join("\n");
    expect(parseLayerTable(markdown)).toEqual([
      { rank: 0, name: "domain", patterns: ["src/domain/**"] },
      { rank: 1, name: "platform", patterns: ["src/config.ts", "src/log.ts"] },
    ]);
  });
});
