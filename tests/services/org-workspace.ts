/**
 * A workspace of 12 teams for the org report, built through the roles file, with check-in answers
 * seeded as the check-in flow stores them. November 2026 is the month reported; October is the one
 * before.
 *
 * - alpha (11 engineers): public TL+EM A1                         → split team, names A1
 * - bravo (12): private TL+EM P1 alone (a group of 1)             → not listed; no figure anywhere
 * - charlie (10): public C1, private P2 and P3 (a group of 2)     → split team, names C1 only
 * - delta (9): private P4, P5, P6 (a group of 3)                  → split team, "3 private leads"
 * - echo: E1 drifts +30 pp from September on                      → persistent drift (3 months)
 * - foxtrot: F1 at 95% technical in October and November          → mentoring risk
 * - golf: G1, EM deciding system boundaries, 5% technical Jun–Nov → context decay and persistent drift
 * - hotel: H1 answers 2 of November's 4 weeks                     → response rate 50%
 * - india … lima: one public hybrid each, as planned
 * P1 and P2 drift persistently (2 private leads: left out); P4–P6 are at 95% technical in October and
 * November (3 private leads: counted under mentoring risk).
 */
import type { AppContext } from "../../src/context.ts";
import { weeksOfMonth } from "../../src/domain/time.ts";
import { importRoles } from "../../src/services/roles-file.ts";
import { CheckinSeedStore, type SeededAnswer } from "../../src/store/checkin-seed.ts";

export const T = "T0ORG";
export const MONTHS = ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"] as const;
export const PRIVATE_LEADS = ["U0P1", "U0P2", "U0P3", "U0P4", "U0P5", "U0P6"] as const;

type TeamSpec = { channel: string; name: string; headcount?: number; leads: string[]; deciders?: string };

const TEAMS: TeamSpec[] = [
  { channel: "C0ALPHA", name: "alpha", headcount: 11, leads: ["U0A1"] },
  { channel: "C0BRAVO", name: "bravo", headcount: 12, leads: ["U0P1"] },
  { channel: "C0CHARLIE", name: "charlie", headcount: 10, leads: ["U0C1", "U0P2", "U0P3"] },
  { channel: "C0DELTA", name: "delta", headcount: 9, leads: ["U0P4", "U0P5", "U0P6"] },
  { channel: "C0ECHO", name: "echo", headcount: 6, leads: ["U0E1"] },
  { channel: "C0FOXTROT", name: "foxtrot", headcount: 5, leads: ["U0F1"] },
  {
    channel: "C0GOLF",
    name: "golf",
    headcount: 7,
    leads: ["U0G1"],
    deciders: "      - { area: system-boundaries, role: engineering-manager }\n",
  },
  { channel: "C0HOTEL", name: "hotel", headcount: 4, leads: ["U0H1"] },
  { channel: "C0INDIA", name: "india", headcount: 8, leads: ["U0I1"] },
  { channel: "C0JULIET", name: "juliet", leads: ["U0J1"] },
  { channel: "C0KILO", name: "kilo", headcount: 3, leads: ["U0K1"] },
  { channel: "C0LIMA", name: "lima", headcount: 6, leads: ["U0L1"] },
];

export function rolesFile(): string {
  const teams = TEAMS.map((t) => {
    const hats = t.leads
      .flatMap((p) => [
        `      - { person: ${p}, role: tech-lead, from: 2026-05-04 }`,
        `      - { person: ${p}, role: engineering-manager, from: 2026-05-04 }`,
      ])
      .join("\n");
    return (
      `  - channel: ${t.channel}\n    name: ${t.name}\n` +
      (t.headcount ? `    headcount: ${t.headcount}\n` : "") +
      `    hats:\n${hats}\n` +
      (t.deciders ? `    deciders:\n${t.deciders}` : "")
    );
  }).join("");
  const people = TEAMS.flatMap((t) => t.leads)
    .map(
      (p) =>
        `  - id: ${p}\n    allocations:\n      - from: 2026-05-04\n        split: { tech-lead: 50, engineering-manager: 50 }\n`,
    )
    .join("");
  return `version: 1\nworkspace: ${T}\nsettings:\n  timezone: Europe/Berlin\nteams:\n${teams}people:\n${people}`;
}

const split = (tl: number): SeededAnswer => ({
  kind: "split",
  split: { "tech-lead": tl, "engineering-manager": 100 - tl },
});
const AS_PLANNED: SeededAnswer = { kind: "as-planned" };

/** What each lead answered in a month's week (`index` counts the month's weeks from 0); null: no answer. */
export type AnswerPlan = (lead: string, month: string, index: number) => SeededAnswer | null;

export const PLAN: AnswerPlan = (lead, month, index) => {
  const autumn = month >= "2026-09";
  const lateAutumn = month >= "2026-10";
  switch (lead) {
    case "U0E1":
    case "U0P1":
      return autumn ? split(80) : AS_PLANNED;
    case "U0P2":
      if (month === "2026-11" && index === 0) return null;
      return autumn ? split(80) : AS_PLANNED;
    case "U0F1":
    case "U0P4":
    case "U0P5":
    case "U0P6":
      return lateAutumn ? split(95) : AS_PLANNED;
    case "U0G1":
      return split(5);
    case "U0H1":
      return month === "2026-11" && index >= 2 ? null : AS_PLANNED;
    default:
      return AS_PLANNED;
  }
};

/** Loads the roles file, marks P1–P6 private and seeds every lead's answers by `plan`. */
export function buildOrgWorkspace(ctx: AppContext, plan: AnswerPlan = PLAN): void {
  const outcome = importRoles(ctx, rolesFile(), { fallbackTeam: T });
  if (!outcome.ok) throw new Error(outcome.errors.join("\n"));
  for (const p of PRIVATE_LEADS) ctx.stores.people.setDigestPrivate(T, p, true);
  seedAnswers(ctx, plan);
}

export function seedAnswers(ctx: AppContext, plan: AnswerPlan, leads?: readonly string[]): void {
  const seed = new CheckinSeedStore(ctx.stores.db);
  const everyone = leads ?? TEAMS.flatMap((t) => t.leads);
  for (const lead of everyone) {
    for (const month of MONTHS) {
      weeksOfMonth(month).forEach((week, index) => {
        const answer = plan(lead, month, index);
        if (answer) seed.answer(T, lead, week, answer, new Date("2026-12-01T08:00:00Z"));
      });
    }
  }
}
