/**
 * `npx tsx bench/profile-summary.ts <file.cpuprofile> [--top=N] [--by=function|file]`: where a V8
 * CPU profile (from `npm run bench -- --cpu-prof`) spent its time, as a table of self time, and of
 * total time per file or package, so that two processes' profiles (the floor's and rolecall's)
 * can be compared side by side without a browser.
 */
import { readFileSync } from "node:fs";

type Frame = { functionName: string; url: string; lineNumber: number };
type Node = { id: number; callFrame: Frame; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
if (!file) {
  process.stderr.write("usage: profile-summary.ts <file.cpuprofile> [--top=N] [--by=function|file]\n");
  process.exit(2);
}
const top = Number(args.find((a) => a.startsWith("--top="))?.slice(6) ?? 30);
const by = args.find((a) => a.startsWith("--by="))?.slice(5) ?? "function";

const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** Microseconds of samples whose leaf is each node. */
const self = new Map<number, number>();
profile.samples.forEach((id, i) => {
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
const idle = [...self]
  .filter(([id]) => byId.get(id)?.callFrame.functionName === "(idle)")
  .reduce((a, [, t]) => a + t, 0);

/** A file's short name: the package under node_modules, else the path from src/ or bench/. */
function place(url: string): string {
  if (!url) return "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  if (url.startsWith("node:")) return url;
  const own = /(?:src|bench|dist)\/.*$/.exec(url);
  return own ? own[0] : url;
}
const key = (f: Frame) =>
  by === "file"
    ? f.url
      ? place(f.url)
      : f.functionName
    : `${f.functionName || "(anonymous)"} ${place(f.url)}:${f.lineNumber + 1}`;

const selfBy = new Map<string, number>();
const totalBy = new Map<string, number>();
for (const [id, t] of self) {
  const node = byId.get(id) as Node;
  selfBy.set(key(node.callFrame), (selfBy.get(key(node.callFrame)) ?? 0) + t);
  // Total: counted once per key on the stack, however deep the recursion.
  const seen = new Set<string>();
  for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
    const k = key((byId.get(n) as Node).callFrame);
    if (seen.has(k)) continue;
    seen.add(k);
    totalBy.set(k, (totalBy.get(k) ?? 0) + t);
  }
}
const busy = total - idle;
const pct = (t: number) => `${((t / busy) * 100).toFixed(1).padStart(5)}%`;
process.stdout.write(
  `${file}\nbusy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms sampled\n\n`,
);
process.stdout.write(`self time (share of busy time)\n`);
for (const [k, t] of [...selfBy].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  if (k.startsWith("(idle)")) continue;
  process.stdout.write(`${pct(t)}  ${k}\n`);
}
process.stdout.write(`\ntotal time (self and callees)\n`);
for (const [k, t] of [...totalBy].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  if (k.startsWith("(idle)") || k.startsWith("(root)")) continue;
  process.stdout.write(`${pct(t)}  ${k}\n`);
}
