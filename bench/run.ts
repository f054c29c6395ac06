/**
 * `npm run bench [-- --quick] [-- --no-write] [-- --cpu-prof]`: rolecall at workspace scale.
 *
 * 1. A synthetic workspace (bench/synthetic-workspace.ts) in a fresh database.
 * 2. `/role who-decides` end to end: the real app (bundled and run as `npm start` runs it, in HTTP
 *    mode, without its scheduler) and a bare Bolt app (the floor) each in their own process, loaded
 *    by a third process with signed requests in alternating rounds: latency, and each process's own
 *    CPU time per request.
 * 3. Every team's digest for one month, over 5 years of history and over 1.
 * 4. The weekly check-in fan-out (`rolecall run weekly-checkin`, its own process) against a stand-in
 *    Slack that rate-limits and fails 1% of calls.
 * 5. The same for two workspaces at once, as distribution mode's job runs them (its own process,
 *    bench/per-workspace-checkin.ts), each workspace against its own rate limits.
 * 6. Peak RSS of the bot and of the fan-out processes.
 *
 * Prints a table and appends it, with the machine, to BENCHMARKS.md. This is a script, not a test:
 * nothing here fails a build; the table says which targets were met.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { cpus, freemem, loadavg, release, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundle, bundleApp, startCommand } from "../scripts/build.ts";
import { createAppContext } from "../src/compose.ts";
import { seededRandom } from "../src/domain/seeded-random.ts";
import { silentLogger } from "../src/log.ts";
import { driftChartInputFromDigest, renderDriftChartPng } from "../src/messages/chart/drift-chart.ts";
import { digestMessage, mentionName } from "../src/messages/digest.ts";
import { buildTeamDigest, digestFindings } from "../src/services/digest.ts";
import { openDatabase } from "../src/store/db.ts";
import { createStores } from "../src/store/index.ts";
import { FakeSlack } from "../tests/e2e/fake-slack.ts";
import type { LoadJob, LoadResult, TargetResult } from "./load-generator.ts";
import { questionPool } from "./question-pool.ts";
import { type Limits, RateLimitedSlack, SLACK_PER_CHANNEL, SLACK_TIERS } from "./rate-limited-slack.ts";
import { mb, median, ms, percentile, us } from "./stats.ts";
import {
  BENCH_NOW,
  BENCH_TEAM_ID,
  CURRENT_WEEK,
  DIGEST_AS_OF,
  DIGEST_MONTH,
  FULL_SCALE,
  generateWorkspace,
  QUICK_SCALE,
  type Scale,
  type SyntheticWorkspace,
} from "./synthetic-workspace.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SECRET = "bench-signing-secret-0123456789abcdef";

const args = new Set(process.argv.slice(2));
const QUICK = args.has("--quick");
const WRITE = !args.has("--no-write");
const CPU_PROF = args.has("--cpu-prof");
const ONLY = [...args].find((a) => a.startsWith("--only="))?.slice("--only=".length);
const known = ["--quick", "--no-write", "--cpu-prof"];
const unknown = [...args].filter((a) => !known.includes(a) && !a.startsWith("--only="));
if (unknown.length) {
  process.stderr.write(
    `Unknown option ${unknown.join(" ")}. Usage: npm run bench [-- --quick] [--no-write] [--cpu-prof] [--only=workspace|who-decides|digest|fanout|fanout2]\n`,
  );
  process.exit(2);
}
const runs = (section: string) => !ONLY || ONLY === section;

const scale: Scale = QUICK ? QUICK_SCALE : FULL_SCALE;
const LOAD = QUICK
  ? { warmup: 200, c1: 1000, c16: 2000, rounds: 4 }
  : { warmup: 500, c1: 3000, c16: 8000, rounds: 10 };
/** The stand-in's limit on each method the fan-out calls, and its failure rate. */
/** Slack's tiers × 20: Tier 3 at 1000/min, Tier 4 at 2000/min, 20 posts/s per channel, 2000/min in all. */
const FANOUT_LIMIT: Limits = {
  scale: 20,
  methods: SLACK_TIERS,
  perChannel: SLACK_PER_CHANNEL,
  failureRate: 0.01,
  seed: 11,
};

/** Each workspace of the two-workspace fan-out: half the single fan-out's leads, a year of history. */
const TWO_WORKSPACE_SCALE: Scale = QUICK
  ? { teams: 40, people: 400, hybrids: 160, customAreas: 20, years: 1 }
  : { teams: 200, people: 2000, hybrids: 800, customAreas: 50, years: 1 };
const TWO_WORKSPACES = [
  { teamId: "T0BENCHA", userPrefix: "U", token: "xoxb-bench-a" },
  { teamId: "T0BENCHB", userPrefix: "W", token: "xoxb-bench-b" },
] as const;

type Row = { item: string; measure: string; value: string; target: string; met: boolean | null };
const rows: Row[] = [];
const row = (item: string, measure: string, value: string, target = "", met: boolean | null = null) => {
  rows.push({ item, measure, value, target, met });
  const mark = met === null ? "" : met ? "  ✓" : "  ✗ MISSED";
  process.stdout.write(`  ${item} · ${measure}: ${value}${target ? ` (target ${target})` : ""}${mark}\n`);
};

const START_FLAGS = startCommand().flags;
const CLI_ENTRY = "dist/cli.js";
/** src/main.ts's start-up without the scheduler (see bench/bot-without-scheduler.ts). */
const BENCH_BOT_ENTRY = "dist/bench/bot-without-scheduler.js";
/** How many Bolt listeners rolecall registers (src/slack/index.ts), and so the second floor too. */
const FLOOR_LISTENERS = 5;

const work = mkdtempSync(join(tmpdir(), "rolecall-bench-"));
const profDir = join(ROOT, "bench", "profiles");
const started = performance.now();

try {
  process.stdout.write(`rolecall benchmark${QUICK ? " (--quick)" : ""} in ${work}\n`);
  // What `npm start` does first (prestart): the processes measured run the bundle.
  await bundleApp();
  await bundle(
    {
      "bot-without-scheduler": "bench/bot-without-scheduler.ts",
      "per-workspace-checkin": "bench/per-workspace-checkin.ts",
    },
    "dist/bench",
  );
  // The two-workspace fan-out generates its own, smaller workspaces.
  const ws5 = ONLY === "fanout2" ? undefined : workspaceSection();
  if (ws5 && runs("who-decides")) await whoDecidesSection(ws5);
  if (runs("digest")) await digestSection();
  if (ws5 && runs("fanout")) await fanOutSection(ws5);
  if (runs("fanout2")) await twoWorkspaceFanOutSection();
  const total = performance.now() - started;
  row("run", "total time", ms(total), QUICK ? "< 60 s" : "", QUICK ? total < 60_000 : null);
  const report = renderReport(total);
  process.stdout.write(`\n${report}\n`);
  if (WRITE) {
    const file = join(ROOT, "BENCHMARKS.md");
    appendFileSync(file, `\n${report}\n`);
    process.stdout.write(`Appended to ${file}\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

// ── 1. The workspace ────────────────────────────────────────────────────────────────────────────

function workspaceSection(): SyntheticWorkspace & { path: string; path1y: string } {
  process.stdout.write("\n1. Synthetic workspace\n");
  const path = join(work, "workspace-5y.db");
  const t = performance.now();
  const ws = generateWorkspace(path, scale);
  const took = performance.now() - t;
  const c = ws.counts;
  row(
    "workspace",
    `${c.teams} teams, ${c.people} people, ${c.hybrids} hybrid leads, ${c.areas} areas (${c.customAreas} custom), ${c.answers.toLocaleString("en")} answers over ${c.weeks} weeks`,
    ms(took),
    "< 60 s",
    took < 60_000,
  );
  const path1y = join(work, "workspace-1y.db");
  let oneYear = { answers: 0 };
  if (runs("digest")) {
    const t1 = performance.now();
    oneYear = generateWorkspace(path1y, { ...scale, years: 1 }).counts;
    row(
      "workspace",
      `the same with 1 year (${oneYear.answers.toLocaleString("en")} answers)`,
      ms(performance.now() - t1),
    );
  }
  return { ...ws, path, path1y };
}

// ── 2. who-decides ──────────────────────────────────────────────────────────────────────────────

async function whoDecidesSection(ws: SyntheticWorkspace & { path: string }): Promise<void> {
  process.stdout.write("\n2. /role who-decides, end to end\n");
  const slack = await new FakeSlack().start();
  const db = join(work, "who-decides.db");
  copyFileSync(ws.path, db);
  // One distinct question per request of the longest phase (warm-up and measured), so that no
  // answer is ever asked twice in a phase (see bench/question-pool.ts).
  const questions = questionPool(ROOT, LOAD.warmup + Math.max(LOAD.c1, LOAD.c16));
  const random = seededRandom(3);
  const commands = Array.from({ length: questions.length }, (_, i) => ({
    text: `who-decides ${questions[i]}`,
    channel: ws.channels[Math.floor(random() * ws.channels.length)] as string,
    user: ws.people[Math.floor(random() * ws.people.length)] as string,
  }));
  const env = {
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_APP_TOKEN: "",
    PORT: "0",
    SLACK_API_URL: slack.apiUrl,
    DATABASE_PATH: db,
    ROLE_ADMINS: "",
    LOG_LEVEL: "info",
  };
  const floor = await startServer("floor", "bench/floor-app.js", [], env, /listening on port (\d+)/);
  const listeners = await startServer(
    "floor-listeners",
    "bench/floor-app.js",
    [],
    { ...env, FLOOR_LISTENERS: "rolecall" },
    /listening on port (\d+)/,
  );
  const bot = await startServer("bot", BENCH_BOT_ENTRY, [], env, /bot listening on port (\d+)/);
  const results: LoadResult[] = [];
  const target = (name: string, server: Server, rejectIfContains: string[] = []) => ({
    name,
    url: `http://127.0.0.1:${server.port}/slack/events`,
    rejectIfContains,
    cpuUrl: `http://127.0.0.1:${server.cpuPort}/`,
  });
  try {
    for (const concurrency of [1, 16]) {
      const job: LoadJob = {
        targets: [
          target("floor", floor),
          target("floor-listeners", listeners),
          target("bot", bot, ["Working on it", "Something went wrong"]),
        ],
        secret: SECRET,
        concurrency,
        warmup: LOAD.warmup,
        requests: concurrency === 1 ? LOAD.c1 : LOAD.c16,
        rounds: LOAD.rounds,
        commands,
      };
      results.push(await runLoad(job));
    }
  } finally {
    await floor.stop();
    await listeners.stop();
    await bot.stop();
    await slack.stop();
  }
  for (const { concurrency, rounds, targets } of results) {
    const f = targets.floor as TargetResult;
    const l = targets["floor-listeners"] as TargetResult;
    const b = targets.bot as TargetResult;
    const fp99 = percentile(f.latenciesMs, 99);
    const bp99 = percentile(b.latenciesMs, 99);
    const rps = (r: TargetResult) => Math.round((r.requests / r.wallMs) * 1000);
    const errors = (r: TargetResult) => (r.errors ? `, ${r.errors} errors (${r.firstError})` : "");
    const load = `concurrency ${concurrency}, ${b.requests} requests each, in ${rounds} rounds taking turns`;
    row(
      "who-decides",
      `floor (bare Bolt), ${load}: p50 / p99 / rps`,
      `${ms(percentile(f.latenciesMs, 50))} / ${ms(fp99)} / ${rps(f)}${errors(f)}`,
    );
    row(
      "who-decides",
      `rolecall, ${load}: p50 / p99 / rps`,
      `${ms(percentile(b.latenciesMs, 50))} / ${ms(bp99)} / ${rps(b)}${errors(b)}`,
      "p99 < 50 ms, no errors",
      bp99 < 50 && b.errors === 0,
    );
    row(
      "who-decides",
      `rolecall p99 ÷ floor p99, concurrency ${concurrency}`,
      `${(bp99 / fp99).toFixed(2)}×`,
      "≤ 1.3×",
      bp99 / fp99 <= 1.3,
    );
    const lp99 = percentile(l.latenciesMs, 99);
    row(
      "who-decides",
      `floor with rolecall's ${FLOOR_LISTENERS} listeners (${FLOOR_LISTENERS - 1} of them never matching), concurrency ${concurrency}: p50 / p99 / rps; rolecall p99 ÷ this p99`,
      `${ms(percentile(l.latenciesMs, 50))} / ${ms(lp99)} / ${rps(l)}${errors(l)}; ${(bp99 / lp99).toFixed(2)}×`,
    );
    const fcpu = cpuPerRequest(f);
    const bcpu = cpuPerRequest(b);
    row(
      "who-decides",
      `CPU per request (each server's own CPU time in its measured rounds ÷ its requests), concurrency ${concurrency}: floor / floor with rolecall's listeners / rolecall`,
      `${us(fcpu)} / ${us(cpuPerRequest(l))} / ${us(bcpu)}`,
    );
    row(
      "who-decides",
      `rolecall CPU per request ÷ floor CPU per request, concurrency ${concurrency}`,
      `${(bcpu / fcpu).toFixed(2)}×`,
      "≤ 1.3×",
      bcpu / fcpu <= 1.3,
    );
  }
  const botPeak = bot.peakRss();
  row(
    "memory",
    "peak RSS of the bot (who-decides runs)",
    peakText(botPeak),
    "< 150 MB",
    botPeak.maxRss < 150e6,
  );
  row("memory", "peak RSS of the floor app, for comparison", peakText(floor.peakRss()));
  row("memory", "peak RSS of the floor with rolecall's listeners", peakText(listeners.peakRss()));
}

/** What a request cost the server, in µs of its own CPU time (user + system, every thread). */
function cpuPerRequest(r: TargetResult): number {
  return r.cpuMicros / r.requests;
}

async function runLoad(job: LoadJob): Promise<LoadResult> {
  const file = join(work, `load-${job.concurrency}.json`);
  writeFileSync(file, JSON.stringify(job));
  const out = await runProcess(process.execPath, ["--import", "tsx", "bench/load-generator.ts", file], {});
  if (out.code !== 0) throw new Error(`The load generator failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as LoadResult;
}

// ── 3. Digest ───────────────────────────────────────────────────────────────────────────────────

async function digestSection(): Promise<void> {
  process.stdout.write("\n3. Monthly digest, every team\n");
  const five = digestRunner(join(work, "workspace-5y.db"));
  const one = digestRunner(join(work, "workspace-1y.db"));
  try {
    const coldMs = await five.pass();
    await one.pass();
    // Alternated, so drift in the machine's load falls on both histories alike.
    const warm5: number[] = [];
    const warm1: number[] = [];
    const perTeam: number[] = [];
    for (let i = 0; i < 7; i++) {
      warm5.push(await five.pass(perTeam));
      warm1.push(await one.pass());
    }
    row(
      "digest",
      `all ${five.teams} teams, first pass (as the monthly job runs): total`,
      ms(coldMs),
      "< 1 s",
      coldMs < 1000,
    );
    row(
      "digest",
      "per team, warm: p50 / p99",
      `${ms(percentile(perTeam, 50))} / ${ms(percentile(perTeam, 99))}`,
    );
    row("digest", "all teams, warm, median of 7 passes: 5 years of history", ms(median(warm5)));
    const ratio = median(warm5) / median(warm1);
    row(
      "digest",
      "the same over 1 year of history (passes alternated with the 5-year ones)",
      `${ms(median(warm1))} (5 years ÷ 1 year: ${ratio.toFixed(2)}×)`,
      "within 20%",
      Math.abs(ratio - 1) <= 0.2,
    );
    const chartMs: number[] = [];
    for (const b of five.built.slice(0, QUICK ? 5 : 20)) {
      const t = performance.now();
      await renderDriftChartPng(driftChartInputFromDigest(b.digest));
      chartMs.push(performance.now() - t);
    }
    row(
      "digest",
      `chart PNG per team (${chartMs.length} teams; rendered after posting, not in the total)`,
      `p50 ${ms(median(chartMs))}`,
    );
  } finally {
    five.close();
    one.close();
  }
}

/** Every team's digest for the benchmark month over one database, one pass at a time. */
function digestRunner(path: string) {
  const db = openDatabase(path);
  const ctx = createAppContext(db, { clock: () => BENCH_NOW, logger: silentLogger });
  const channels = createStores(db)
    .teams.list(BENCH_TEAM_ID)
    .map((t) => t.channelId);
  const built: Awaited<ReturnType<typeof buildTeamDigest>>[] = [];
  return {
    teams: channels.length,
    built,
    /** One pass over every team: its total time; each team's time into `perTeam` if given. */
    async pass(perTeam?: number[]): Promise<number> {
      const t = performance.now();
      for (const channelId of channels) {
        const t0 = performance.now();
        const b = await buildTeamDigest(ctx, {
          teamId: BENCH_TEAM_ID,
          channelId,
          month: DIGEST_MONTH,
          asOf: DIGEST_AS_OF,
        });
        digestMessage(b, { findings: digestFindings(b, mentionName), chart: "below" });
        perTeam?.push(performance.now() - t0);
        if (built.length < channels.length) built.push(b);
      }
      return performance.now() - t;
    },
    close: () => db.close(),
  };
}

// ── 4. Check-in fan-out ─────────────────────────────────────────────────────────────────────────

async function fanOutSection(ws: SyntheticWorkspace & { path: string }): Promise<void> {
  process.stdout.write("\n4. Weekly check-in fan-out\n");
  const slack = await new RateLimitedSlack(FANOUT_LIMIT).start();
  for (const userId of ws.people) slack.addUser({ id: userId });
  const db = join(work, "fanout.db");
  copyFileSync(ws.path, db);
  const rss = join(work, "fanout.rss");
  const t = performance.now();
  const out = await runProcess(
    process.execPath,
    [...nodeFlags("fanout"), CLI_ENTRY, "run", "weekly-checkin", "--at", BENCH_NOW.toISOString()],
    {
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_API_URL: slack.apiUrl,
      SLACK_POSTS_PER_MINUTE: String(postsPerMinute()),
      DATABASE_PATH: db,
      LOG_LEVEL: "warn",
      BENCH_PEAK_RSS_FILE: rss,
    },
  );
  const wallMs = performance.now() - t;
  await slack.stop();
  const post = slack.methods.get("chat.postMessage");
  const open = slack.methods.get("conversations.open");
  const perLead = new Map<string, number>();
  for (const d of slack.delivered) perLead.set(d.userId, (perLead.get(d.userId) ?? 0) + 1);
  const leads = ws.leads;
  const once = leads.filter((u) => perLead.get(u) === 1).length;
  const twice = [...perLead.values()].filter((n) => n > 1).length;
  const strangers = [...perLead.keys()].filter((u) => !leads.includes(u)).length;
  const stored = storedStates(db, BENCH_TEAM_ID, leads);
  const history = slack.methods.get("conversations.history");
  const firstCall = Math.min(post?.firstAt ?? Infinity, open?.firstAt ?? Infinity);
  const lastDm = slack.delivered.at(-1)?.at ?? Number.NaN;
  const fanOutMs = lastDm - firstCall;
  // One DM per lead, each to its own IM: the per-channel limit never binds, the workspace cap does.
  const binding = slack.rateOf("chat.postMessage") ?? { perSecond: Number.NaN, burst: 0 };
  const allowedMs = (Math.max(0, leads.length - binding.burst) / binding.perSecond) * 1000;
  const efficiency = allowedMs / fanOutMs;
  const calls = (name: string, r: typeof post) =>
    r && r.accepted + r.limited + r.failed > 0
      ? `${name}: ${r.accepted} accepted, ${r.limited} rate-limited (429), ${r.failed} failed (503)`
      : "";
  row(
    "fan-out",
    `stand-in: Slack's tiers × ${FANOUT_LIMIT.scale}; chat.postMessage ${binding.perSecond.toFixed(0)}/s per workspace (binding), ${FANOUT_LIMIT.failureRate * 100}% of calls 503`,
    [
      calls("chat.postMessage", post),
      calls("conversations.open", open),
      calls("conversations.history", history),
    ]
      .filter(Boolean)
      .join("; ") || "no calls",
  );
  row(
    "fan-out",
    `leads DM'd exactly once (stand-in's record), of ${leads.length}`,
    `${once}${twice ? `, ${twice} more than once` : ""}${strangers ? `, ${strangers} non-leads` : ""}; recorded sent: ${stored.sent}, failed: ${stored.failed}`,
    `${leads.length}, none twice`,
    once === leads.length && twice === 0 && strangers === 0,
  );
  row(
    "fan-out",
    "first Slack call to last DM, vs the limit's minimum",
    `${ms(fanOutMs)} vs ${ms(allowedMs)}: ${(efficiency * 100).toFixed(1)}% of the allowed throughput`,
    "≥ 90%",
    efficiency >= 0.9,
  );
  row(
    "fan-out",
    "whole job process (start-up, leads, fan-out, exit)",
    `${ms(wallMs)}, exit code ${out.code}`,
  );
  const peak = readPeak(rss);
  row("memory", "peak RSS of the fan-out process", peakText(peak), "< 150 MB", peak.maxRss < 150e6);
  if (out.code !== 0 && out.code !== 1) process.stdout.write(out.stderr);
}

// ── 5. Two workspaces at once ───────────────────────────────────────────────────────────────────

async function twoWorkspaceFanOutSection(): Promise<void> {
  process.stdout.write("\n5. Two-workspace fan-out\n");
  const db = join(work, "fanout2.db");
  const t0 = performance.now();
  const spaces = TWO_WORKSPACES.map((w, i) => ({
    ...w,
    ws: generateWorkspace(db, TWO_WORKSPACE_SCALE, 20261121 + i, {
      teamId: w.teamId,
      userPrefix: w.userPrefix,
    }),
  }));
  installWorkspaces(db, spaces);
  // The control: the first workspace alone, on a copy made before anything is sent.
  const aloneDb = join(work, "fanout2-alone.db");
  copyFileSync(db, aloneDb);
  uninstallWorkspace(aloneDb, TWO_WORKSPACES[1].teamId);
  row(
    "fan-out ×2",
    `2 installed workspaces × ${TWO_WORKSPACE_SCALE.hybrids} hybrid leads (${TWO_WORKSPACE_SCALE.years} year of history each)`,
    ms(performance.now() - t0),
  );

  const both = await runPerWorkspaceCheckin(db, spaces, "fanout2");
  row(
    "fan-out ×2",
    `stand-in: Slack's tiers × ${FANOUT_LIMIT.scale}, every limit per workspace; chat.postMessage ${both.binding.perSecond.toFixed(0)}/s each (binding), ${FANOUT_LIMIT.failureRate * 100}% of calls 503`,
    `the job's process: ${ms(both.wallMs)} (CPU ${ms(both.cpuMs)}; event loop delay ${both.loopDelay}), exit code ${both.code}`,
  );
  for (const r of both.spaces) {
    row(
      `fan-out ×2 · ${r.teamId}`,
      `leads DM'd exactly once with its own token (stand-in's record), of ${r.leads}`,
      `${r.once}${r.twice ? `, ${r.twice} more than once` : ""}${r.strangers ? `, ${r.strangers} not its leads` : ""}; recorded sent: ${r.stored.sent}, failed: ${r.stored.failed}; chat.postMessage: ${r.posts}`,
      `${r.leads}, none twice`,
      r.once === r.leads && r.twice === 0 && r.strangers === 0,
    );
    row(
      `fan-out ×2 · ${r.teamId}`,
      "first Slack call to last DM, vs its own limit's minimum, while the other runs",
      `${ms(r.last - r.first)} vs ${ms(r.allowedMs)}: ${(r.efficiency * 100).toFixed(1)}% of its allowed throughput`,
      "≥ 90%",
      r.efficiency >= 0.9,
    );
    row(
      `fan-out ×2 · ${r.teamId}`,
      "pauses over 100 ms between its accepted DMs (a 429's Retry-After wait shows as one)",
      pausesText(r.pauses),
    );
  }
  const [a, b] = both.spaces as [SpaceResult, SpaceResult];
  const together = Math.max(0, Math.min(a.last, b.last) - Math.max(a.first, b.first));
  row(
    "fan-out ×2",
    "time both workspaces' fan-outs ran side by side, as a share of the longer",
    `${ms(together)}: ${((together / Math.max(a.last - a.first, b.last - b.first)) * 100).toFixed(1)}%`,
  );
  const peak = readPeak(both.rss);
  row(
    "memory",
    "peak RSS of the two-workspace fan-out process",
    peakText(peak),
    "< 150 MB",
    peak.maxRss < 150e6,
  );

  const alone = await runPerWorkspaceCheckin(aloneDb, spaces.slice(0, 1), "fanout2-alone");
  const c = alone.spaces[0] as SpaceResult;
  row(
    `fan-out ×2 · ${c.teamId}`,
    "control: the same workspace alone, same process and stand-in",
    `${c.once} of ${c.leads} once; ${ms(c.last - c.first)} vs ${ms(c.allowedMs)}: ${(c.efficiency * 100).toFixed(1)}% of its allowed throughput; chat.postMessage: ${c.posts}; pauses over 100 ms: ${pausesText(c.pauses)}; event loop delay ${alone.loopDelay}`,
  );
}

type Pauses = { count: number; totalMs: number; longestMs: number };

function pausesText(p: Pauses): string {
  return p.count === 0 ? "none" : `${p.count}, ${ms(p.totalMs)} in all, longest ${ms(p.longestMs)}`;
}

/** Gaps over 100 ms between one workspace's accepted DMs, in the stand-in's clock. */
function pausesBetween(times: readonly number[]): Pauses {
  const gaps = times
    .slice(1)
    .map((t, i) => t - (times[i] as number))
    .filter((g) => g > 100);
  return {
    count: gaps.length,
    totalMs: gaps.reduce((sum, g) => sum + g, 0),
    longestMs: Math.max(0, ...gaps),
  };
}

type SpaceResult = {
  teamId: string;
  leads: number;
  once: number;
  twice: number;
  strangers: number;
  stored: { sent: number; failed: number };
  posts: string;
  first: number;
  last: number;
  allowedMs: number;
  efficiency: number;
  pauses: Pauses;
};

/** One run of bench/per-workspace-checkin.ts against a fresh rate-limited stand-in, read per workspace. */
async function runPerWorkspaceCheckin(
  db: string,
  spaces: readonly { teamId: string; token: string; ws: SyntheticWorkspace }[],
  name: string,
) {
  const slack = await new RateLimitedSlack(FANOUT_LIMIT).start();
  for (const s of spaces) for (const userId of s.ws.people) slack.addUser({ id: userId });
  const rss = join(work, `${name}.rss`);
  const t = performance.now();
  const out = await runProcess(
    process.execPath,
    [...nodeFlags(name), "dist/bench/per-workspace-checkin.js"],
    {
      DATABASE_PATH: db,
      SLACK_API_URL: slack.apiUrl,
      SLACK_POSTS_PER_MINUTE: String(postsPerMinute()),
      BENCH_AT: BENCH_NOW.toISOString(),
      BENCH_PEAK_RSS_FILE: rss,
    },
  );
  const wallMs = performance.now() - t;
  await slack.stop();
  if (out.code !== 0) process.stdout.write(out.stderr);
  const binding = slack.rateOf("chat.postMessage") ?? { perSecond: Number.NaN, burst: 0 };
  const results = spaces.map((s): SpaceResult => {
    const records = slack.byToken.get(s.token);
    const post = records?.get("chat.postMessage");
    const open = records?.get("conversations.open");
    const dms = slack.delivered.filter((d) => d.token === s.token);
    const perLead = new Map<string, number>();
    for (const d of dms) perLead.set(d.userId, (perLead.get(d.userId) ?? 0) + 1);
    const leads = s.ws.leads;
    const first = Math.min(post?.firstAt ?? Infinity, open?.firstAt ?? Infinity);
    const last = dms.at(-1)?.at ?? Number.NaN;
    // One DM per lead, each to its own IM: the per-channel limit never binds, the workspace cap does.
    const allowedMs = (Math.max(0, leads.length - binding.burst) / binding.perSecond) * 1000;
    return {
      teamId: s.teamId,
      leads: leads.length,
      once: leads.filter((u) => perLead.get(u) === 1).length,
      twice: [...perLead.values()].filter((n) => n > 1).length,
      strangers: [...perLead.keys()].filter((u) => !leads.includes(u)).length,
      stored: storedStates(db, s.teamId, leads),
      posts: `${post?.accepted ?? 0} accepted, ${post?.limited ?? 0} rate-limited (429), ${post?.failed ?? 0} failed (503)`,
      first,
      last,
      allowedMs,
      efficiency: allowedMs / (last - first),
      pauses: pausesBetween(dms.map((d) => d.at)),
    };
  });
  const cpuMs = Number(/cpu (\d+) ms/.exec(out.stdout)?.[1] ?? Number.NaN);
  const loopDelay = /event loop delay (.*)/.exec(out.stdout)?.[1] ?? "not reported";
  return { spaces: results, binding, wallMs, cpuMs, loopDelay, code: out.code, rss };
}

/** The stand-in's `chat.postMessage` rate per workspace, which the fan-out is told as Slack's. */
function postsPerMinute(): number {
  return (FANOUT_LIMIT.methods["chat.postMessage"]?.perMinute ?? Number.NaN) * FANOUT_LIMIT.scale;
}

function uninstallWorkspace(path: string, teamId: string): void {
  const db = openDatabase(path);
  try {
    createStores(db).installations.markUninstalled(teamId, BENCH_NOW);
  } finally {
    db.close();
  }
}

/** Both workspaces installed, as the OAuth flow would leave them (tokens that do not rotate). */
function installWorkspaces(path: string, spaces: readonly { teamId: string; token: string }[]): void {
  const db = openDatabase(path);
  try {
    const { installations } = createStores(db);
    for (const s of spaces) {
      installations.save(
        {
          teamId: s.teamId,
          enterpriseId: undefined,
          teamName: s.teamId,
          appId: "A0BENCH",
          botToken: s.token,
          botUserId: `UBOT${s.teamId}`,
          botId: `B${s.teamId}`,
          scopes: ["chat:write"],
          installerUserId: "U00000001",
          tokenExpiresAt: undefined,
          refreshToken: undefined,
        },
        BENCH_NOW,
      );
    }
  } finally {
    db.close();
  }
}

function storedStates(
  path: string,
  teamId: string,
  leads: readonly string[],
): { sent: number; failed: number } {
  const db = openDatabase(path);
  try {
    const stateOf = createStores(db).checkins.stateLookup(teamId, [CURRENT_WEEK]);
    const states = leads.map((userId) => stateOf(userId, CURRENT_WEEK)?.state);
    return {
      sent: states.filter((s) => s === "sent").length,
      failed: states.filter((s) => s === "failed").length,
    };
  } finally {
    db.close();
  }
}

// ── Processes ───────────────────────────────────────────────────────────────────────────────────

/**
 * The measured processes run as `npm start` runs the bot: its `node` flags, on the bundle that
 * `prestart` builds (scripts/build.ts), without tsx. The floor gets the same flags.
 */
function nodeFlags(name: string): string[] {
  const prof = CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${join(profDir, name)}`] : [];
  const extra = process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
  return [...START_FLAGS, ...prof, ...extra, "--import", "./bench/peak-rss.js"];
}

/** A server under load, and the port where it reports its CPU time (bench/cpu-usage.js). */
type Server = { name: string; port: number; cpuPort: number; stop(): Promise<void>; peakRss(): Peak };

async function startServer(
  name: string,
  script: string,
  extra: string[],
  env: Record<string, string>,
  portPattern: RegExp,
): Promise<Server> {
  const rss = join(work, `${name}.rss`);
  const flags = [...nodeFlags(name), "--import", "./bench/cpu-usage.js"];
  const child = spawn(process.execPath, [...flags, script, ...extra], {
    cwd: ROOT,
    env: { ...process.env, ...env, BENCH_PEAK_RSS_FILE: rss, BENCH_CPU_USAGE: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const [port, cpuPort] = await new Promise<[number, number]>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = portPattern.exec(output);
      const cpu = /cpu usage at port (\d+)/.exec(output);
      if (m && cpu) resolve([Number(m[1]), Number(cpu[1])]);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`${name} exited with ${code} before listening:\n${output}`)),
    );
  });
  return {
    name,
    port,
    cpuPort,
    peakRss: () => readPeak(rss),
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

type Peak = { maxRss: number; heapTotal: number; heapUsed: number; external: number };

function readPeak(file: string): Peak {
  const none = { maxRss: Number.NaN, heapTotal: Number.NaN, heapUsed: Number.NaN, external: Number.NaN };
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Peak) : none;
}

/** `123.4 MB (V8 heap at most 56.7 MB)` */
function peakText(p: Peak): string {
  return `${mb(p.maxRss)} (V8 heap at most ${mb(p.heapTotal)}, ${mb(p.heapUsed)} used)`;
}

function runProcess(
  cmd: string,
  argv: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr?.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

// ── Report ──────────────────────────────────────────────────────────────────────────────────────

function renderReport(totalMs: number): string {
  const cpu = cpus();
  const commit = git(["rev-parse", "--short", "HEAD"]);
  const dirty = git(["status", "--porcelain"]) ? " (uncommitted changes)" : "";
  const lines = [
    `## ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC · ${QUICK ? "quick" : "full"} run · ${commit}${dirty}`,
    "",
    `Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${mb(totalmem())} RAM (${mb(freemem())} free), ` +
      `Linux ${release()}, Node ${process.version}, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")} at the end. Run took ${ms(totalMs)}.`,
    "",
    "| item | measure | result | target | met |",
    "|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.item} | ${r.measure} | ${r.value.replace(/\|/g, "\\|")} | ${r.target} | ${r.met === null ? "" : r.met ? "yes" : "**no**"} |`,
    ),
  ];
  return lines.join("\n");
}

function git(argv: string[]): string {
  try {
    return execFileSync("git", argv, { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}
