/**
 * roles.yml: a workspace's roles as code. Pure: parsing (the `yaml` library), validation (zod) with
 * every problem cited by file line, and rendering of the canonical form that `export` writes.
 *
 * The file is the whole picture of a workspace's roles: settings, custom decision areas, teams (with
 * hats as dated periods and decider overrides) and people's allocation histories. Rendering is
 * canonical (fixed key order, sorted lists, one entry per real change), so import(export) round-trips
 * byte for byte.
 */
import { Document, isMap, isScalar, LineCounter, parseDocument, visit } from "yaml";
import { z } from "zod";
import { isSplitKey, type Split, splitProblem } from "./allocation.ts";
import { areaSchema, ROLE_LIST, roleSchema as role, roleHint } from "./area-schema.ts";
import type { DecisionArea } from "./catalog.ts";
import type { RoleId } from "./roles.ts";
import { isLocalDate, isLocalTime, isValidTimeZone, type Weekday } from "./time.ts";

export const ROLES_FILE_VERSION = 1;

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const DAY_WORDS: Record<string, Weekday> = {
  mon: 1,
  monday: 1,
  tue: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
  sun: 7,
  sunday: 7,
};

export function dayName(weekday: number): string {
  return DAYS[weekday - 1] ?? "fri";
}

// C public, G private (older ids), D a direct message: a hat assigned in a DM makes a team there too.
const channelId = z.string().regex(/^[CGD][A-Z0-9]{2,}$/, {
  error: (iss) => `"${iss.input}" is not a Slack channel id such as C0123ABCD`,
});
const userId = z
  .string()
  .regex(/^[UW][A-Z0-9]{2,}$/, { error: (iss) => `"${iss.input}" is not a Slack user id such as U0123ABCD` });
const date = z.string().refine(isLocalDate, {
  error: (iss) => `"${String(iss.input)}" is not a date; write it as YYYY-MM-DD, e.g. 2026-12-01`,
});
const time = z.string().refine(isLocalTime, {
  error: (iss) => `"${String(iss.input)}" is not a time; write it as "HH:MM" in quotes, e.g. "15:00"`,
});
const day = z.string().transform((s, ctx) => {
  const n = DAY_WORDS[s.toLowerCase()];
  if (n) return n;
  ctx.addIssue({ code: "custom", message: `"${s}" is not a day; use mon, tue, wed, thu, fri, sat or sun` });
  return z.NEVER;
});
const wholeNumber = (min: number, max: number, what: string) =>
  z
    .int({ error: `${what} must be a whole number` })
    .min(min, { error: `${what} must be at least ${min}` })
    .max(max, {
      error: `${what} must be at most ${max}`,
    });

const settingsSchema = z.strictObject({
  timezone: z
    .string()
    .refine(isValidTimeZone, {
      error: (iss) => `"${String(iss.input)}" is not a time zone; use an IANA name such as Europe/Berlin`,
    })
    .optional(),
  checkin: z.strictObject({ day: day.optional(), time: time.optional() }).optional(),
  reminder_after_hours: wholeNumber(1, 168, "reminder_after_hours").optional(),
  drift_threshold_pp: wholeNumber(1, 100, "drift_threshold_pp").optional(),
  digest_time: time.optional(),
  /** Public holidays that move check-ins; `none` clears them (an absent key leaves them as they are). */
  holidays: z
    .union([
      z.literal("none"),
      z.strictObject({
        country: z.string().regex(/^[A-Za-z]{2}$/, { error: "country must be a two-letter code such as DE" }),
        region: z
          .string()
          .regex(/^[A-Za-z0-9]{1,10}$/, { error: "region must be a code such as BY" })
          .optional(),
      }),
    ])
    .optional(),
});

const hatSchema = z
  .strictObject({ person: userId, role, from: date, until: date.optional() })
  .refine((h) => h.until === undefined || h.until > h.from, {
    error: "until must be after from (until is the day the hat came off, not included)",
    path: ["until"],
  });

const deciderSchema = z
  .strictObject({ area: z.string().min(1), role: role.optional(), person: userId.optional() })
  .refine((d) => (d.role === undefined) !== (d.person === undefined), {
    error: "give the decider as either role or person, not both or neither",
  });

const teamSchema = z.strictObject({
  channel: channelId,
  name: z.string().min(1).max(80).optional(),
  digest_channel: channelId.optional(),
  headcount: wholeNumber(0, 100_000, "headcount").optional(),
  hats: z.array(hatSchema).default([]),
  deciders: z.array(deciderSchema).default([]),
});

const splitSchema = z.record(z.string(), z.unknown()).superRefine((split, ctx) => {
  for (const key of Object.keys(split)) {
    if (!isSplitKey(key)) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        // The key is what is wrong, so the error points at it rather than at its number.
        params: { at: "key" },
        message: `"${key}" is not a role id (use ${ROLE_LIST} or other)${roleHint(key)}`,
      });
      return;
    }
  }
  const problem = splitProblem(split);
  if (problem) ctx.addIssue({ code: "custom", message: problem.replace(/`/g, "") });
}) as unknown as z.ZodType<Split>;

const personSchema = z.strictObject({
  id: userId,
  allocations: z.array(z.strictObject({ from: date, split: splitSchema })).min(1, {
    error: "list at least one allocation, or leave the person out",
  }),
});

/** A question the workspace taught rolecall ("Did you mean?"), answered with `area` from then on. */
const learnedSchema = z.strictObject({
  question: z.string().min(1).max(500),
  area: z.string().min(1),
  by: userId.optional(),
  at: z.iso.datetime({ error: "at must be a time such as 2026-11-23T12:00:00.000Z" }).optional(),
});

const fileSchema = z
  .strictObject({
    version: z.literal(ROLES_FILE_VERSION, { error: `version must be ${ROLES_FILE_VERSION}` }).optional(),
    workspace: z
      .string()
      .regex(/^[TE][A-Z0-9]{2,}$/, {
        error: (iss) => `"${iss.input}" is not a Slack workspace id such as T0123ABCD`,
      })
      .optional(),
    settings: settingsSchema.optional(),
    areas: z.array(areaSchema).default([]),
    // Optional: a file without it leaves what was learned alone; a list, even empty, is the whole set.
    learned: z.array(learnedSchema).optional(),
    // Required, so that a stray partial file cannot end every hat: `teams: []` says so explicitly.
    teams: z.array(teamSchema, {
      error: (iss) =>
        iss.input === undefined
          ? "the file has no teams list; it describes every team (write `teams: []` to end every hat)"
          : undefined,
    }),
    people: z.array(personSchema).default([]),
  })
  .superRefine((file, ctx) => {
    const dup = <T>(
      items: T[],
      key: (t: T) => string,
      path: (i: number) => (string | number)[],
      what: string,
    ) => {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        const k = key(item);
        if (seen.has(k))
          ctx.addIssue({ code: "custom", path: path(i), message: `${what} ${k} is listed twice` });
        seen.add(k);
      });
    };
    dup(
      file.areas,
      (a) => a.id,
      (i) => ["areas", i, "id"],
      "area",
    );
    dup(
      file.teams,
      (t) => t.channel,
      (i) => ["teams", i, "channel"],
      "team",
    );
    dup(
      file.people,
      (p) => p.id,
      (i) => ["people", i, "id"],
      "person",
    );
    file.teams.forEach((team, t) => {
      dup(
        team.deciders,
        (d) => d.area,
        (i) => ["teams", t, "deciders", i, "area"],
        "a decider for area",
      );
      team.hats.forEach((hat, i) => {
        const clash = team.hats.findIndex(
          (other, j) =>
            j < i &&
            other.person === hat.person &&
            other.role === hat.role &&
            (other.until === undefined || other.until > hat.from) &&
            (hat.until === undefined || hat.until > other.from),
        );
        if (clash >= 0)
          ctx.addIssue({
            code: "custom",
            path: ["teams", t, "hats", i],
            message: `${hat.person} already wears ${hat.role} on this team then (hat #${clash + 1} overlaps it)`,
          });
      });
    });
    file.people.forEach((person, p) => {
      dup(
        person.allocations,
        (a) => a.from,
        (i) => ["people", p, "allocations", i, "from"],
        "an allocation from",
      );
    });
  });

export type RolesFile = z.output<typeof fileSchema>;
export type RolesFileTeam = RolesFile["teams"][number];
export type RolesFileHat = RolesFileTeam["hats"][number];
export type RolesFileArea = RolesFile["areas"][number];
export type RolesFileSettings = NonNullable<RolesFile["settings"]>;
export type RolesFileLearned = NonNullable<RolesFile["learned"]>[number];

/** A path into the file (keys and list indexes), as zod and `yaml` both spell it. */
export type FilePath = readonly (string | number)[];

export type ParsedRolesFile =
  | {
      ok: true;
      file: RolesFile;
      /** "roles.yml:12:7" for a path, pointing at the nearest node the file has. */
      at(path: FilePath): string;
    }
  | { ok: false; errors: string[] };

/**
 * `npm run cli -- export > roles.yml` captures npm's own banner ("> rolecall@0.1.0 cli") above the
 * YAML. Those lines cannot be YAML, so they are read as comments (keeping line numbers).
 */
export function withoutNpmBanner(text: string): string {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.startsWith("> ")) lines[i] = `#${line}`;
    else if (line.trim() !== "") break;
  }
  return lines.join("\n");
}

/** Parses and validates a roles file; every problem names its line and says what is wrong. */
export function parseRolesFile(text: string, fileName = "roles.yml"): ParsedRolesFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(withoutNpmBanner(text), { lineCounter, prettyErrors: false, uniqueKeys: true });
  const where = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${fileName}:${line}:${col}`;
  };
  if (doc.errors.length) {
    return {
      ok: false,
      errors: doc.errors.map(
        (e) =>
          `${where(e.pos[0])}: ${(e.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "")}`,
      ),
    };
  }
  const at = (path: FilePath): string => where(offsetOf(doc, path));
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return { ok: false, errors: [`${fileName}: ${(err as Error).message}`] };
  }
  if (raw === null || raw === undefined) return { ok: false, errors: [`${fileName}:1:1: the file is empty`] };
  const parsed = fileSchema.safeParse(raw, { reportInput: true });
  if (parsed.success) return { ok: true, file: parsed.data, at };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => {
      const path = issue.path as (string | number)[];
      if (issue.code === "unrecognized_keys") {
        const keys = issue.keys;
        return `${where(keyOffset(doc, path, keys[0] ?? "") ?? offsetOf(doc, path))}: ${describe(path)}unknown key${keys.length > 1 ? "s" : ""} ${keys.map((k) => `"${k}"`).join(", ")}${suggestKeys(path)}`;
      }
      const key = path[path.length - 1];
      if (issue.code === "custom" && issue.params?.at === "key" && typeof key === "string") {
        const offset = keyOffset(doc, path.slice(0, -1), key);
        if (offset !== undefined) return `${where(offset)}: ${describe(path)}${messageOf(issue)}`;
      }
      return `${at(path)}: ${describe(path)}${messageOf(issue)}`;
    }),
  };
}

function describe(path: FilePath): string {
  if (!path.length) return "";
  return `${path.map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${p}` : p)).join("")}: `;
}

function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type") {
    if (issue.path.length === 0) return "the file must be a mapping with settings, teams and people";
    if (issue.input === undefined && issue.message.startsWith("Invalid input")) {
      const last = issue.path[issue.path.length - 1];
      const key = issue.path[0] === "areas" && last === "id" ? "area id" : last;
      return `missing (expected ${(typeof key === "string" && MISSING[key]) || expectedName(issue.expected)})`;
    }
    if (issue.input === undefined) return issue.message;
    return `expected ${expectedName(issue.expected)}, got ${describeValue(issue.input)}`;
  }
  if (issue.code === "too_small" && issue.origin === "string") return "must not be empty or so short";
  return issue.message;
}

/** What a required key holds, for "missing" errors, where zod knows only "a string". */
const MISSING: Record<string, string> = {
  from: "a date such as 2026-01-05",
  person: "a Slack user id such as U0123ABCD",
  id: "a Slack user id such as U0123ABCD",
  channel: "a Slack channel id such as C0123ABCD",
  role: `a role id: ${ROLE_LIST}`,
  decider: `a role id: ${ROLE_LIST}`,
  "area id": "an id such as custom-incident-comms",
  split: "a mapping such as { tech-lead: 60, engineering-manager: 40 }",
  area: "an area id, such as team-database",
  question: "the question as it was asked",
};

function expectedName(expected: string): string {
  const names: Record<string, string> = { object: "a mapping", record: "a mapping", array: "a list" };
  return names[expected] ?? `a ${expected}`;
}

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return "a list";
  if (v === null) return "nothing";
  if (typeof v === "object") return "a mapping";
  return `${typeof v} ${JSON.stringify(v)}`;
}

const KNOWN_KEYS: Record<string, string[]> = {
  "": ["version", "workspace", "settings", "areas", "learned", "teams", "people"],
  settings: ["timezone", "checkin", "reminder_after_hours", "drift_threshold_pp", "digest_time", "holidays"],
  holidays: ["country", "region"],
  teams: ["channel", "name", "digest_channel", "headcount", "hats", "deciders"],
  hats: ["person", "role", "from", "until"],
  deciders: ["area", "role", "person"],
  people: ["id", "allocations"],
  allocations: ["from", "split"],
  areas: ["id", "title", "description", "keywords", "decider", "consulted", "informed"],
  checkin: ["day", "time"],
  learned: ["question", "area", "by", "at"],
};

function suggestKeys(path: FilePath): string {
  const owner = [...path].reverse().find((p) => typeof p === "string") ?? "";
  const keys = KNOWN_KEYS[owner as string];
  return keys ? ` (known keys here: ${keys.join(", ")})` : "";
}

/** Offset of the deepest node along `path` that exists in the document. */
function offsetOf(doc: Document, path: FilePath): number {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (range) return range[0];
  }
  return 0;
}

function keyOffset(doc: Document, path: FilePath, key: string): number | undefined {
  const node = path.length ? doc.getIn(path, true) : doc.contents;
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
  return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Rendering (export)
// ---------------------------------------------------------------------------------------------

/** What export writes, already in canonical order; `renderRolesFile` only formats it. */
export type RolesFileOut = {
  workspace: string;
  settings: {
    timezone: string;
    checkin: { day: string; time: string };
    reminder_after_hours: number;
    drift_threshold_pp: number;
    digest_time: string;
    /** Written only when set. */
    holidays?: { country: string; region?: string };
  };
  areas: Omit<DecisionArea, "source">[];
  /** Written only when the workspace learned something. */
  learned?: { question: string; area: string; by?: string; at: string }[];
  teams: {
    channel: string;
    name?: string;
    digest_channel?: string;
    headcount?: number;
    hats: { person: string; role: RoleId; from: string; until?: string }[];
    deciders: ({ area: string; role: RoleId } | { area: string; person: string })[];
  }[];
  people: { id: string; allocations: { from: string; split: Split }[] }[];
};

const HEADER = [
  " rolecall roles file: a workspace's teams, hats, allocations and decider overrides.",
  " Load it with `npm run cli -- import roles.yml`; write it with `npm run cli -- export > roles.yml`.",
  " Hats are periods: `from` is the first day worn, `until` the day it came off (not included).",
  " An allocation applies from its date until the next one; its parts total 100.",
].join("\n");

/** The canonical YAML text of a roles file. */
export function renderRolesFile(out: RolesFileOut): string {
  const body: Record<string, unknown> = {
    version: ROLES_FILE_VERSION,
    workspace: out.workspace,
    settings: out.settings,
  };
  if (out.areas.length) body.areas = out.areas;
  if (out.learned?.length) body.learned = out.learned;
  body.teams = out.teams.map((t) => {
    const team: Record<string, unknown> = { channel: t.channel };
    if (t.name !== undefined) team.name = t.name;
    if (t.digest_channel !== undefined) team.digest_channel = t.digest_channel;
    if (t.headcount !== undefined) team.headcount = t.headcount;
    if (t.hats.length) team.hats = t.hats;
    if (t.deciders.length) team.deciders = t.deciders;
    return team;
  });
  body.people = out.people;
  const doc = new Document(body);
  doc.commentBefore = HEADER;
  // Small records read best on one line each: hats, deciders, splits, the check-in slot, word lists.
  const flowAt = (path: (string | number)[]) => {
    const value = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], body);
    if (value !== undefined) doc.setIn(path, doc.createNode(value, { flow: true }));
  };
  flowAt(["settings", "checkin"]);
  flowAt(["settings", "holidays"]);
  for (const [i] of out.areas.entries()) {
    for (const key of ["keywords", "consulted", "informed"]) flowAt(["areas", i, key]);
  }
  for (const [i] of (out.learned ?? []).entries()) flowAt(["learned", i]);
  for (const [i, t] of out.teams.entries()) {
    for (const [j] of t.hats.entries()) flowAt(["teams", i, "hats", j]);
    for (const [j] of t.deciders.entries()) flowAt(["teams", i, "deciders", j]);
  }
  for (const [i, p] of out.people.entries()) {
    for (const [j] of p.allocations.entries()) flowAt(["people", i, "allocations", j, "split"]);
  }
  // Times are quoted so no YAML 1.1 reader takes "15:00" for a number of minutes.
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && /^\d{1,2}:\d{2}$/.test(node.value)) node.type = "QUOTE_DOUBLE";
    },
  });
  return doc.toString({ lineWidth: 0 });
}
