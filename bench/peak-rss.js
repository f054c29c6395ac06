/**
 * Preloaded into a process the benchmark measures (`node --import ./bench/peak-rss.js …`): on exit it
 * writes, to $BENCH_PEAK_RSS_FILE, the process's peak resident set size in bytes and the largest
 * V8 heap and external memory seen (sampled every 100 ms), to tell heap growth from code and native.
 * Plain JavaScript, so that measuring a process does not load tsx into it.
 */
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_PEAK_RSS_FILE;
if (file) {
  const peak = { heapTotal: 0, heapUsed: 0, external: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.heapTotal = Math.max(peak.heapTotal, m.heapTotal);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    peak.external = Math.max(peak.external, m.external);
  };
  setInterval(sample, 100).unref();
  process.on("exit", () => {
    sample();
    // resourceUsage().maxRSS is in kilobytes (getrusage's ru_maxrss on Linux).
    writeFileSync(file, JSON.stringify({ maxRss: process.resourceUsage().maxRSS * 1024, ...peak }));
  });
}
