import { z } from "zod";
import type { ParseResult } from "./parse-result.ts";
import { parseRole, type RoleId } from "./roles.ts";

/** `/role checkin at`: the example the help shows, and the form error replies show. */
export const CHECKIN_AT_EXAMPLE = "/role checkin at fri 16:00";
export const CHECKIN_AT_USAGE = `/role checkin at <day> <time>, e.g. ${CHECKIN_AT_EXAMPLE}`;
export const CHECKIN_COUNTRY_USAGE =
  "/role checkin country <country> [<region>] | none, e.g. /role checkin country DE BY";
export const CHECKIN_AWAY_USAGE =
  "/role checkin away <YYYY-MM-DD>..<YYYY-MM-DD>, e.g. /role checkin away 2026-12-20..2027-01-05";

/** One entry per subcommand: its form, who may use it, and an example. Drives help and error replies. */
export const SUBCOMMANDS = [
  { name: "help", usage: "/role help", who: "anyone", example: "/role help", summary: "this list" },
  {
    name: "who-decides",
    usage: "/role who-decides <question>",
    who: "anyone",
    example: "/role who-decides which database should we use for the new service?",
    summary: "which role decides, who holds it on this channel's team, who is consulted",
  },
  {
    name: "whois",
    usage: "/role whois @user",
    who: "anyone",
    example: "/role whois @lee",
    summary: "a person's hats, split and recent check-ins",
  },
  {
    name: "team",
    usage: "/role team",
    who: "anyone",
    example: "/role team",
    summary: "this channel's role map",
  },
  {
    name: "areas",
    usage: "/role areas [page]",
    who: "anyone",
    example: "/role areas 2",
    summary: "the decision catalog, by deciding role",
  },
  {
    name: "assign",
    usage: "/role assign @user <role>",
    who: "admin",
    example: "/role assign @lee tech-lead",
    summary: "give someone a hat on this channel's team",
  },
  {
    name: "unassign",
    usage: "/role unassign @user <role>",
    who: "admin",
    example: "/role unassign @lee tech-lead",
    summary: "take a hat back",
  },
  {
    name: "decide",
    usage: '/role decide "<area>" <role|@user>',
    who: "admin",
    example: '/role decide "Team database choice" architect',
    summary: "set this channel's decider for an area (a new title adds a custom area)",
  },
  {
    name: "forget",
    usage: '/role forget "<question>"',
    who: "admin",
    example: '/role forget "who picks our database"',
    summary: "undo what a Did you mean? pick taught rolecall (see `/role areas`)",
  },
  {
    name: "allocate",
    usage: "/role allocate @user <role>=<pct> … [from YYYY-MM-DD]",
    who: "admin, or the person themself",
    example: "/role allocate @lee tech-lead=60 engineering-manager=40",
    summary: "state a hybrid lead's split; parts total 100",
  },
  {
    name: "checkin",
    usage:
      "/role checkin pause|resume|now | at <day> <HH:MM> | away <YYYY-MM-DD>..<YYYY-MM-DD> | country <CC> [<region>]|none",
    who: "the lead themself",
    example: CHECKIN_AT_EXAMPLE,
    summary: "control your weekly check-in",
  },
  {
    name: "digest",
    usage: "/role digest preview [YYYY-MM] | private | public",
    who: "anyone (preview is only shown to you)",
    example: "/role digest preview 2026-11",
    summary: "see this channel's monthly drift digest; keep your own figures private",
  },
  {
    name: "org",
    usage: "/role org [YYYY-MM]",
    who: "admin (only shown to you)",
    example: "/role org 2026-11",
    summary: "the organisation's monthly report: findings across every team, response rates, trend",
  },
  {
    name: "admin",
    usage: "/role admin add|remove @user",
    who: "admin",
    example: "/role admin add @sam",
    summary: "manage rolecall admins",
  },
] as const;

export type SubcommandName = (typeof SUBCOMMANDS)[number]["name"];

export function usageOf(name: SubcommandName): string {
  return SUBCOMMANDS.find((s) => s.name === name)?.usage ?? "/role help";
}

export type AllocationPart = { key: RoleId | "other"; pct: number };

export type Command =
  | { kind: "help"; unknown?: string }
  | { kind: "who-decides"; question: string }
  | { kind: "whois"; userId: string }
  | { kind: "team" }
  | { kind: "areas"; page: number }
  | { kind: "assign"; userId: string; role: RoleId }
  | { kind: "unassign"; userId: string; role: RoleId }
  | { kind: "decide"; area: string; decider: { role: RoleId } | { userId: string } }
  | { kind: "forget"; phrasing: string }
  | { kind: "allocate"; userId: string; parts: AllocationPart[]; from: string | undefined }
  | { kind: "checkin"; action: "pause" | "resume" | "now" }
  | { kind: "checkin"; action: "at"; slot: string }
  | { kind: "checkin"; action: "away"; range: string }
  /** `country: null` clears the person's own place (back to the workspace's). */
  | { kind: "checkin"; action: "country"; country: string | null; region: string | null }
  | { kind: "digest"; action: "preview"; month: string | undefined }
  | { kind: "digest"; action: "private" | "public" }
  | { kind: "org"; month: string | undefined }
  | { kind: "admin"; action: "add" | "remove"; userId: string };

const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const isoDate = z.iso.date();
const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

const fail = (name: SubcommandName, error: string): ParseResult<Command> => ({
  ok: false,
  error,
  usage: usageOf(name),
});
const ok = (command: Command): ParseResult<Command> => ({ ok: true, value: command });

/** Parses the text after `/role` (mentions arrive escaped as <@U123|name>). Pure; never throws. */
export function parseCommand(rawText: string): ParseResult<Command> {
  // Control characters (NUL, bidi overrides) are never meaningful in a command; drop them before parsing.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point here
  const text = rawText.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, "").trim();
  if (text === "") return ok({ kind: "help" });
  const [head = "", ...rest] = text.split(/\s+/);
  const sub = head.toLowerCase();
  const args = rest;
  const tail = text.slice(head.length).trim();

  switch (sub) {
    case "help":
      return ok({ kind: "help" });
    case "who-decides":
    case "whodecides":
    case "who": {
      const question =
        sub === "who" && args[0]?.toLowerCase() === "decides" ? tail.replace(/^decides\s*/i, "") : tail;
      if (!question) return fail("who-decides", "Ask a question after `who-decides`.");
      if (question.length > 500)
        return fail("who-decides", "That question is too long: keep it under 500 characters.");
      return ok({ kind: "who-decides", question });
    }
    case "whois": {
      const userId = mention(args[0]);
      if (!userId || args.length !== 1) return fail("whois", "Name one person with an @mention.");
      return ok({ kind: "whois", userId });
    }
    case "team":
      return args.length
        ? fail("team", "`team` takes no arguments: it shows this channel's map.")
        : ok({ kind: "team" });
    case "areas": {
      if (args.length === 0) return ok({ kind: "areas", page: 1 });
      const page = z.coerce.number().int().min(1).max(1000).safeParse(args[0]);
      if (!page.success || args.length > 1)
        return fail("areas", "The page must be a whole number, such as 2.");
      return ok({ kind: "areas", page: page.data });
    }
    case "assign":
    case "unassign": {
      const userId = mention(args[0]);
      if (!userId) return fail(sub, "Start with the person, as an @mention.");
      const roleText = args.slice(1).join(" ");
      if (!roleText)
        return fail(sub, "Say which role: tech-lead, engineering-manager, architect or product-manager.");
      const role = parseRole(roleText);
      if (!role)
        return fail(
          sub,
          `\`${clip(roleText)}\` is not a role. Use tech-lead (TL), engineering-manager (EM), architect or product-manager (PM).`,
        );
      return ok(sub === "assign" ? { kind: "assign", userId, role } : { kind: "unassign", userId, role });
    }
    case "decide":
      return parseDecide(tail);
    case "forget": {
      // Quotes are optional; Slack clients often turn straight ones into curly ones.
      const phrasing = tail.replace(/^["“”'‘’]|["“”'‘’]$/g, "").trim();
      if (!phrasing) return fail("forget", "Say which learned question to forget, in quotes.");
      if (phrasing.length > 500)
        return fail("forget", "That question is too long: keep it under 500 characters.");
      return ok({ kind: "forget", phrasing });
    }
    case "allocate":
      return parseAllocate(args);
    case "checkin":
      return parseCheckin(args);
    case "digest": {
      const action = args[0]?.toLowerCase();
      if (action === "private" || action === "public") {
        return args.length === 1
          ? ok({ kind: "digest", action })
          : fail("digest", `\`${action}\` takes no arguments.`);
      }
      if (action === "preview") {
        if (args.length === 1) return ok({ kind: "digest", action, month: undefined });
        if (args.length > 2)
          return fail("digest", `\`preview\` takes at most one month, not "${args.slice(1).join(" ")}".`);
        const month = isoMonth.safeParse(args[1]);
        if (!month.success) return fail("digest", "The month must look like 2026-11.");
        return ok({ kind: "digest", action, month: month.data });
      }
      return fail("digest", "Say `preview`, `private` or `public` after `digest`.");
    }
    case "org": {
      if (args.length === 0) return ok({ kind: "org", month: undefined });
      if (args.length > 1) return fail("org", `\`org\` takes at most one month, not "${args.join(" ")}".`);
      const month = isoMonth.safeParse(args[0]);
      if (!month.success) return fail("org", "The month must look like 2026-11.");
      return ok({ kind: "org", month: month.data });
    }
    case "admin": {
      const action = args[0]?.toLowerCase();
      const userId = mention(args[1]);
      if ((action !== "add" && action !== "remove") || !userId || args.length !== 2) {
        return fail("admin", "Say `add` or `remove`, then one @mention.");
      }
      return ok({ kind: "admin", action, userId });
    }
    default:
      return ok({ kind: "help", unknown: clip(head) });
  }
}

function mention(token: string | undefined): string | undefined {
  return token ? MENTION.exec(token)?.[1] : undefined;
}

function clip(s: string, max = 40): string {
  const safe = s.replace(/`/g, "'");
  return safe.length > max ? `${safe.slice(0, max)}…` : safe;
}

function parseDecide(tail: string): ParseResult<Command> {
  // Slack clients often turn straight quotes into curly ones.
  const m = /^["“”'‘’]([^"“”]+)["“”'‘’]\s+(.+)$/.exec(tail);
  if (!m) return fail("decide", "Put the area's title in quotes, then a role or an @mention.");
  const area = (m[1] as string).trim();
  const target = (m[2] as string).trim();
  if (area.length < 3 || area.length > 80)
    return fail("decide", "An area's title must be 3 to 80 characters.");
  const userId = mention(target);
  if (userId) return ok({ kind: "decide", area, decider: { userId } });
  const role = parseRole(target);
  if (!role) return fail("decide", `\`${clip(target)}\` is not a role or an @mention.`);
  return ok({ kind: "decide", area, decider: { role } });
}

function parseAllocate(args: string[]): ParseResult<Command> {
  const userId = mention(args[0]);
  if (!userId) return fail("allocate", "Start with the person, as an @mention.");
  let rest = args.slice(1);
  let from: string | undefined;
  const fromAt = rest.findIndex((t) => t.toLowerCase() === "from");
  if (fromAt >= 0) {
    const dateText = rest[fromAt + 1];
    const date = isoDate.safeParse(dateText);
    if (fromAt + 2 !== rest.length || dateText === undefined) {
      return fail("allocate", "`from` must be followed by one date such as 2026-12-01, at the end.");
    }
    if (!date.success) {
      return fail(
        "allocate",
        /^\d{4}-\d{2}-\d{2}$/.test(dateText)
          ? `\`from ${clip(dateText)}\`: there is no such day. Use a real date, such as 2026-12-01.`
          : `\`from ${clip(dateText)}\` is not a date: write it as YYYY-MM-DD, such as 2026-12-01.`,
      );
    }
    from = date.data;
    rest = rest.slice(0, fromAt);
  }
  if (rest.length === 0)
    return fail("allocate", "Give each role a percentage, such as tech-lead=60 engineering-manager=40.");
  const parts: AllocationPart[] = [];
  for (const token of allocationTokens(rest)) {
    const m = /^([^=]+)=(.*)$/.exec(token);
    if (!m)
      return fail("allocate", `\`${clip(token)}\` should look like role=percent, such as tech-lead=60.`);
    const name = m[1] as string;
    const key = name.toLowerCase() === "other" ? "other" : parseRole(name);
    if (!key)
      return fail(
        "allocate",
        `\`${clip(name)}\` is not a role. Use tech-lead, engineering-manager, architect, product-manager or other.`,
      );
    const value = (m[2] as string).replace(/%$/, "");
    if (value === "") return fail("allocate", `${key} has no percentage after \`=\`, such as ${key}=60.`);
    if (!/^-?\d+$/.test(value))
      return fail("allocate", `\`${clip(m[2] as string)}\` for ${key} is not a whole number.`);
    const pct = Number(value);
    if (pct < 0) return fail("allocate", `${key} cannot be negative (${pct}).`);
    if (pct > 100) return fail("allocate", `${key} cannot be more than 100 (${pct}).`);
    if (parts.some((p) => p.key === key))
      return fail("allocate", `${key} is given twice: name each role once.`);
    parts.push({ key, pct });
  }
  const total = parts.reduce((sum, p) => sum + p.pct, 0);
  if (total !== 100) return fail("allocate", `The parts add up to ${total}; they must total exactly 100.`);
  return ok({ kind: "allocate", userId, parts, from });
}

/**
 * `role=pct` tokens, accepting the multi-word aliases ("tech lead=60 eng manager=40") and spaces
 * around "=" ("tech-lead = 60") that people type: words without "=" join the token after them.
 */
function allocationTokens(words: readonly string[]): string[] {
  // A space after "=" is closed only before a number, so "tech-lead= em=40" still reads as a missing number.
  const joined = words
    .join(" ")
    .replace(/\s+=/g, "=")
    .replace(/=\s+(?=[-+\d])/g, "=");
  const tokens: string[] = [];
  let pending: string[] = [];
  for (const word of joined.split(" ")) {
    if (word.includes("=")) {
      tokens.push([...pending, word].join(" "));
      pending = [];
    } else {
      pending.push(word);
    }
  }
  // Words left over name nothing: keep them as a token so the reply can say what is wrong with it.
  if (pending.length) tokens.push(pending.join(" "));
  return tokens;
}

function parseCheckin(args: string[]): ParseResult<Command> {
  const action = args[0]?.toLowerCase();
  switch (action) {
    case "pause":
    case "resume":
    case "now":
      return args.length === 1
        ? ok({ kind: "checkin", action })
        : fail("checkin", `\`${action}\` takes no arguments.`);
    case "at":
      if (args.length < 2) return fail("checkin", "Say a day and a time, such as `at fri 16:00`.");
      return ok({ kind: "checkin", action, slot: args.slice(1).join(" ") });
    case "away":
      if (args.length < 2)
        return fail("checkin", "Give one date range, such as `away 2026-12-20..2027-01-05`.");
      // "2026-12-20 .. 2027-01-05" arrives as three words; the range parser judges the whole.
      return ok({ kind: "checkin", action, range: args.slice(1).join(" ") });
    case "country": {
      const [country, region, ...extra] = args.slice(1);
      if (!country || extra.length > 0)
        return fail(
          "checkin",
          "Give a country code and optionally a region, such as `country DE BY`, or `country none`.",
        );
      if (country.toLowerCase() === "none") {
        return region
          ? fail("checkin", "`country none` takes nothing after it.")
          : ok({ kind: "checkin", action, country: null, region: null });
      }
      return ok({
        kind: "checkin",
        action,
        country: country.toUpperCase(),
        region: region?.toUpperCase() ?? null,
      });
    }
    default:
      return fail(
        "checkin",
        "Say `pause`, `resume`, `now`, `at <day> <time>`, `away <from>..<to>` or `country <code>` after `checkin`.",
      );
  }
}
