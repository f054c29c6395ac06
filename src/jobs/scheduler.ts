import { type ScheduledTask, schedule } from "node-cron";
import type { AppContext } from "../context.ts";

/**
 * A job is "do whatever is due at time T". node-cron only ticks; what is due is decided from the
 * database and T, so a restart, downtime or a double tick neither skips nor repeats work.
 */
export type Job = {
  name: string;
  /** Once `signal` aborts, finish and record the call in flight and start nothing new. */
  run(now: Date, signal?: AbortSignal): Promise<unknown>;
};

export type Scheduler = { stop(): Promise<void>; tick(): Promise<void> };

export const TICK_EVERY_MINUTE = "* * * * *";

export function startScheduler(ctx: AppContext, jobs: Job[], expression = TICK_EVERY_MINUTE): Scheduler {
  const running = new Set<Promise<unknown>>();
  const stopping = new AbortController();
  const tick = async (): Promise<void> => {
    const now = ctx.clock();
    for (const job of jobs) {
      if (stopping.signal.aborted) return;
      const p = job.run(now, stopping.signal).catch((err) => ctx.logger.error(`Job ${job.name} failed`, err));
      running.add(p);
      try {
        await p;
      } finally {
        running.delete(p);
      }
    }
  };
  const tasks: ScheduledTask[] = jobs.length
    ? [schedule(expression, () => tick(), { name: "rolecall-tick", noOverlap: true })]
    : [];
  return {
    tick,
    async stop() {
      stopping.abort();
      for (const t of tasks) await t.destroy();
      // Let a tick in progress finish its writes before the database closes.
      await Promise.allSettled([...running]);
    },
  };
}
