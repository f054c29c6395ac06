/**
 * fast-check generators for canonical roles files (what `export` writes): sorted lists, hats as
 * non-overlapping, non-touching periods, one allocation entry per real change.
 */
import fc from "fast-check";
import { SPLIT_KEYS, type Split } from "../../src/domain/allocation.ts";
import { ROLE_IDS, type RoleId } from "../../src/domain/roles.ts";
import { dayName, type RolesFile, type RolesFileOut } from "../../src/domain/roles-file.ts";

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const upper = (prefix: string) => fc.stringMatching(/^[A-Z0-9]{2,6}$/).map((s) => `${prefix}${s}`);
export const channelArb = upper("C");
export const userArb = upper("U");
const roleArb = fc.constantFrom(...ROLE_IDS);

const dateArb = fc
  .integer({ min: 0, max: 3650 })
  .map((n) => new Date(Date.UTC(2022, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
/** Distinct dates, ascending. */
const datesArb = (min: number, max: number) =>
  fc.uniqueArray(dateArb, { minLength: min, maxLength: max }).map((ds) => [...ds].sort());
const timeArb = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);

/** Any text a person might type: unicode, quotes, colons, leading spaces, YAML keywords. */
const textArb = (min: number, max: number) =>
  fc
    .oneof(
      fc.string({ unit: "grapheme", minLength: min, maxLength: max }),
      fc.constantFrom(
        "yes",
        "null",
        "~",
        "123",
        "1e3",
        "- dash",
        "#hash",
        "a: b",
        "15:00",
        "2026-01-05",
        "'q'",
        '"dq"',
      ),
    )
    .filter((s) => s.length >= min && s.length <= max);

const splitArb: fc.Arbitrary<Split> = fc.subarray([...SPLIT_KEYS], { minLength: 1 }).chain((keys) =>
  fc
    .array(fc.integer({ min: 0, max: 100 }), { minLength: keys.length - 1, maxLength: keys.length - 1 })
    .map((cuts) => {
      const points = [0, ...[...cuts].sort((a, b) => a - b), 100];
      const split: Split = {};
      keys.forEach((k, i) => {
        split[k] = (points[i + 1] as number) - (points[i] as number);
      });
      return split;
    }),
);

const sameSplit = (a: Split, b: Split) => JSON.stringify(a) === JSON.stringify(b);

type Out = RolesFileOut;
type TeamOut = Out["teams"][number];

/** Periods from distinct ascending dates: [d0,d1), [d2,d3), … and an open last one when odd. */
function periods(dates: string[]): { from: string; until?: string }[] {
  const out: { from: string; until?: string }[] = [];
  for (let i = 0; i < dates.length; i += 2) {
    const until = dates[i + 1];
    out.push({ from: dates[i] as string, ...(until ? { until } : {}) });
  }
  return out;
}

const hatsArb = (people: string[]) =>
  fc
    .uniqueArray(fc.tuple(fc.constantFrom(...people), roleArb), {
      maxLength: 5,
      selector: ([p, r]) => `${p}|${r}`,
    })
    .chain((keys) =>
      fc
        .tuple(...keys.map(() => datesArb(1, 5)))
        .map((dateLists) =>
          keys
            .flatMap(([person, role], i) =>
              periods(dateLists[i] as string[]).map((p) => ({ person, role: role as RoleId, ...p })),
            )
            .sort(
              (a, b) =>
                ROLE_IDS.indexOf(a.role) - ROLE_IDS.indexOf(b.role) ||
                cmp(a.person, b.person) ||
                cmp(a.from, b.from),
            ),
        ),
    );

const decidersArb = (areaIds: string[], people: string[]) =>
  fc.uniqueArray(fc.constantFrom(...areaIds), { maxLength: 3 }).chain((areas) =>
    fc.tuple(
      ...[...areas].sort().map((area) =>
        fc.oneof(
          roleArb.map((role) => ({ area, role })),
          fc.constantFrom(...people).map((person) => ({ area, person })),
        ),
      ),
    ),
  );

/**
 * A canonical roles file. `builtInAreas` are ids deciders may name besides the generated custom
 * areas (the default catalog's, when the file is imported into a real database).
 */
export function rolesFileArb(
  workspace: string,
  builtInAreas: string[] = ["team-database"],
): fc.Arbitrary<Out> {
  const peopleArb = fc.uniqueArray(userArb, { minLength: 1, maxLength: 4 });
  const areasArb = fc
    .uniqueArray(
      fc.record({
        id: fc.stringMatching(/^[a-z0-9]{1,8}$/).map((s) => `custom-${s}`),
        title: textArb(3, 40)
          .map((t) => `Custom ${t}`)
          .filter((t) => t.length <= 80),
        description: textArb(0, 60),
        keywords: fc.array(textArb(1, 12), { minLength: 1, maxLength: 3 }),
        decider: roleArb,
        consulted: fc.subarray([...ROLE_IDS]),
        informed: fc.subarray([...ROLE_IDS]),
      }),
      { maxLength: 2, selector: (a) => a.id },
    )
    .filter((as) => new Set(as.map((a) => a.title.toLowerCase())).size === as.length)
    .map((as) => [...as].sort((a, b) => cmp(a.id, b.id)));
  return fc.tuple(peopleArb, areasArb).chain(([people, areas]) => {
    const areaIds = [...builtInAreas, ...areas.map((a) => a.id)];
    const teamArb: fc.Arbitrary<Omit<TeamOut, "channel">> = fc.record(
      {
        name: textArb(1, 30),
        digest_channel: channelArb,
        headcount: fc.integer({ min: 0, max: 100_000 }),
        hats: hatsArb(people),
        deciders: decidersArb(areaIds, people),
      },
      { requiredKeys: ["hats", "deciders"] },
    );
    const teamsArb = fc
      .uniqueArray(channelArb, { maxLength: 3 })
      .chain((channels) =>
        fc.tuple(
          ...[...channels].sort().map((channel) => teamArb.map((t) => ({ channel, ...t }) as TeamOut)),
        ),
      );
    const allocationsArb = fc
      .tuple(datesArb(1, 4), fc.array(splitArb, { minLength: 4, maxLength: 4 }))
      .map(([dates, splits]) => {
        const out: { from: string; split: Split }[] = [];
        dates.forEach((from, i) => {
          const split = splits[i] as Split;
          const last = out[out.length - 1];
          if (!last || !sameSplit(last.split, split)) out.push({ from, split });
        });
        return out;
      });
    const peopleOutArb = fc
      .subarray([...people].sort())
      .chain((ids) =>
        fc.tuple(...ids.map((id) => allocationsArb.map((allocations) => ({ id, allocations })))),
      );
    const settingsArb = fc.record({
      timezone: fc.constantFrom("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"),
      checkin: fc.record({ day: fc.integer({ min: 1, max: 7 }).map(dayName), time: timeArb }),
      reminder_after_hours: fc.integer({ min: 1, max: 168 }),
      drift_threshold_pp: fc.integer({ min: 1, max: 100 }),
      digest_time: timeArb,
    });
    return fc
      .record({ settings: settingsArb, teams: teamsArb, people: peopleOutArb })
      .map((r) => ({ workspace, areas, ...r }));
  });
}

/** A parsed file in export's shape (days back to names), for comparing with what was rendered. */
export function asOut(file: RolesFile): RolesFileOut {
  const s = file.settings;
  return {
    workspace: file.workspace ?? "",
    settings: {
      timezone: s?.timezone ?? "",
      checkin: { day: dayName(s?.checkin?.day ?? 0), time: s?.checkin?.time ?? "" },
      reminder_after_hours: s?.reminder_after_hours ?? 0,
      drift_threshold_pp: s?.drift_threshold_pp ?? 0,
      digest_time: s?.digest_time ?? "",
    },
    areas: file.areas,
    teams: file.teams.map((t) => ({
      channel: t.channel,
      ...(t.name !== undefined ? { name: t.name } : {}),
      ...(t.digest_channel !== undefined ? { digest_channel: t.digest_channel } : {}),
      ...(t.headcount !== undefined ? { headcount: t.headcount } : {}),
      hats: t.hats.map((h) => ({
        person: h.person,
        role: h.role,
        from: h.from,
        ...(h.until !== undefined ? { until: h.until } : {}),
      })),
      deciders: t.deciders.map((d) =>
        d.role !== undefined ? { area: d.area, role: d.role } : { area: d.area, person: d.person as string },
      ),
    })),
    people: file.people,
  };
}
