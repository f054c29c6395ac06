/**
 * Preloaded into a server the who-decides benchmark loads (`node --import ./bench/cpu-usage.js …`):
 * with $BENCH_CPU_USAGE set, it answers GET requests on a port of its own with the process's CPU
 * time so far (`process.cpuUsage()`: user and system, every thread, in microseconds) and prints
 * `cpu usage at port N`. The load generator reads it just before and just after each measured round,
 * so the CPU a request costs is counted by the process that spends it, whatever its latency.
 * Plain JavaScript, so that measuring a process does not load tsx into it. The floors get it too.
 */
import { createServer } from "node:http";

if (process.env.BENCH_CPU_USAGE) {
  const server = createServer((_req, res) => {
    const { user, system } = process.cpuUsage();
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ user, system }));
  });
  server.listen(0, "127.0.0.1", () => {
    process.stdout.write(`cpu usage at port ${server.address().port}\n`);
  });
  // It must not keep the process alive once the app has stopped.
  server.unref();
}
