/**
 * The load generator, run as its own process so its CPU is not the app's: signed `/role` slash
 * commands over keep-alive HTTP at a fixed concurrency, every latency recorded.
 *
 *   node --import tsx bench/load-generator.ts <job.json>
 *
 * The job names the URL, the signing secret, the concurrency, how many requests (after a warm-up)
 * and the (text, channel, user) of each; the result is one JSON line on stdout.
 */
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { slackSignature, slashCommandBody } from "../tests/e2e/signed-request.ts";

export type LoadJob = {
  url: string;
  secret: string;
  concurrency: number;
  warmup: number;
  requests: number;
  commands: { text: string; channel: string; user: string }[];
  /** A response body containing this counts as an error (e.g. the slow path's "Working on it"). */
  rejectIfContains: string[];
};

export type LoadResult = {
  concurrency: number;
  requests: number;
  errors: number;
  firstError?: string;
  wallMs: number;
  latenciesMs: number[];
};

async function run(job: LoadJob): Promise<LoadResult> {
  const url = new URL(job.url);
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  let errors = 0;
  let firstError: string | undefined;
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
          const bad = res.statusCode !== 200 || job.rejectIfContains.some((s) => text.includes(s));
          if (bad) {
            errors++;
            firstError ??= `HTTP ${res.statusCode}: ${text.slice(0, 200)}`;
          }
          resolve(elapsed);
        });
      });
      req.on("error", (err) => {
        errors++;
        firstError ??= err.message;
        resolve(performance.now() - started);
      });
      req.end(body);
    });
  };
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
  await phase(job.warmup, 0);
  errors = 0;
  firstError = undefined;
  const started = performance.now();
  const latenciesMs = await phase(job.requests, job.warmup);
  const wallMs = performance.now() - started;
  agent.destroy();
  return {
    concurrency: job.concurrency,
    requests: job.requests,
    errors,
    ...(firstError ? { firstError } : {}),
    wallMs,
    latenciesMs,
  };
}

const jobFile = process.argv[2];
if (!jobFile) {
  process.stderr.write("usage: load-generator.ts <job.json>\n");
  process.exit(2);
}
const result = await run(JSON.parse(readFileSync(jobFile, "utf8")) as LoadJob);
process.stdout.write(`${JSON.stringify(result)}\n`);
