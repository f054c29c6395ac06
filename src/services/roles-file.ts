import type { AppContext } from "../context.ts";
import { allocationStatus, canonicalSplit, type Split, sameSplit } from "../domain/allocation.ts";
import type { DecisionArea } from "../domain/catalog.ts";
import { normalisePhrasing } from "../domain/phrasing.ts";
import { ROLE_IDS, type RoleId, roleLabel } from "../domain/roles.ts";
import {
  dayName,
  type FilePath,
  parseRolesFile,
  type RolesFile,
  type RolesFileOut,
  renderRolesFile,
} from "../domain/roles-file.ts";
import {
  appendsToMatch,
  canonicalTimeline,
  type Entry,
  periodsOf,
  timelineOfPeriods,
} from "../domain/timeline.ts";
import { ensureCatalog } from "./catalog.ts";
import { checkHolidayPlace } from "./public-holidays.ts";

/** Who the history rows written by an import are recorded as. */
export const IMPORT_RECORDER = "roles-file";

/** Workspace settings before anyone changes them (the schema's defaults). */
const DEFAULT_SETTINGS = {
  timezone: "UTC",
  checkinWeekday: 5,
  checkinTime: "15:00",
  reminderAfterHours: 24,
  driftThresholdPp: 15,
  digestTime: "10:00",
  holidayCountry: null as string | null,
  holidayRegion: null as string | null,
};

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

/** The workspace's roles in canonical form: every history as its real changes, lists sorted. */
export function exportRoles(ctx: AppContext, teamId: string): RolesFileOut {
  const { stores } = ctx;
  const ws = stores.workspaces.get(teamId) ?? DEFAULT_SETTINGS;
  const hatsByKey = groupHats(stores.hats.history(teamId));
  const overrides = stores.overrides.listAll(teamId);
  const rows = new Map(stores.teams.list(teamId).map((t) => [t.channelId, t]));
  const channels = [
    ...new Set([
      ...rows.keys(),
      ...[...hatsByKey.values()].map((k) => k.channelId),
      ...overrides.map((o) => o.channelId),
    ]),
  ].sort();
  const teams = channels.map((channel) => {
    const row = rows.get(channel);
    const hats = [...hatsByKey.values()]
      .filter((k) => k.channelId === channel)
      .flatMap((k) =>
        periodsOf(canonicalTimeline(k.entries, false, (a, b) => a === b)).map((p) => ({
          person: k.userId,
          role: k.role,
          from: p.from,
          ...(p.until ? { until: p.until } : {}),
        })),
      )
      .sort(
        (a, b) =>
          ROLE_IDS.indexOf(a.role) - ROLE_IDS.indexOf(b.role) ||
          cmp(a.person, b.person) ||
          cmp(a.from, b.from),
      );
    const deciders = overrides
      .filter((o) => o.channelId === channel)
      .sort((a, b) => cmp(a.areaId, b.areaId))
      .map((o) =>
        "role" in o.decider
          ? { area: o.areaId, role: o.decider.role }
          : { area: o.areaId, person: o.decider.userId },
      );
    return {
      channel,
      ...(row?.name ? { name: row.name } : {}),
      ...(row?.digestChannelId ? { digest_channel: row.digestChannelId } : {}),
      ...(row?.headcount !== null && row?.headcount !== undefined ? { headcount: row.headcount } : {}),
      hats,
      deciders,
    };
  });
  const byPerson = new Map<string, Entry<Split | null>[]>();
  for (const c of stores.allocations.all(teamId)) {
    byPerson.set(c.userId, [
      ...(byPerson.get(c.userId) ?? []),
      { date: c.effectiveDate, state: canonicalSplit(c.split) },
    ]);
  }
  const people = [...byPerson.keys()].sort().map((id) => ({
    id,
    allocations: canonicalTimeline(byPerson.get(id) ?? [], null, sameOrNone).map((e) => ({
      from: e.date,
      split: e.state as Split,
    })),
  }));
  const areas = stores.areas
    .list(teamId)
    .filter((a) => a.isCustom)
    .sort((a, b) => cmp(a.id, b.id))
    .map((a) => ({
      id: a.id,
      title: a.title,
      description: a.description,
      keywords: a.keywords,
      decider: a.decider,
      consulted: a.consulted,
      informed: a.informed,
    }));
  const learned = stores.learned
    .list(teamId)
    .sort((a, b) => cmp(a.areaId, b.areaId) || cmp(a.question, b.question))
    .map((l) => ({
      question: l.question,
      area: l.areaId,
      // Entries an import added without a person were learned from the file, not from someone's click.
      ...(l.learnedBy === IMPORT_RECORDER ? {} : { by: l.learnedBy }),
      at: l.learnedAt,
    }));
  return {
    workspace: teamId,
    settings: {
      timezone: ws.timezone,
      checkin: { day: dayName(ws.checkinWeekday), time: ws.checkinTime },
      reminder_after_hours: ws.reminderAfterHours,
      drift_threshold_pp: ws.driftThresholdPp,
      digest_time: ws.digestTime,
      ...(ws.holidayCountry
        ? {
            holidays: {
              country: ws.holidayCountry,
              ...(ws.holidayRegion ? { region: ws.holidayRegion } : {}),
            },
          }
        : {}),
    },
    areas,
    ...(learned.length ? { learned } : {}),
    teams,
    people,
  };
}

export function exportRolesText(ctx: AppContext, teamId: string): string {
  return renderRolesFile(exportRoles(ctx, teamId));
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

export type ImportCounts = {
  settingsChanged: number;
  areasAdded: number;
  areasUpdated: number;
  teamsChanged: number;
  hatChanges: number;
  overridesSet: number;
  overridesRemoved: number;
  allocationChanges: number;
  learnedSet: number;
  learnedForgotten: number;
};

export type ImportOutcome =
  | { ok: true; teamId: string; counts: ImportCounts; warnings: string[] }
  | { ok: false; errors: string[] };

/** Thrown inside the import transaction so that every write so far is rolled back. */
class ImportRefused extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join("\n"));
  }
}

/**
 * Brings the workspace in line with a roles file, all or nothing, in one transaction.
 *
 * The file is the whole picture: hats and decider overrides it leaves out end. Histories are only
 * appended to, never edited: where the database's history answers a date differently from the file,
 * an entry dated that day is added (so importing the same file twice changes nothing the second time).
 * An allocation cannot be erased, only changed, so a file that starts someone's allocations later than
 * the database does is refused. Teams and custom areas are added or updated, never deleted; the
 * default catalog's areas are not the file's to change.
 */
export function importRoles(
  ctx: AppContext,
  text: string,
  opts: {
    fileName?: string;
    team?: string | undefined;
    /** The workspace when neither `team` nor the file names one (asked only then). */
    fallbackTeam: string | (() => string);
    by?: string;
  },
): ImportOutcome {
  const parsed = parseRolesFile(text, opts.fileName);
  if (!parsed.ok) return parsed;
  const { file, at } = parsed;
  if (opts.team && file.workspace && opts.team !== file.workspace) {
    return {
      ok: false,
      errors: [
        `${at(["workspace"])}: the file is for workspace ${file.workspace}, but --team says ${opts.team}; remove one of them`,
      ],
    };
  }
  const fallback = opts.fallbackTeam;
  const teamId = opts.team ?? file.workspace ?? (typeof fallback === "string" ? fallback : fallback());
  const by = opts.by ?? IMPORT_RECORDER;
  const progress: Progress = { writing: undefined };
  try {
    const counts = ctx.stores.db.transaction(() => applyFile(ctx, teamId, file, at, by, progress))();
    return { ok: true, teamId, counts, warnings: allocationWarnings(file, at) };
  } catch (err) {
    if (err instanceof ImportRefused) return { ok: false, errors: err.errors };
    if ((err as { code?: string }).code?.startsWith("SQLITE_")) {
      const where = progress.writing ? `${at(progress.writing)}: ` : "";
      return {
        ok: false,
        errors: [
          `${where}the database refused to record this (${(err as Error).message}); the whole import was rolled back`,
        ],
      };
    }
    throw err;
  }
}

/** The part of the file being written, so a late database failure can still cite its line. */
type Progress = { writing: FilePath | undefined };

/** What each section's writer needs: where and as whom it writes, and where it reports. */
type ImportRun = {
  ctx: AppContext;
  teamId: string;
  file: RolesFile;
  at: (path: FilePath) => string;
  by: string;
  now: Date;
  recordedAt: string;
  /** What the file gets wrong; the import is refused (and rolled back) when any is found. */
  errors: string[];
  counts: ImportCounts;
  progress: Progress;
};

/** Areas are written before the deciders that name them are resolved; overrides after the hats. */
function applyFile(
  ctx: AppContext,
  teamId: string,
  file: RolesFile,
  at: (path: FilePath) => string,
  by: string,
  progress: Progress,
): ImportCounts {
  const now = ctx.clock();
  const run: ImportRun = {
    ctx,
    teamId,
    file,
    at,
    by,
    now,
    recordedAt: now.toISOString(),
    errors: [],
    counts: {
      settingsChanged: 0,
      areasAdded: 0,
      areasUpdated: 0,
      teamsChanged: 0,
      hatChanges: 0,
      overridesSet: 0,
      overridesRemoved: 0,
      allocationChanges: 0,
      learnedSet: 0,
      learnedForgotten: 0,
    },
    progress,
  };
  ensureCatalog(ctx, teamId, ctx.catalogs.defaultAreas);

  progress.writing = file.settings ? ["settings"] : undefined;
  run.counts.settingsChanged = applySettings(ctx, teamId, file, at);
  applyAreas(run);
  const desiredOverrides = resolveDeciders(run);
  const desiredLearned = resolveLearned(run);
  if (run.errors.length) throw new ImportRefused(run.errors);

  applyTeams(run);
  applyHats(run);
  applyOverrides(run, desiredOverrides);
  applyAllocations(run);
  if (desiredLearned) applyLearned(run, desiredLearned);
  if (run.errors.length) throw new ImportRefused(run.errors);
  return run.counts;
}

type DesiredOverride = { channelId: string; areaId: string; decider: Decider; path: FilePath };

type DesiredLearned = {
  phrasing: string;
  question: string;
  areaId: string;
  learnedBy: string | undefined;
  learnedAt: string | undefined;
  path: FilePath;
};

/** Custom areas: added or updated, never deleted; built-in ones are not the file's to change. */
function applyAreas(run: ImportRun): void {
  const { teamId, file, at, by, now, errors, counts, progress } = run;
  const { stores } = run.ctx;
  // Titles as they will be once the file is in: a custom area may take a title another one gives up.
  const titleAfter = new Map(stores.areas.list(teamId).map((a) => [a.id, a.title]));
  for (const area of file.areas) {
    if (stores.areas.get(teamId, area.id)?.isCustom !== false) titleAfter.set(area.id, area.title);
  }
  file.areas.forEach((area, i) => {
    const existing = stores.areas.get(teamId, area.id);
    if (existing && !existing.isCustom) {
      errors.push(
        `${at(["areas", i, "id"])}: ${area.id} is a built-in area; give the custom area another id`,
      );
      return;
    }
    // Same test as findByName, which deciders use: another area's id, or its title ignoring case.
    const name = area.title.toLowerCase();
    const clash = [...titleAfter].find(
      ([id, title]) => id !== area.id && (id === name || title.toLowerCase() === name),
    );
    if (clash) {
      const [id, title] = clash;
      errors.push(
        `${at(["areas", i, "title"])}: ${id === name ? `"${area.title}" is the id of the area ${id}` : `the area ${id} already has the title "${title}"`}`,
      );
      return;
    }
    progress.writing = ["areas", i];
    if (!existing) {
      stores.areas.addCustom(teamId, { ...area, source: "custom" }, by, now);
      counts.areasAdded++;
    } else if (!sameArea(existing, area)) {
      stores.areas.updateCustom(teamId, area);
      counts.areasUpdated++;
    }
  });
}

/**
 * The overrides the file wants, by `channel|area`. Deciders name areas by id (or title), so they are
 * all resolved before anything that uses them is written.
 */
function resolveDeciders(run: ImportRun): Map<string, DesiredOverride> {
  const { teamId, file, at, errors } = run;
  const { stores } = run.ctx;
  const desiredOverrides = new Map<string, DesiredOverride>();
  file.teams.forEach((team, t) => {
    team.deciders.forEach((d, i) => {
      const area = stores.areas.findByName(teamId, d.area);
      if (!area) {
        errors.push(
          `${at(["teams", t, "deciders", i, "area"])}: there is no area "${d.area}" in this workspace's catalog (use an id from \`rolecall export\`, or add it under areas:)`,
        );
        return;
      }
      const decider: Decider = d.role ? { role: d.role } : { userId: d.person as string };
      desiredOverrides.set(`${team.channel}|${area.id}`, {
        channelId: team.channel,
        areaId: area.id,
        decider,
        path: ["teams", t, "deciders", i],
      });
    });
  });
  return desiredOverrides;
}

/** Teams: added or updated (name, digest channel, headcount), never deleted. */
function applyTeams(run: ImportRun): void {
  const { teamId, file, now, counts, progress } = run;
  const { stores } = run.ctx;
  for (const [t, team] of file.teams.entries()) {
    progress.writing = ["teams", t];
    const before = stores.teams.get(teamId, team.channel);
    stores.teams.ensure(teamId, team.channel, team.name ?? null, now);
    const next = {
      name: team.name ?? null,
      digestChannelId: team.digest_channel ?? null,
      headcount: team.headcount ?? null,
    };
    if (
      !before ||
      before.name !== next.name ||
      before.digestChannelId !== next.digestChannelId ||
      before.headcount !== next.headcount
    ) {
      stores.teams.update(teamId, team.channel, next);
      counts.teamsChanged++;
    }
  }
}

/** Hats: every (team, person, role) the database or the file knows, appended to until it matches. */
function applyHats(run: ImportRun): void {
  const { teamId, file, by, recordedAt, counts, progress } = run;
  const { stores } = run.ctx;
  const existingHats = groupHats(stores.hats.history(teamId));
  const desiredHats = new Map<
    string,
    { periods: { from: string; until?: string | undefined }[]; key: HatKey }
  >();
  const hatPaths = new Map<string, FilePath>();
  for (const [t, team] of file.teams.entries()) {
    for (const [i, h] of team.hats.entries()) {
      const key = hatKey(team.channel, h.person, h.role);
      hatPaths.set(`${key}|${h.from}`, ["teams", t, "hats", i]);
      if (h.until) hatPaths.set(`${key}|${h.until}`, ["teams", t, "hats", i, "until"]);
      const entry = desiredHats.get(key) ?? {
        periods: [],
        key: { channelId: team.channel, userId: h.person, role: h.role, entries: [] },
      };
      entry.periods.push({ from: h.from, until: h.until });
      desiredHats.set(key, entry);
    }
  }
  for (const key of [...new Set([...existingHats.keys(), ...desiredHats.keys()])].sort()) {
    const existing = existingHats.get(key);
    const desired = desiredHats.get(key);
    const k = (existing ?? desired?.key) as HatKey;
    const appends = appendsToMatch(
      existing?.entries ?? [],
      timelineOfPeriods(desired?.periods ?? []),
      false,
      (a, b) => a === b,
    );
    for (const a of appends) {
      progress.writing = hatPaths.get(`${key}|${a.date}`);
      stores.hats.record(teamId, {
        channelId: k.channelId,
        userId: k.userId,
        role: k.role,
        action: a.state ? "assign" : "unassign",
        effectiveDate: a.date,
        recordedBy: by,
        recordedAt,
      });
      counts.hatChanges++;
    }
  }
}

/** Decider overrides: the file's set, the others removed. */
function applyOverrides(run: ImportRun, desiredOverrides: Map<string, DesiredOverride>): void {
  const { teamId, by, now, recordedAt, counts, progress } = run;
  const { stores } = run.ctx;
  progress.writing = undefined;
  for (const o of stores.overrides.listAll(teamId)) {
    const want = desiredOverrides.get(`${o.channelId}|${o.areaId}`);
    if (!want) {
      stores.overrides.remove(teamId, o.channelId, o.areaId);
      counts.overridesRemoved++;
    } else if (sameDecider(want.decider, o.decider)) {
      desiredOverrides.delete(`${o.channelId}|${o.areaId}`);
    }
  }
  for (const { path, ...want } of desiredOverrides.values()) {
    progress.writing = path;
    stores.teams.ensure(teamId, want.channelId, null, now);
    stores.overrides.set(teamId, { ...want, setBy: by, setAt: recordedAt });
    counts.overridesSet++;
  }
}

/** Allocations: everyone with a history in the database or an entry in the file; none erased. */
function applyAllocations(run: ImportRun): void {
  const { teamId, file, at, by, recordedAt, errors, counts, progress } = run;
  const { stores } = run.ctx;
  const existingAllocations = new Map<string, Entry<Split | null>[]>();
  for (const c of stores.allocations.all(teamId)) {
    existingAllocations.set(c.userId, [
      ...(existingAllocations.get(c.userId) ?? []),
      { date: c.effectiveDate, state: canonicalSplit(c.split) },
    ]);
  }
  const filePeople = new Map(file.people.map((p, i) => [p.id, { person: p, index: i }]));
  for (const userId of [...new Set([...existingAllocations.keys(), ...filePeople.keys()])].sort()) {
    const inFile = filePeople.get(userId);
    const desired = (inFile?.person.allocations ?? [])
      .map((a) => ({ date: a.from, state: canonicalSplit(a.split) as Split | null }))
      .sort((a, b) => cmp(a.date, b.date));
    const appends = appendsToMatch(existingAllocations.get(userId) ?? [], desired, null, sameOrNone);
    const erased = appends.find((a) => a.state === null);
    if (erased) {
      errors.push(
        inFile
          ? `${at(["people", inFile.index, "allocations", 0, "from"])}: ${userId} has an allocation in the database from ${erased.date}, before this file's first one; allocations can be changed but not erased, so start the list on or before ${erased.date}`
          : `${at(["people"])}: ${userId} has allocations in the database (from ${erased.date}) that this file leaves out; allocations can be changed but not erased, so list them (export shows them)`,
      );
      continue;
    }
    for (const a of appends) {
      const k = inFile?.person.allocations.findIndex((x) => x.from === a.date) ?? -1;
      progress.writing = inFile && k >= 0 ? ["people", inFile.index, "allocations", k] : undefined;
      stores.allocations.record(teamId, {
        userId,
        effectiveDate: a.date,
        split: a.state as Split,
        recordedBy: by,
        recordedAt,
      });
      counts.allocationChanges++;
    }
  }
}

/**
 * The file's learned questions with their areas resolved (by id or title, as deciders are) and
 * their normalised form; undefined when the file has no `learned:` list, which leaves them alone.
 */
function resolveLearned(run: ImportRun): DesiredLearned[] | undefined {
  const { ctx, teamId, file, at, errors } = run;
  if (!file.learned) return undefined;
  const seen = new Map<string, number>();
  return file.learned.flatMap((l, i) => {
    const area = ctx.stores.areas.findByName(teamId, l.area);
    if (!area) {
      errors.push(
        `${at(["learned", i, "area"])}: there is no area "${l.area}" in this workspace's catalog (use an id from \`rolecall export\`, or add it under areas:)`,
      );
      return [];
    }
    const phrasing = normalisePhrasing(l.question);
    if (!phrasing) {
      errors.push(`${at(["learned", i, "question"])}: "${l.question}" has no words to recognise it by`);
      return [];
    }
    const twin = seen.get(phrasing);
    if (twin !== undefined) {
      errors.push(
        `${at(["learned", i, "question"])}: "${l.question}" is the same question as learned[${twin}] (word order and filler words do not count)`,
      );
      return [];
    }
    seen.set(phrasing, i);
    return [
      {
        phrasing,
        question: l.question,
        areaId: area.id,
        learnedBy: l.by,
        learnedAt: l.at,
        path: ["learned", i] as FilePath,
      },
    ];
  });
}

/** Learned questions: the file's list is the whole set, so what it leaves out is forgotten. */
function applyLearned(run: ImportRun, desiredLearned: DesiredLearned[]): void {
  const { teamId, by, recordedAt, counts, progress } = run;
  const { stores } = run.ctx;
  const wanted = new Map(desiredLearned.map((l) => [l.phrasing, l]));
  const existing = new Map(stores.learned.list(teamId).map((l) => [l.phrasing, l]));
  for (const phrasing of existing.keys()) {
    if (!wanted.has(phrasing) && stores.learned.forget(teamId, phrasing)) counts.learnedForgotten++;
  }
  for (const { path, ...want } of desiredLearned) {
    const have = existing.get(want.phrasing);
    const learnedBy = want.learnedBy ?? have?.learnedBy ?? by;
    const learnedAt = want.learnedAt ?? have?.learnedAt ?? recordedAt;
    if (
      have &&
      have.question === want.question &&
      have.areaId === want.areaId &&
      have.learnedBy === learnedBy &&
      have.learnedAt === learnedAt
    )
      continue;
    progress.writing = path;
    stores.learned.learn(teamId, { ...want, learnedBy, learnedAt });
    counts.learnedSet++;
  }
}

/** `settings.holidays` as workspace columns; refused when the holiday calendar doesn't know the place. */
function holidayPatch(
  holidays: NonNullable<RolesFile["settings"]>["holidays"],
  at: (path: FilePath) => string,
): { holidayCountry: string | null; holidayRegion: string | null } | undefined {
  if (holidays === undefined) return undefined;
  if (holidays === "none") return { holidayCountry: null, holidayRegion: null };
  const place = { country: holidays.country.toUpperCase(), region: holidays.region?.toUpperCase() ?? null };
  const check = checkHolidayPlace(place);
  if (!check.ok) throw new ImportRefused([`${at(["settings", "holidays"])}: ${check.error}`]);
  return { holidayCountry: place.country, holidayRegion: place.region };
}

function applySettings(
  ctx: AppContext,
  teamId: string,
  file: RolesFile,
  at: (path: FilePath) => string,
): number {
  const s = file.settings;
  if (!s) return 0;
  const current = ctx.stores.workspaces.get(teamId);
  const patch = {
    timezone: s.timezone,
    checkinWeekday: s.checkin?.day,
    checkinTime: s.checkin?.time,
    reminderAfterHours: s.reminder_after_hours,
    driftThresholdPp: s.drift_threshold_pp,
    digestTime: s.digest_time,
  };
  const changed: Record<string, unknown> = Object.fromEntries(
    Object.entries(patch).filter(([k, v]) => v !== undefined && current?.[k as keyof typeof patch] !== v),
  );
  const holidays = holidayPatch(s.holidays, at);
  if (
    holidays &&
    (holidays.holidayCountry !== (current?.holidayCountry ?? null) ||
      holidays.holidayRegion !== (current?.holidayRegion ?? null))
  ) {
    Object.assign(changed, holidays);
  }
  ctx.stores.workspaces.update(teamId, changed);
  return Object.keys(changed).length - (holidays && "holidayRegion" in changed ? 1 : 0);
}

/** Allocations whose parts don't match the hats the file gives the person on that date. */
function allocationWarnings(file: RolesFile, at: (path: FilePath) => string): string[] {
  const warnings: string[] = [];
  file.people.forEach((person, p) => {
    person.allocations.forEach((a, i) => {
      const held = file.teams.flatMap((t) =>
        t.hats
          .filter(
            (h) => h.person === person.id && h.from <= a.from && (h.until === undefined || a.from < h.until),
          )
          .map((h) => h.role),
      );
      const status = allocationStatus(held, canonicalSplit(a.split));
      if (status.kind === "stale") {
        const problems = [
          ...(status.notWorn.length
            ? [
                `names ${status.notWorn.map(roleLabel).join(" and ")}, a hat the file doesn't give them that day`,
              ]
            : []),
          ...(status.uncovered.length
            ? [`leaves out ${status.uncovered.map(roleLabel).join(" and ")}, which they wear that day`]
            : []),
        ];
        warnings.push(
          `${at(["people", p, "allocations", i])}: ${person.id}'s split from ${a.from} ${problems.join(" and ")}`,
        );
      }
    });
  });
  return warnings;
}

function sameArea(a: Omit<DecisionArea, "source">, b: Omit<DecisionArea, "source">): boolean {
  return (
    a.title === b.title &&
    a.description === b.description &&
    a.decider === b.decider &&
    JSON.stringify([a.keywords, a.consulted, a.informed]) ===
      JSON.stringify([b.keywords, b.consulted, b.informed])
  );
}

type Decider = { role: RoleId } | { userId: string };

function sameDecider(a: Decider, b: Decider): boolean {
  return "role" in a ? "role" in b && a.role === b.role : "userId" in b && a.userId === b.userId;
}

type HatKey = { channelId: string; userId: string; role: RoleId; entries: Entry<boolean>[] };

function hatKey(channelId: string, userId: string, role: string): string {
  return `${channelId}|${userId}|${role}`;
}

/** Hat history per (team, person, role), each in recording order. */
function groupHats(
  changes: readonly {
    channelId: string;
    userId: string;
    role: RoleId;
    action: string;
    effectiveDate: string;
  }[],
): Map<string, HatKey> {
  const out = new Map<string, HatKey>();
  for (const c of changes) {
    const key = hatKey(c.channelId, c.userId, c.role);
    const entry = out.get(key) ?? { channelId: c.channelId, userId: c.userId, role: c.role, entries: [] };
    entry.entries.push({ date: c.effectiveDate, state: c.action === "assign" });
    out.set(key, entry);
  }
  return out;
}

function sameOrNone(a: Split | null, b: Split | null): boolean {
  return a && b ? sameSplit(a, b) : a === b;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
