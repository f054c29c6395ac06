import { describe, expect, it } from "vitest";
import { type PaceTimer, pacedPostFetch, postPacer } from "../../src/delivery/post-pace.ts";

/** A clock that moves only when the pacer sleeps (or the test says so), recording each sleep. */
function manualTimer(firstSleepLateBy = 0) {
  let now = 0;
  let late = firstSleepLateBy;
  const sleeps: number[] = [];
  const timer: PaceTimer = {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms + late;
      late = 0;
    },
  };
  return { timer, sleeps, advance: (ms: number) => (now += ms), now: () => now };
}

/** When each of `n` takes went, on the manual clock, in the order they resolved. */
async function takeTimes(pacer: { take(): Promise<void> }, n: number, now: () => number) {
  const times: number[] = [];
  await Promise.all(Array.from({ length: n }, () => pacer.take().then(() => times.push(now()))));
  return times;
}

describe("postPacer", () => {
  it("lets the first burst go at once, then one call per 60/perMinute seconds", async () => {
    const t = manualTimer();
    const pacer = postPacer({ perMinute: 120, burst: 3 }, t.timer);
    expect(await takeTimes(pacer, 6, t.now)).toEqual([0, 0, 0, 500, 1000, 1500]);
  });

  it("answers in the order asked", async () => {
    const t = manualTimer();
    const pacer = postPacer({ perMinute: 60, burst: 1 }, t.timer);
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((i) => pacer.take().then(() => order.push(i))));
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it("makes up for a wake-up that comes late, keeping to the rate", async () => {
    const t = manualTimer(400);
    const pacer = postPacer({ perMinute: 60, burst: 2 }, t.timer);
    expect(await takeTimes(pacer, 4, t.now)).toEqual([0, 0, 1400, 2000]);
  });

  it("banks at most the burst while idle", async () => {
    const t = manualTimer();
    const pacer = postPacer({ perMinute: 60, burst: 2 }, t.timer);
    await takeTimes(pacer, 2, t.now);
    // Ten idle seconds: only two calls' worth is saved, so the third call waits its full second.
    t.advance(10_000);
    expect(await takeTimes(pacer, 3, t.now)).toEqual([10_000, 10_000, 11_000]);
    expect(t.sleeps).toEqual([1000]);
  });

  it("does not sleep while the rate is not reached", async () => {
    const t = manualTimer();
    const pacer = postPacer({ perMinute: 60, burst: 1 }, t.timer);
    for (let i = 0; i < 3; i++) {
      await pacer.take();
      t.advance(1000);
    }
    expect(t.sleeps).toEqual([]);
  });
});

describe("pacedPostFetch", () => {
  const api = "http://127.0.0.1:9/api/";

  it("waits for the pacer before chat.postMessage only", async () => {
    const taken: string[] = [];
    const passed: string[] = [];
    const fetch = pacedPostFetch(
      async (url) => {
        passed.push(String(url));
        return new Response("{}");
      },
      api,
      { take: async () => void taken.push("take") },
    );
    await fetch(`${api}chat.postMessage`, { method: "POST" });
    await fetch(`${api}users.info`, { method: "POST" });
    await fetch(`${api}chat.postMessageX`, { method: "POST" });
    await fetch("https://hooks.slack.com/actions/x/chat.postMessage", { method: "POST" });
    expect(taken).toEqual(["take"]);
    expect(passed).toHaveLength(4);
  });
});
