import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { healthRoutes, type ReadinessInput } from "../src/health.ts";
import { startHealthServer } from "../src/health-server.ts";
import { createMetrics } from "../src/metrics.ts";

// Socket Mode's HEALTH_PORT server: the same routes as HTTP mode's custom routes, on their own port.
describe("the health server (Socket Mode)", () => {
  let state: ReadinessInput = { database: true, token: "pending", scheduler: "disabled", now: new Date() };
  let server: Awaited<ReturnType<typeof startHealthServer>>;
  const metrics = createMetrics();
  const get = (path: string, method = "GET") => fetch(`http://127.0.0.1:${server.port}${path}`, { method });
  beforeAll(async () => {
    server = await startHealthServer(
      0,
      healthRoutes(() => state, metrics),
    );
  });
  afterAll(async () => server.stop());

  it("serves /healthz, /readyz as the state changes, and /metrics", async () => {
    expect(await (await get("/healthz")).text()).toBe("ok\n");
    expect((await get("/readyz")).status).toBe(503);
    state = { ...state, token: "verified" };
    const ready = await get("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ready: true,
      checks: { database: "ok", token: "verified", scheduler: "disabled" },
    });
    metrics.digestsPosted.inc();
    expect(await (await get("/metrics")).text()).toContain("rolecall_digests_posted_total 1");
  });

  it("answers 404 to anything else", async () => {
    expect((await get("/slack/events", "POST")).status).toBe(404);
    expect((await get("/nope")).status).toBe(404);
  });
});
