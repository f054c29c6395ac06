import { describe, expect, it } from "vitest";
import type { SendOutcome } from "../../src/delivery/checkin-dm.ts";
import type { PostOutcome } from "../../src/delivery/digest-post.ts";
import { recordCheckins, recordDigests } from "../../src/jobs/job-metrics.ts";
import { createMetrics } from "../../src/metrics.ts";

const value = async (
  metrics: ReturnType<typeof createMetrics>,
  name: string,
  labels: Record<string, string> = {},
) =>
  (await metrics.registry.getSingleMetric(name)?.get())?.values.find((v) =>
    Object.entries(labels).every(([k, l]) => v.labels[k] === l),
  )?.value;

describe("job metrics", () => {
  it("counts delivered, reconciled and failed check-ins by kind, and posted, reconciled, failed and unverified digests", async () => {
    const metrics = createMetrics();
    const week = "2026-W48" as SendOutcome["week"];
    recordCheckins(metrics, [
      { kind: "send", userId: "U1", week, result: "sent" },
      { kind: "send", userId: "U2", week, result: "failed", error: "http_500" },
      { kind: "remind", userId: "U3", week, result: "reminded" },
      { kind: "send", userId: "U4", week, result: "not-claimed" },
      { kind: "send", userId: "U5", week, result: "reconciled", channel: "D5", ts: "1.000001" },
      { kind: "send", userId: "U6", week, result: "stopped" },
      { kind: "remind", userId: "U7", week, result: "reconciled", channel: "D7", ts: "1.000002" },
    ]);
    recordDigests(metrics, [
      { outcome: "posted" },
      { outcome: "failed" },
      { outcome: "already-claimed" },
      { outcome: "reconciled" },
      { outcome: "failed", unverified: true },
    ] as PostOutcome[]);
    expect(await value(metrics, "rolecall_checkins_sent_total", { kind: "send" })).toBe(1);
    expect(await value(metrics, "rolecall_checkins_sent_total", { kind: "remind" })).toBe(1);
    expect(await value(metrics, "rolecall_checkins_failed_total", { kind: "send" })).toBe(1);
    expect(await value(metrics, "rolecall_checkins_reconciled_total")).toBe(1);
    expect(await value(metrics, "rolecall_digests_posted_total")).toBe(1);
    expect(await value(metrics, "rolecall_reminders_reconciled_total")).toBe(1);
    expect(await value(metrics, "rolecall_digests_failed_total")).toBe(2);
    expect(await value(metrics, "rolecall_digests_reconciled_total")).toBe(1);
    expect(await value(metrics, "rolecall_digests_unverified_total")).toBe(1);
  });
});
