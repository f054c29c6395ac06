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

export type Scheduler = {
  /** Stops ticking, asks the jobs running to stop claiming, and waits for them to record what is in flight. */
  stop(): Promise<void>;
  tick(): Promise<void>;
  /** When the last tick began (the start time before the first): readiness reads it to spot a stuck scheduler. */
  lastTickAt(): Date;
};

export const TICK_EVERY_MINUTE = "* * * * *";

export function startScheduler(ctx: AppContext, jobs: Job[], expression = TICK_EVERY_MINUTE): Scheduler {
  const running = new Set<Promise<unknown>>();
  const stopping = new AbortController();
  let lastTick = ctx.clock();
  const tick = async (): Promise<void> => {
    const now = ctx.clock();
    lastTick = now;
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
    lastTickAt: () => lastTick,
    async stop() {
      stopping.abort();
      for (const t of tasks) await t.destroy();
      // Let a tick in progress finish its writes before the database closes.
      await Promise.allSettled([...running]);
    },
  };
}
