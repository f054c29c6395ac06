/**
 * `npm run demo`: rolecall without Slack and without configuration. It builds a demo workspace in a
 * temporary SQLite database through the same services and stores the bot uses (hats, allocations
 * with a mid-period change, a decider override, six months of weekly check-ins with away weeks and
 * missed weeks), then prints who-decides answers, the digest each team channel would get on the first
 * working day of December 2026, and the private lead's DM, and writes the charts as PNG files.
 *
 * Deterministic: a fixed clock and a seeded random generator, so every run prints the same (apart from
 * the temporary directory's name).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAppContext } from "./compose.ts";
import type { AppContext } from "./context.ts";
import type { Split } from "./domain/allocation.ts";
import { weekdayDayLabel } from "./domain/date-text.ts";
import { DEFAULT_DIGEST_TIME, digestDueAt } from "./domain/digest-schedule.ts";
import { formatSplit, monthLabel, renderLeadDigestText } from "./domain/digest-text.ts";
import { type RoleId, roleLabel } from "./domain/roles.ts";
import { seededRandom } from "./domain/seeded-random.ts";
import {
  dateInIsoWeek,
  isoWeekThursday,
  monthsBack,
  weeksOfMonth,
  zonedTimeToInstant,
} from "./domain/time.ts";
import { silentLogger } from "./log.ts";
import {
  driftChartInputFromDigest,
  missingFontWarning,
  renderDriftChartPng,
} from "./messages/chart/drift-chart.ts";
import { setAllocation } from "./services/allocations.ts";
import { setDecider } from "./services/decide.ts";
import { buildTeamDigest, digestFindings, digestText, plainName } from "./services/digest.ts";
import { changeHat } from "./services/hats.ts";
import { whoDecides } from "./services/who-decides.ts";
import { CheckinSeedStore, type SeededAnswer } from "./store/checkin-seed.ts";
import { openDatabase } from "./store/db.ts";
import { migrate } from "./store/migrate.ts";

export const DEMO_TEAM_ID = "T0DEMO";
export const DEMO_TZ = "Europe/Berlin";
/** The digest month: its digest is due on Tuesday 1 December 2026 at 10:00, Berlin time. */
export const DEMO_MONTH = "2026-11";
const DEMO_NOW_DATE = "2026-12-01";
const DEMO_NOW = zonedTimeToInstant(DEMO_NOW_DATE, DEFAULT_DIGEST_TIME, DEMO_TZ);
const HISTORY_START = "2026-05-04";
const SEED = 20261201;

type Person = { id: string; name: string };
const ANA: Person = { id: "U0DEMOANA", name: "Ana Lima" };
const PRIYA: Person = { id: "U0DEMOPRIYA", name: "Priya Shah" };
const BEN: Person = { id: "U0DEMOBEN", name: "Ben Okafor" };
const DANA: Person = { id: "U0DEMODANA", name: "Dana Kowalski" };
const CHLOE: Person = { id: "U0DEMOCHLOE", name: "Chloé Martin" };
const ADMIN: Person = { id: "U0DEMOADMIN", name: "Sam Admin" };
const PEOPLE = [ANA, PRIYA, BEN, DANA, CHLOE, ADMIN];

type Team = { channelId: string; name: string; headcount: number; hats: [Person, RoleId][] };
const PAYMENTS: Team = {
  channelId: "C0DEMOPAY",
  name: "payments",
  headcount: 6,
  hats: [
    [ANA, "tech-lead"],
    [ANA, "engineering-manager"],
    [PRIYA, "product-manager"],
    [CHLOE, "architect"],
  ],
};
const PLATFORM: Team = {
  channelId: "C0DEMOPLAT",
  name: "platform",
  headcount: 11,
  hats: [
    [BEN, "tech-lead"],
    [BEN, "engineering-manager"],
    [DANA, "engineering-manager"],
    [DANA, "product-manager"],
    [CHLOE, "architect"],
  ],
};

/** A hybrid lead's story: the technical share they really spent each month, and their habits. */
type Story = {
  person: Person;
  /** Which hats their answers split between: [technical, other]. */
  hats: [RoleId, RoleId];
  allocations: { from: string; technical: number }[];
  actualTechnical: Record<string, number>;
  awayDays: [string, string][];
  /** Weeks they let pass without answering. */
  missed: string[];
};

const MONTHS = monthsBack(DEMO_MONTH, 6); // June … November 2026

const STORIES: Story[] = [
  {
    // Payments: a TL+EM at 60/40 whose coding creeps up as a launch nears.
    person: ANA,
    hats: ["tech-lead", "engineering-manager"],
    allocations: [{ from: HISTORY_START, technical: 60 }],
    actualTechnical: {
      "2026-06": 62,
      "2026-07": 66,
      "2026-08": 70,
      "2026-09": 78,
      "2026-10": 80,
      "2026-11": 79,
    },
    awayDays: [["2026-08-10", "2026-08-21"]],
    missed: ["2026-W27", "2026-W41", "2026-W46"],
  },
  {
    // Platform: a TL+EM at 50/50 who codes nearly full time and, in mid-November, restates 70/30.
    person: BEN,
    hats: ["tech-lead", "engineering-manager"],
    allocations: [
      { from: HISTORY_START, technical: 50 },
      { from: "2026-11-11", technical: 70 },
    ],
    actualTechnical: {
      "2026-06": 62,
      "2026-07": 71,
      "2026-08": 84,
      "2026-09": 91,
      "2026-10": 93,
      "2026-11": 95,
    },
    awayDays: [
      ["2026-07-20", "2026-07-24"],
      ["2026-11-23", "2026-11-27"],
    ],
    missed: ["2026-W33", "2026-W39"],
  },
];

// Dana wears the EM and PM hats (70/30), writes no code, and decides two architecture areas.
const DANA_SPLIT: Split = { "engineering-manager": 70, "product-manager": 30 };

const QUESTIONS: [Team, string][] = [
  [PAYMENTS, "Who approves a promotion to senior engineer?"],
  [PAYMENTS, "Which database should the new ledger service use?"],
  [PLATFORM, "Who decides the shared data model for orders?"],
  [PLATFORM, "What do we build next quarter?"],
];

export type DemoResult = { dir: string; database: string; charts: string[]; output: string };

/** Builds the demo workspace in `dir` (a new temporary directory by default) and prints the tour. */
export async function main(options: { dir?: string; write?: (s: string) => void } = {}): Promise<DemoResult> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "rolecall-demo-"));
  mkdirSync(dir, { recursive: true });
  const database = join(dir, "rolecall.db");
  const out: string[] = [];
  const print = (line = "") => {
    out.push(line);
    options.write?.(`${line}\n`);
  };

  const db = openDatabase(database);
  const charts: string[] = [];
  try {
    migrate(db);
    let now = new Date(`${HISTORY_START}T08:00:00Z`);
    const ctx = createAppContext(db, { clock: () => now, logger: silentLogger });
    const at = (date: string) => {
      now = zonedTimeToInstant(date, "09:00", DEMO_TZ);
    };
    const seeded = buildWorkspace(ctx, at);
    now = DEMO_NOW;

    print("rolecall demo — no Slack, no configuration");
    print(`Demo database: ${database}`);
    const due = digestDueAt(DEMO_NOW, { timezone: DEMO_TZ, digestTime: DEFAULT_DIGEST_TIME });
    print(
      `It is Tuesday 1 December 2026, 10:00 in ${DEMO_TZ}: the first working day of the month, when ${monthLabel(due?.month ?? DEMO_MONTH)}'s digest is due.`,
    );
    print();
    print("The demo workspace");
    for (const team of [PAYMENTS, PLATFORM]) {
      print(`  #${team.name} · ${team.headcount} engineers`);
      for (const p of [...new Set(team.hats.map(([q]) => q))]) {
        const hats = team.hats.filter(([q]) => q === p).map(([, role]) => roleLabel(role));
        const split = statedSplitText(ctx, p);
        print(`    ${p.name.padEnd(14)} ${hats.join(" + ")}${split ? ` · stated ${split}` : ""}`);
      }
    }
    print(
      `  Weekly check-ins, ${monthLabel(MONTHS[0] ?? DEMO_MONTH)} – ${monthLabel(DEMO_MONTH)}: ${seeded.answered} answered, ${seeded.away} away, ${seeded.missed} missed`,
    );
    print();
    print("Who decides?");
    for (const [team, question] of QUESTIONS) {
      print(whoDecidesText(ctx, team, question));
    }
    for (const team of [PAYMENTS, PLATFORM]) {
      const built = await buildTeamDigest(ctx, {
        teamId: DEMO_TEAM_ID,
        channelId: team.channelId,
        month: DEMO_MONTH,
        asOf: due?.asOf ?? "2026-12-01",
      });
      print();
      print("═".repeat(78));
      print(`The digest #${team.name} gets`);
      print("═".repeat(78));
      print(digestText(built));
      const findings = digestFindings(built, plainName);
      for (const lead of built.digest.leads.filter((l) => l.isPrivate)) {
        print();
        print(`— and the DM ${plainName(lead)} gets (a private lead):`);
        print(
          renderLeadDigestText(lead, {
            thresholdPp: built.digest.thresholdPp,
            findings,
            name: plainName(lead),
          }),
        );
      }
      const chart = driftChartInputFromDigest(built.digest, plainName);
      if (chart.series.length > 0) {
        const path = join(dir, `${team.name}-drift-${DEMO_MONTH}.png`);
        writeFileSync(path, await renderDriftChartPng(chart));
        charts.push(path);
      }
    }
    print();
    print("Charts (stated vs actual technical share per lead, last 6 months):");
    for (const path of charts) print(`  ${path}`);
    const fontWarning = missingFontWarning();
    if (fontWarning) print(`  Warning: ${fontWarning}`);
    print();
    print("Explore the same database with the CLI:");
    print(`  DATABASE_PATH=${database} npm run cli -- digest --month ${DEMO_MONTH} --dry-run`);
    // The CLI reads the real clock, not the demo's: say so, or its November looks wrong before December.
    print(
      `    (the CLI runs on today's date: before ${weekdayDayLabel(DEMO_NOW_DATE, true)} it shows ${monthLabel(DEMO_MONTH)} so far, with its weeks still to come left out)`,
    );
    print(
      `  DATABASE_PATH=${database} npm run cli -- ask "who runs the retro?" --channel ${PAYMENTS.channelId}`,
    );
  } finally {
    db.close();
  }
  return { dir, database, charts, output: `${out.join("\n")}\n` };
}

type Seeded = { answered: number; away: number; missed: number };

function buildWorkspace(ctx: AppContext, at: (date: string) => void): Seeded {
  const seeded: Seeded = { answered: 0, away: 0, missed: 0 };
  const rng = seededRandom(SEED);
  at(HISTORY_START);
  const { stores } = ctx;
  stores.workspaces.ensure(DEMO_TEAM_ID, ctx.clock());
  stores.workspaces.update(DEMO_TEAM_ID, { timezone: DEMO_TZ, digestTime: DEFAULT_DIGEST_TIME });
  for (const p of PEOPLE) {
    stores.people.saveSlackProfile(
      DEMO_TEAM_ID,
      p.id,
      { displayName: p.name, tz: DEMO_TZ, isSlackAdmin: p === ADMIN },
      ctx.clock(),
    );
  }
  for (const team of [PAYMENTS, PLATFORM]) {
    for (const [person, role] of team.hats) {
      changeHat(ctx, {
        teamId: DEMO_TEAM_ID,
        channelId: team.channelId,
        channelName: team.name,
        userId: person.id,
        role,
        action: "assign",
        by: ADMIN.id,
      });
    }
    stores.teams.update(DEMO_TEAM_ID, team.channelId, { headcount: team.headcount });
  }
  stores.people.setDigestPrivate(DEMO_TEAM_ID, DANA.id, true);
  for (const title of ["Shared data model", "Contracts between services and teams"]) {
    const r = setDecider(ctx, {
      teamId: DEMO_TEAM_ID,
      channelId: PLATFORM.channelId,
      channelName: PLATFORM.name,
      title,
      decider: { userId: DANA.id },
      by: ADMIN.id,
    });
    if (!r.ok) throw new Error(`demo: ${r.error}`);
  }

  // Allocations, in date order, each stated on the day it takes effect (as a lead would).
  const changes = [
    ...STORIES.flatMap((s) =>
      s.allocations.map((a) => ({
        from: a.from,
        person: s.person,
        split: { [s.hats[0]]: a.technical, [s.hats[1]]: 100 - a.technical } as Split,
      })),
    ),
    { from: HISTORY_START, person: DANA, split: DANA_SPLIT },
  ].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  for (const c of changes) {
    at(c.from);
    const r = setAllocation(ctx, {
      teamId: DEMO_TEAM_ID,
      userId: c.person.id,
      by: c.person.id,
      who: c.person.name,
      parts: Object.entries(c.split).map(([key, pct]) => ({ key: key as RoleId, pct: pct ?? 0 })),
      from: undefined,
    });
    if (!r.ok) throw new Error(`demo: ${r.error}`);
  }

  const checkins = new CheckinSeedStore(ctx.stores.db);
  for (const story of STORIES) {
    for (const [start, end] of story.awayDays)
      checkins.away(DEMO_TEAM_ID, story.person.id, start, end, ctx.clock());
  }
  for (const month of MONTHS) {
    for (const week of weeksOfMonth(month)) {
      const friday = dateInIsoWeek(week, 5);
      const answeredAt = zonedTimeToInstant(friday, "16:30", DEMO_TZ);
      for (const story of STORIES) {
        const answer = storyAnswer(story, week, month, rng);
        if (answer) checkins.answer(DEMO_TEAM_ID, story.person.id, week, answer, answeredAt);
        if (answer) seeded.answered++;
        else if (story.missed.includes(week)) seeded.missed++;
        else seeded.away++;
      }
      // Dana answers "as planned" every week but one in September, when she was off sick.
      const dana: SeededAnswer = week === "2026-W38" ? { kind: "away" } : { kind: "as-planned" };
      checkins.answer(DEMO_TEAM_ID, DANA.id, week, dana, answeredAt);
      if (dana.kind === "away") seeded.away++;
      else seeded.answered++;
    }
  }
  return seeded;
}

/** `TL 60 / EM 40`: the split in force at the demo's "now". */
function statedSplitText(ctx: AppContext, person: Person): string | null {
  const split = ctx.stores.allocations.inForce(DEMO_TEAM_ID, person.id, "2026-12-01")?.split;
  if (!split) return null;
  return formatSplit(split);
}

/** One week's answer in a lead's story, or undefined when they did not answer (or were away). */
function storyAnswer(story: Story, week: string, month: string, rng: () => number): SeededAnswer | undefined {
  const friday = dateInIsoWeek(week, 5);
  const noise = rng();
  if (story.awayDays.some(([s, e]) => s <= friday && friday <= e)) return undefined; // away range covers it
  if (story.missed.includes(week)) return undefined;
  const stated =
    [...story.allocations].reverse().find((a) => a.from <= isoWeekThursday(week))?.technical ?? 50;
  const target = story.actualTechnical[month] ?? stated;
  // People answer in steps of 5: the month's level, give or take a step.
  const technical = Math.min(100, Math.max(0, Math.round((target + (noise - 0.5) * 12) / 5) * 5));
  if (technical === stated) return { kind: "as-planned" };
  return { kind: "split", split: { [story.hats[0]]: technical, [story.hats[1]]: 100 - technical } };
}

function whoDecidesText(ctx: AppContext, team: Team, question: string): string {
  const answer = whoDecides(ctx, DEMO_TEAM_ID, team.channelId, question);
  const names = (ids: readonly string[]) =>
    ids.length ? ids.map((id) => PEOPLE.find((p) => p.id === id)?.name ?? id).join(", ") : "nobody yet";
  const lines = [`  #${team.name}: "${question}"`];
  if (!answer.area || !answer.decider) {
    lines.push(
      `    → no confident owner; closest: ${answer.closest.map((c) => c.title).join(", ") || "none"}`,
    );
    return lines.join("\n");
  }
  const { decider } = answer;
  const who =
    decider.override === "person"
      ? `${names(decider.userIds)} decides (named for #${team.name}; by default the ${roleLabel(decider.role).toLowerCase()})`
      : `${roleLabel(decider.role)} decides: ${names(decider.userIds)}`;
  lines.push(`    → ${who}`);
  const consulted = answer.consulted.filter((c) => c.userIds.length);
  const parts = [`area: ${answer.area.title}`];
  if (consulted.length) {
    parts.push(`consulted: ${consulted.map((c) => `${roleLabel(c.role)} (${names(c.userIds)})`).join(", ")}`);
  }
  lines.push(`      ${parts.join(" · ")}`);
  return lines.join("\n");
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("/src/demo.ts");
if (isMain) {
  main({ write: (s) => void process.stdout.write(s) }).catch((err: unknown) => {
    process.stderr.write(
      `The demo failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 1;
  });
}
