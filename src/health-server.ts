import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { HealthRoute } from "./health.ts";

/**
 * In Socket Mode no HTTP server is running, so health and metrics get their own on HEALTH_PORT.
 * In HTTP mode they are Bolt custom routes on PORT instead, and this is not started.
 */
export async function startHealthServer(
  port: number,
  routes: HealthRoute[],
): Promise<{ port: number; stop(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    const route = routes.find((r) => r.path === path && r.method.includes(req.method ?? ""));
    if (route) return route.handler(req, res);
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    res.end("not found\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
