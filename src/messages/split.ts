import {
  type AllocationStatus,
  apportion,
  SPLIT_KEYS,
  type Split,
  type SplitKey,
  splitKeyShort,
  staleReason,
  type WeekOutcome,
} from "../domain/allocation.ts";

/** One colour per bucket; ten squares make a bar, each worth 10%. */
const SQUARE: Record<SplitKey, string> = {
  "tech-lead": "🟦",
  "engineering-manager": "🟩",
  architect: "🟪",
  "product-manager": "🟧",
  other: "⬜",
};

export const BAR_LEGEND = `${SPLIT_KEYS.map((k) => `${SQUARE[k]} ${splitKeyShort(k)}`).join("  ")}  · each square is 10%`;

/** "TL 60 · EM 40" in role order. */
export function splitText(split: Split): string {
  return SPLIT_KEYS.filter((k) => split[k] !== undefined)
    .map((k) => `${splitKeyShort(k)} ${split[k]}`)
    .join(" · ");
}

/** Ten coloured squares apportioned from the split. */
export function splitBar(split: Split): string {
  return apportion(split, 10)
    .map((p) => (SQUARE[p.key] ?? "").repeat(p.cells))
    .join("");
}

/** One week of a lead's record: its bar, or what happened instead. */
export function weekLine(week: string, answer: WeekOutcome): string {
  const label = `\`${week.slice(5)}\``;
  if (answer.kind === "away") return `${label} _away_`;
  if (answer.kind === "unanswered") return `${label} _not answered_`;
  if (answer.kind === "undelivered") return `${label} _check-in could not be delivered_`;
  if (!answer.split) return `${label} _as planned_`;
  const note = answer.kind === "as-planned" ? " _(as planned)_" : "";
  return `${label} ${splitBar(answer.split)} ${splitText(answer.split)}${note}`;
}

/** One line on where a person's split stands, with a warning when it needs attention. */
export function statusText(status: AllocationStatus): string {
  switch (status.kind) {
    case "not-hybrid":
      return "_no split: one hat_";
    case "missing":
      return ":warning: no stated split";
    case "ok":
      return splitText(status.split);
    case "stale":
      return `${splitText(status.split)} · :warning: ${staleReason(status)}`;
  }
}
