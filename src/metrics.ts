import { Counter, Histogram, Registry } from "prom-client";

/** How a /role request ended, as counted in `rolecall_role_requests_total`. */
export type RoleOutcome = "ok" | "refused" | "error" | "slack_unreachable";

/**
 * rolecall's Prometheus metrics. Each running app owns its registry (never prom-client's global
 * one), so several apps in one process (the e2e tests, the bench) do not count into each other.
 */
export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    roleRequests: new Counter({
      name: "rolecall_role_requests_total",
      help: "/role requests by subcommand and outcome (ok, refused: a usage error or a refusal, error, slack_unreachable)",
      labelNames: ["subcommand", "outcome"] as const,
      registers,
    }),
    roleAckSeconds: new Histogram({
      name: "rolecall_role_ack_seconds",
      help: "Time from receiving a /role request to acknowledging it; Slack gives up after 3 s",
      labelNames: ["subcommand"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 3],
      registers,
    }),
    checkinsSent: new Counter({
      name: "rolecall_checkins_sent_total",
      help: "Weekly check-in DMs and reminders delivered",
      labelNames: ["kind"] as const,
      registers,
    }),
    checkinsFailed: new Counter({
      name: "rolecall_checkins_failed_total",
      help: "Weekly check-in DMs and reminders that could not be delivered (a later tick retries)",
      labelNames: ["kind"] as const,
      registers,
    }),
    checkinsReconciled: new Counter({
      name: "rolecall_checkins_reconciled_total",
      help: "Check-ins whose delivery was in doubt and was settled against Slack instead of being sent again",
      registers,
    }),
    remindersReconciled: new Counter({
      name: "rolecall_reminders_reconciled_total",
      help: "Check-in reminders whose delivery was in doubt and was settled against Slack instead of being sent again",
      registers,
    }),
    digestsPosted: new Counter({
      name: "rolecall_digests_posted_total",
      help: "Monthly drift digests posted to a team channel",
      registers,
    }),
    digestsFailed: new Counter({
      name: "rolecall_digests_failed_total",
      help: "Monthly drift digests that could not be posted (a later tick retries)",
      registers,
    }),
    digestsReconciled: new Counter({
      name: "rolecall_digests_reconciled_total",
      help: "Monthly digests whose post was in doubt (a crash) and was found already in the channel, so not posted again",
      registers,
    }),
    digestsUnverified: new Counter({
      name: "rolecall_digests_unverified_total",
      help: "Monthly digests left unposted because the channel's history could not be read to check for an earlier post (missing_scope or not_in_channel)",
      registers,
    }),
    tokenRefreshes: new Counter({
      name: "rolecall_token_refreshes_total",
      help: "Rotated bot tokens refreshed (outcome refreshed) or that could not be (failed: the workspace's jobs are skipped that tick), distribution mode with token rotation",
      labelNames: ["outcome"] as const,
      registers,
    }),
    slackApiErrors: new Counter({
      name: "rolecall_slack_api_errors_total",
      help: "Slack Web API calls that failed, by method and error (Slack's error code, http_<status> or request_error)",
      labelNames: ["method", "error"] as const,
      registers,
    }),
    slackRateLimited: new Counter({
      name: "rolecall_slack_rate_limited_total",
      help: "Slack Web API answers of 429 Too Many Requests, by method",
      labelNames: ["method"] as const,
      registers,
    }),
  };
}
