import type { IncomingMessage, ServerResponse } from "node:http";
import type { TokenState } from "./delivery/token-verification.ts";
import type { Metrics } from "./metrics.ts";

/** The scheduler ticks every minute; two missed ticks in a row mean it is stuck. */
export const SCHEDULER_STALE_MS = 2 * 60_000;

/** The bot token's check, or "per-install" in distribution mode, where each install brings its own. */
export type TokenCheck = TokenState | "per-install";

export type ReadinessInput = {
  /** The database is open and at the latest migration. */
  database: boolean;
  token: TokenCheck;
  /** When the scheduler last ticked (or started), or "disabled" when this process runs none. */
  scheduler: Date | "disabled";
  now: Date;
};

export type Readiness = {
  ready: boolean;
  checks: { database: "ok" | "unavailable"; token: TokenCheck; scheduler: "ok" | "stale" | "disabled" };
};

export function readiness(input: ReadinessInput): Readiness {
  const scheduler =
    input.scheduler === "disabled"
      ? "disabled"
      : input.now.getTime() - input.scheduler.getTime() <= SCHEDULER_STALE_MS
        ? "ok"
        : "stale";
  const checks = { database: input.database ? "ok" : "unavailable", token: input.token, scheduler } as const;
  return {
    ready:
      checks.database === "ok" &&
      (checks.token === "verified" || checks.token === "per-install") &&
      checks.scheduler !== "stale",
    checks,
  };
}

/** One GET endpoint, in the shape Bolt's `customRoutes` takes (and health-server.ts serves). */
export type HealthRoute = {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
};

/** GET /healthz (the process answers), /readyz (it can do its work) and /metrics (Prometheus). */
export function healthRoutes(probe: () => ReadinessInput, metrics: Metrics): HealthRoute[] {
  return [
    {
      path: "/healthz",
      method: ["GET"],
      handler: (_req, res) => send(res, 200, "text/plain; charset=utf-8", "ok\n"),
    },
    {
      path: "/readyz",
      method: ["GET"],
      handler: (_req, res) => {
        const state = safeReadiness(probe);
        send(res, state.ready ? 200 : 503, "application/json", `${JSON.stringify(state)}\n`);
      },
    },
    {
      path: "/metrics",
      method: ["GET"],
      handler: (_req, res) => {
        metrics.registry.metrics().then(
          (text) => send(res, 200, metrics.registry.contentType, text),
          () => send(res, 500, "text/plain; charset=utf-8", "metrics unavailable\n"),
        );
      },
    },
  ];
}

function safeReadiness(probe: () => ReadinessInput): Readiness {
  try {
    return readiness(probe());
  } catch {
    // A probe that throws (a closed database) is an answer too: not ready.
    return { ready: false, checks: { database: "unavailable", token: "pending", scheduler: "disabled" } };
  }
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}
