/**
 * The load generator, run as its own process so its CPU is not the app's: signed `/role` slash
 * commands over keep-alive HTTP at a fixed concurrency, every latency recorded, and each target's
 * own CPU time read just before and just after each of its measured rounds (bench/cpu-usage.js).
 *
 *   node --import tsx bench/load-generator.ts <job.json>
 *
 * The job names the targets (the floor and rolecall), the signing secret, the concurrency, how
 * many requests each target gets (after a warm-up) and the (text, channel, user) of each. The
 * targets take turns in rounds, their order swapped every round, so a change in the machine's
 * load during the run falls on both alike. The result is one JSON line on stdout.
 */
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { slackSignature, slashCommandBody } from "../tests/e2e/signed-request.ts";

export type LoadTarget = {
  name: string;
  url: string;
  /** A response body containing this counts as an error (e.g. the slow path's "Working on it"). */
  rejectIfContains: string[];
  /** Where the target reports its process's CPU time (bench/cpu-usage.js). */
  cpuUrl: string;
};

export type LoadJob = {
  targets: LoadTarget[];
  secret: string;
  concurrency: number;
  warmup: number;
  /** Per target, over all rounds. */
  requests: number;
  rounds: number;
  commands: { text: string; channel: string; user: string }[];
};

export type TargetResult = {
  requests: number;
  errors: number;
  firstError?: string;
  /** Summed over the rounds: the time this target was under load. */
  wallMs: number;
  /** Summed over the rounds: the target process's CPU time (user + system, every thread). */
  cpuMicros: number;
  latenciesMs: number[];
};

export type LoadResult = { concurrency: number; rounds: number; targets: Record<string, TargetResult> };

function loader(job: LoadJob, target: LoadTarget) {
  const url = new URL(target.url);
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const result: TargetResult = { requests: 0, errors: 0, wallMs: 0, cpuMicros: 0, latenciesMs: [] };
  const cpuAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  let counting = false;
  const fail = (why: string) => {
    if (!counting) return;
    result.errors++;
    result.firstError ??= why;
  };
  const send = (i: number): Promise<number> => {
    const cmd = job.commands[i % job.commands.length] as LoadJob["commands"][number];
    const body = slashCommandBody({
      text: cmd.text,
      userId: cmd.user,
      channelId: cmd.channel,
      teamId: "T0BENCH",
      responseUrl: `${url.origin}/unused/${i}`,
    });
    const ts = Math.floor(Date.now() / 1000);
    const headers = {
      "content-type": "application/x-www-form-urlencoded",
      "content-length": Buffer.byteLength(body),
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": slackSignature(job.secret, ts, body),
    };
    return new Promise((resolve) => {
      const started = performance.now();
      const req = request(url, { method: "POST", agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const elapsed = performance.now() - started;
          const text = Buffer.concat(chunks).toString("utf8");
          if (res.statusCode !== 200 || target.rejectIfContains.some((s) => text.includes(s))) {
            fail(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`);
          }
          resolve(elapsed);
        });
      });
      req.on("error", (err) => {
        fail(err.message);
        resolve(performance.now() - started);
      });
      req.end(body);
    });
  };
  /** `count` requests from command number `offset` on, `concurrency` at a time. */
  const phase = async (count: number, offset: number): Promise<number[]> => {
    const out: number[] = new Array(count);
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const i = next++;
        out[i] = await send(offset + i);
      }
    };
    await Promise.all(Array.from({ length: job.concurrency }, worker));
    return out;
  };
  return {
    result,
    warmUp: () => phase(job.warmup, 0),
    async measure(count: number, offset: number) {
      counting = true;
      const cpuBefore = await cpuMicros(target.cpuUrl, cpuAgent);
      const started = performance.now();
      const latencies = await phase(count, offset);
      result.wallMs += performance.now() - started;
      result.cpuMicros += (await cpuMicros(target.cpuUrl, cpuAgent)) - cpuBefore;
      result.requests += count;
      result.latenciesMs.push(...latencies);
    },
    close: () => {
      agent.destroy();
      cpuAgent.destroy();
    },
  };
}

/** The target process's CPU time so far, user + system, in microseconds. */
function cpuMicros(url: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const { user, system } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
          user: number;
          system: number;
        };
        resolve(user + system);
      });
    });
    req.on("error", reject);
    req.end();
  });
}

async function run(job: LoadJob): Promise<LoadResult> {
  const loaders = job.targets.map((t) => ({ name: t.name, ...loader(job, t) }));
  for (const l of loaders) await l.warmUp();
  const perRound = Math.ceil(job.requests / job.rounds);
  for (let round = 0; round < job.rounds; round++) {
    const order = round % 2 === 0 ? loaders : [...loaders].reverse();
    for (const l of order) await l.measure(perRound, job.warmup + round * perRound);
  }
  for (const l of loaders) l.close();
  return {
    concurrency: job.concurrency,
    rounds: job.rounds,
    targets: Object.fromEntries(loaders.map((l) => [l.name, l.result])),
  };
}

const jobFile = process.argv[2];
if (!jobFile) {
  process.stderr.write("usage: load-generator.ts <job.json>\n");
  process.exit(2);
}
const result = await run(JSON.parse(readFileSync(jobFile, "utf8")) as LoadJob);
process.stdout.write(`${JSON.stringify(result)}\n`);
