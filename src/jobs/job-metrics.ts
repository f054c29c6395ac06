import type { SendOutcome } from "../delivery/checkin-dm.ts";
import type { PostOutcome } from "../delivery/digest-post.ts";
import type { Metrics } from "../metrics.ts";

/**
 * Counts one tick's check-in outcomes. `reconciled` (a stale claim's DM or reminder found already in
 * Slack and recorded, not sent again) counts as reconciled, not sent; `not-claimed` and `stopped` sent nothing
 * and are not counted.
 */
export function recordCheckins(metrics: Metrics, outcomes: readonly SendOutcome[]): void {
  for (const o of outcomes) {
    if (o.result === "sent" || o.result === "reminded") metrics.checkinsSent.inc({ kind: o.kind });
    else if (o.result === "reconciled" && o.kind === "remind") metrics.remindersReconciled.inc();
    else if (o.result === "reconciled") metrics.checkinsReconciled.inc();
    else if (o.result === "failed") metrics.checkinsFailed.inc({ kind: o.kind });
  }
}

export function recordDigests(metrics: Metrics, outcomes: readonly PostOutcome[]): void {
  for (const o of outcomes) {
    if (o.outcome === "posted") metrics.digestsPosted.inc();
    else if (o.outcome === "reconciled") metrics.digestsReconciled.inc();
    else if (o.outcome === "failed") metrics.digestsFailed.inc();
    if (o.unverified) metrics.digestsUnverified.inc();
  }
}
