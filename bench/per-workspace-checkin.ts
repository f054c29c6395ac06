/**
 * The two-workspace fan-out's process: what the scheduler's tick does in distribution mode, once,
 * at BENCH_AT, with only the check-in job: every installed workspace (from the `installations`
 * table) at once, each on its own bot token and its own fan-out client (src/jobs/per-install.ts).
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { webApi } from "@slack/bolt";
import { createAppContext } from "../src/compose.ts";
import { summaryLine, type WeeklyCheckinSummary } from "../src/delivery/checkin-round.ts";
import { SLACK_POST_PACE } from "../src/delivery/post-pace.ts";
import { perInstallJobs, type WorkspaceRun } from "../src/jobs/per-install.ts";
import { weeklyCheckinJob } from "../src/jobs/weekly-checkin.ts";
import { createLogger } from "../src/log.ts";
import { openDatabase } from "../src/store/db.ts";
import { migrate } from "../src/store/migrate.ts";

const at = new Date(process.env.BENCH_AT ?? "");
const slackApiUrl = process.env.SLACK_API_URL ?? "";
const db = openDatabase(process.env.DATABASE_PATH ?? "");
migrate(db);
// The stand-in's limits are Slack's × a scale; the fan-out paces itself to the same scaled rate.
const perMinute = Number(process.env.SLACK_POSTS_PER_MINUTE);
const ctx = createAppContext(db, {
  logger: createLogger("warn"),
  ...(perMinute > 0 ? { postPace: { ...SLACK_POST_PACE, perMinute } } : {}),
});
const [job] = perInstallJobs(
  ctx,
  (token) => new webApi.WebClient(token, { slackApiUrl }),
  undefined,
  (client, c, opts) => [weeklyCheckinJob(client, c, opts)],
);
// Both workspaces share this event loop: how long it was held up is part of what each one waited.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const runs = ((await job?.run(at)) ?? []) as WorkspaceRun[];
for (const run of runs) {
  const summary = "results" in run ? (run.results[0] as WeeklyCheckinSummary | undefined) : undefined;
  process.stdout.write(`${run.teamId}: ${summary ? summaryLine(summary) : JSON.stringify(run)}\n`);
}
loopDelay.disable();
process.stdout.write(
  `event loop delay p99 ${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms max ${(loopDelay.max / 1e6).toFixed(0)} ms\n`,
);
db.close();
const cpu = process.cpuUsage();
process.stdout.write(`cpu ${Math.round((cpu.user + cpu.system) / 1000)} ms\n`);
