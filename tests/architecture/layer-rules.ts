import ts from "typescript";

/**
 * The pure half of the layer test: it knows nothing about the disk, so the test can show it
 * failing on small in-memory graphs as well as run it on src/.
 */

export type Layer = {
  /** Lower ranks sit lower; a file may import a lower rank, or its own layer. */
  rank: number;
  name: string;
  /** Paths relative to the repo: `src/x.ts` names one file, `src/x/**` a folder and all below it. */
  patterns: string[];
};

/** A file (repo-relative, `/`-separated) and the files its relative imports resolve to. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** Cycles the checker tolerates for now; each is written as its files in order, first repeated. */
export type KnownCycle = readonly string[];

/**
 * Reads the layer table from docs/architecture.md: the rows of the first table whose header is
 * `| rank | layer | files |`, the files given as back-quoted paths.
 */
export function parseLayerTable(markdown: string): Layer[] {
  const lines = markdown.split("\n");
  const header = lines.findIndex((line) => /^\|\s*rank\s*\|\s*layer\s*\|\s*files\s*\|\s*$/.test(line));
  if (header < 0) throw new Error("docs/architecture.md has no `| rank | layer | files |` table");
  const layers: Layer[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith("|")) break;
    const cells = line.split("|").map((cell) => cell.trim());
    const [rank, name, files] = [cells[1] ?? "", cells[2] ?? "", cells[3] ?? ""];
    const patterns = [...files.matchAll(/`([^`]+)`/g)].map((match) => match[1] as string);
    if (!/^\d+$/.test(rank) || name === "" || patterns.length === 0) {
      throw new Error(`docs/architecture.md: cannot read the layer row ${line}`);
    }
    layers.push({ rank: Number(rank), name, patterns });
  }
  return layers;
}

function matches(file: string, pattern: string): boolean {
  return pattern.endsWith("/**") ? file.startsWith(pattern.slice(0, -2)) : file === pattern;
}

/** The layer a file belongs to; a file pattern beats a folder pattern (src/cli.ts vs src/cli/**). */
export function layerOf(file: string, layers: readonly Layer[]): Layer | undefined {
  const exact = layers.find((layer) => layer.patterns.includes(file));
  return exact ?? layers.find((layer) => layer.patterns.some((pattern) => matches(file, pattern)));
}

/** The relative module specifiers a TypeScript source imports or re-exports, dynamic imports included. */
export function relativeImports(source: string): string[] {
  const { importedFiles } = ts.preProcessFile(source, true, true);
  return importedFiles.map((file) => file.fileName).filter((name) => name.startsWith("."));
}

/** Every file outside a layer, and every import that goes up or sideways, as one message each. */
export function layerViolations(graph: ImportGraph, layers: readonly Layer[]): string[] {
  const messages: string[] = [];
  for (const [file, imports] of [...graph].sort(([a], [b]) => a.localeCompare(b))) {
    const from = layerOf(file, layers);
    if (!from) {
      messages.push(`${file} belongs to no layer (add it to the table in docs/architecture.md)`);
      continue;
    }
    for (const target of imports) {
      const to = layerOf(target, layers);
      if (!to) continue; // reported once, as its own file
      if (to === from || to.rank < from.rank) continue;
      messages.push(
        to.rank === from.rank
          ? `${file} imports ${target}: ${from.name} may not import its sibling ${to.name}`
          : `${file} imports ${target}: ${from.name} (${from.rank}) may not import the higher layer ${to.name} (${to.rank})`,
      );
    }
  }
  return messages;
}

/**
 * One cycle per strongly connected component (Tarjan), printed as a path that starts at the
 * component's first file in alphabetical order, so the message is the same on every run.
 */
export function importCycles(graph: ImportGraph): string[][] {
  const files = [...graph.keys()].sort();
  const edges = (file: string) => [...(graph.get(file) ?? [])].filter((t) => graph.has(t)).sort();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file) as number);
    stack.push(file);
    onStack.add(file);
    for (const next of edges(file)) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file) as number, index.get(next) as number));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      components.push(component);
    }
  };
  for (const file of files) if (!index.has(file)) visit(file);

  const cycles: string[][] = [];
  for (const component of components) {
    const members = new Set(component);
    const start = [...component].sort()[0] as string;
    if (component.length === 1 && !edges(start).includes(start)) continue;
    cycles.push(pathBack(start, members, edges));
  }
  return cycles.sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}

/** The shortest way from start back to itself inside one component (breadth first). */
function pathBack(start: string, members: Set<string>, edges: (file: string) => string[]): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    for (const next of edges(file)) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at = file; at !== start; at = cameFrom.get(at) as string) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/** Cycle messages, leaving out the known ones. */
export function cycleViolations(graph: ImportGraph, known: readonly KnownCycle[] = []): string[] {
  const knownText = new Set(known.map((cycle) => cycle.join(" → ")));
  return importCycles(graph)
    .map((cycle) => cycle.join(" → "))
    .filter((text) => !knownText.has(text))
    .map((text) => `import cycle: ${text}`);
}
