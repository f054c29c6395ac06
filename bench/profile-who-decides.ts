/**
 * `npx tsx bench/profile-who-decides.ts [--requests=N] [--top=N] [--bundle] [--full]`: rolecall's
 * own work on a `/role who-decides` request, in process and without HTTP: the /role listener is
 * called as Bolt calls it, over the benchmark's synthetic workspace (--quick scale unless --full),
 * with the benchmark's question pool, and its ack serialised as Bolt serialises it. Prints the CPU
 * time and the bytes allocated per request, then where both go (V8's CPU profiler and its sampling
 * heap profiler, counting objects the garbage collector has already freed: those are what cost GC
 * time).
 */

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { webApi } from "@slack/bolt";
import { createAppContext } from "../src/compose.ts";
import { silentLogger } from "../src/log.ts";
import { roleCommand } from "../src/slack/commands/role-command.ts";
import { openDatabase } from "../src/store/db.ts";
import { packageRoot } from "../src/store/package-root.ts";
import { questionPool } from "./question-pool.ts";
import {
  BENCH_NOW,
  BENCH_TEAM_ID,
  FULL_SCALE,
  generateWorkspace,
  QUICK_SCALE,
} from "./synthetic-workspace.ts";

// From bench/ or from a bundle in dist/bench/ (`--bundle`: line numbers that point somewhere).
const ROOT = packageRoot(fileURLToPath(import.meta.url));
const option = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const REQUESTS = option("requests", 6000);
const TOP = option("top", 25);
/** `--full`: the benchmark's full-scale workspace (373 areas) rather than the --quick one. */
const SCALE = process.argv.includes("--full") ? FULL_SCALE : QUICK_SCALE;

type Frame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type CpuNode = { id: number; callFrame: Frame; children?: number[] };
type HeapNode = { callFrame: Frame; selfSize: number; children: HeapNode[] };

// `--bundle`: profile the esbuild bundle under `npm start`'s node flags, as the bot runs, with line
// numbers that point into dist/bench/profile-who-decides.js rather than into tsx's output.
if (process.argv.includes("--bundle") && !import.meta.url.includes("/dist/")) {
  const { bundle, startCommand } = await import("../scripts/build.ts");
  await bundle({ "profile-who-decides": "bench/profile-who-decides.ts" }, "dist/bench");
  const argv = process.argv.slice(2).filter((a) => a !== "--bundle");
  const flags = startCommand().flags;
  const run = spawnSync(process.execPath, [...flags, "dist/bench/profile-who-decides.js", ...argv], {
    cwd: ROOT,
    stdio: "inherit",
  });
  process.exit(run.status ?? 1);
}

const work = mkdtempSync(join(tmpdir(), "rolecall-profile-"));
try {
  const path = join(work, "workspace.db");
  const ws = generateWorkspace(path, SCALE);
  const db = openDatabase(path);
  const ctx = createAppContext(db, { clock: () => BENCH_NOW, logger: silentLogger });
  const listener = roleCommand(ctx);
  const questions = questionPool(ROOT, REQUESTS * 2 + 2000);
  // Profiles are fresh in the synthetic workspace: a who-decides answer never calls Slack.
  const client = {} as webApi.WebClient;
  let bytesOut = 0;
  const ask = async (i: number) => {
    const command = {
      text: `who-decides ${questions[i % questions.length]}`,
      team_id: BENCH_TEAM_ID,
      channel_id: ws.channels[i % ws.channels.length],
      channel_name: "team",
      user_id: ws.people[i % ws.people.length],
    };
    const ack = async (body: unknown) => {
      bytesOut += JSON.stringify(body).length;
    };
    await listener({ command, ack, respond: async () => {}, client } as never);
  };
  // Warm up on other questions than the measured ones: caches of terms stay, answers are new.
  for (let i = 0; i < 1000; i++) await ask(REQUESTS + i);

  // Measured first without the profilers, which slow what they watch.
  bytesOut = 0;
  const cleanCpu = process.cpuUsage();
  const cleanStart = performance.now();
  for (let i = 0; i < REQUESTS; i++) await ask(i);
  const cleanWall = performance.now() - cleanStart;
  const clean = process.cpuUsage(cleanCpu);
  const cleanBytes = bytesOut;

  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("HeapProfiler.enable");
  await session.post("Profiler.start");
  await session.post("HeapProfiler.startSampling", {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let i = 0; i < REQUESTS; i++) await ask(REQUESTS + 1000 + i);
  const { profile: heap } = (await session.post("HeapProfiler.stopSampling")) as unknown as {
    profile: { head: HeapNode };
  };
  const { profile } = (await session.post("Profiler.stop")) as unknown as {
    profile: { nodes: CpuNode[]; samples: number[] };
  };
  session.disconnect();
  db.close();

  const perRequest = (x: number) => x / REQUESTS;
  const where = (f: Frame) => {
    const file = f.url.replace(/^.*\/(node_modules\/)/, "$1").replace(/^.*\/(src|bench)\//, "$1/");
    return `${f.functionName || "(anonymous)"} ${file || "(native)"}${f.url ? `:${f.lineNumber + 1}:${f.columnNumber + 1}` : ""}`;
  };
  let allocated = 0;
  const allocBy = new Map<string, number>();
  const walk = (n: HeapNode) => {
    allocated += n.selfSize;
    if (n.selfSize) allocBy.set(where(n.callFrame), (allocBy.get(where(n.callFrame)) ?? 0) + n.selfSize);
    for (const c of n.children) walk(c);
  };
  walk(heap.head);
  const hits = new Map<number, number>();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const parentOf = new Map<number, CpuNode>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const node of profile.nodes) for (const c of node.children ?? []) parentOf.set(c, node);
  const selfBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  let samples = 0;
  for (const node of profile.nodes) {
    const n = hits.get(node.id) ?? 0;
    if (!n || node.callFrame.functionName === "(idle)") continue;
    samples += n;
    selfBy.set(where(node.callFrame), (selfBy.get(where(node.callFrame)) ?? 0) + n);
    // Inclusive: once per function on the stack, however deep the recursion.
    const seen = new Set<string>();
    for (let at: CpuNode | undefined = byId.get(node.id); at; at = parentOf.get(at.id)) {
      const key = where(at.callFrame);
      if (seen.has(key)) continue;
      seen.add(key);
      totalBy.set(key, (totalBy.get(key) ?? 0) + n);
    }
  }
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(
    `${REQUESTS} who-decides requests over ${questions.length} distinct questions, in-process (no HTTP, no Bolt)`,
  );
  out(
    `per request, unprofiled: ${perRequest(cleanWall * 1000).toFixed(0)} µs wall, ${perRequest(clean.user + clean.system).toFixed(0)} µs CPU, ` +
      `${perRequest(cleanBytes).toFixed(0)} bytes of JSON acked`,
  );
  out(`per request, profiled: ${(perRequest(allocated) / 1024).toFixed(1)} KB allocated`);
  out("\nself time (share of samples)");
  for (const [k, n] of [...selfBy].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    out(`${((n / samples) * 100).toFixed(1).padStart(5)}%  ${k}`);
  }
  out("\ntotal time, with callees (share of samples)");
  for (const [k, n] of [...totalBy].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    out(`${((n / samples) * 100).toFixed(1).padStart(5)}%  ${k}`);
  }
  out("\nallocation sites (KB per request)");
  for (const [k, b] of [...allocBy].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    out(`${(perRequest(b) / 1024).toFixed(2).padStart(6)}  ${k}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
