/**
 * Every /role reply treats what people typed as text. Hostile command texts, built for every
 * subcommand, go through the router's real path (`roleReply`, over an in-memory SQLite store), and
 * every string of every reply is checked:
 *
 * - no broadcast (`<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^…>`) and no link (`<http…>`,
 *   `<mailto:…>`): once allowed mentions are taken out, no `<` or `>` is left at all;
 * - a mention or channel link only for an id rolecall itself resolved: the seeded people, the
 *   requester, this channel, and the `<@U…>` the command parsed and is about;
 * - every `&` starts an entity, and nothing is escaped twice: decoding the output once yields only
 *   entities someone literally typed (typing `&amp;` is sent as `&amp;amp;` and must read `&amp;`
 *   again). "Someone": replies also show what earlier commands stored, such as custom area titles.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCommand } from "../../src/domain/command.ts";
import { decodeSlackEntities } from "../../src/domain/slack-text.ts";
import { ADMIN, CHANNEL, replyStrings, roleWorkspace, SLACK_ADMIN } from "./role-reply-context.ts";

const LEE = "U0LEE";
const SAM = "U0SAM";
const MEMBER = "U0MEMBER";

/** What the person typed, and whether Slack sends it as is (its own mentions and links) or encoded. */
type Piece = { typed: string; raw: boolean };

/** How Slack sends typed text: its three reserved characters as entities. */
const slackEncode = (typed: string) =>
  typed.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const HOSTILE = [
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<!subteam^S123>",
  "<!subteam^S123|@devs>",
  "<https://evil.example|click>",
  "<https://evil.example>",
  "<mailto:a@b.c>",
  "<mailto:a@b.c|mail me>",
  "<@UEVIL1>",
  "<@UEVIL1|evil>",
  "<#CEVIL1|evil>",
];
const TYPED_EXTRAS = [
  "&amp;",
  "&lt;",
  "&gt;",
  "&amp;amp;",
  "&amp;lt;!channel&amp;gt;",
  "&",
  "<",
  ">",
  "R&D",
  "`",
  "```",
  "*bold*",
  "_",
  "~",
  '"',
  "“",
  "=",
  "..",
  "tech-lead",
  "em",
  "60",
  "2026-11",
  "2026-12-20..2026-12-24",
  "fri",
  "16:00",
  "émoji 🙂",
  "\u202e",
  "database",
];

const piece: fc.Arbitrary<Piece> = fc.oneof(
  fc.constantFrom(...HOSTILE).map((typed) => ({ typed, raw: true })),
  fc.constantFrom(...HOSTILE, ...TYPED_EXTRAS).map((typed) => ({ typed, raw: false })),
  fc.string({ unit: "grapheme", maxLength: 6 }).map((typed) => ({ typed, raw: false })),
);
const junk: fc.Arbitrary<Piece[]> = fc
  .tuple(fc.array(piece, { minLength: 1, maxLength: 5 }), fc.boolean())
  .map(([pieces, spaced]) => (spaced ? pieces.flatMap((p) => [p, lit(" ")]) : pieces));

function lit(text: string): Piece {
  return { typed: text, raw: true };
}

type Template = (a: Piece[], b: Piece[]) => Piece[];
const say =
  (...parts: (string | 0 | 1)[]): Template =>
  (a, b) =>
    parts.flatMap((p) => (p === 0 ? a : p === 1 ? b : [lit(p)]));

/** Every subcommand, each with hostile text where it takes words (and where it takes none). */
const TEMPLATES: Record<string, Template> = {
  unknown: say(0),
  help: say("help ", 0),
  "who-decides": say("who-decides ", 0),
  "who decides": say("who decides ", 0, " ", 1),
  whois: say("whois ", 0),
  "whois lee": say(`whois <@${LEE}|lee> `, 0),
  team: say("team ", 0),
  areas: say("areas ", 0),
  assign: say(`assign <@${LEE}|lee> `, 0),
  "assign junk": say("assign ", 0, " tech-lead"),
  unassign: say(`unassign <@${SAM}|sam> `, 0),
  decide: say('decide "', 0, '" ', 1),
  "decide role": say("decide “", 0, "” architect"),
  "decide person": say('decide "', 0, `" <@${SAM}|sam>`),
  allocate: say(`allocate <@${LEE}|lee> `, 0, "=", 1),
  "allocate from": say(`allocate <@${LEE}|lee> tech-lead=60 engineering-manager=40 from `, 0),
  "allocate junk": say("allocate ", 0),
  "checkin at": say("checkin at ", 0),
  "checkin away": say("checkin away ", 0),
  checkin: say("checkin ", 0),
  "checkin now": say("checkin now"),
  "digest preview": say("digest preview ", 0),
  digest: say("digest ", 0),
  "digest private": say("digest private ", 0),
  admin: say("admin add ", 0),
  "admin remove": say("admin remove ", 0, " ", 1),
};

const command = fc.record({
  template: fc.constantFrom(...Object.keys(TEMPLATES)),
  a: junk,
  b: junk,
  user: fc.constantFrom(ADMIN, MEMBER, LEE),
});

const ENTITY = /&(?:amp|lt|gt);/g;
const entities = (text: string) => new Set(text.match(ENTITY) ?? []);

/** The ids a reply may mention: everyone seeded, the requester, this channel, and what the command parsed. */
function allowedIds(typedText: string, user: string): Set<string> {
  const ids = new Set([ADMIN, SLACK_ADMIN, LEE, SAM, user, CHANNEL]);
  const parsed = parseCommand(typedText);
  if (parsed.ok) {
    const c = parsed.value as { userId?: string; decider?: { userId?: string } };
    if (c.userId) ids.add(c.userId);
    if (c.decider?.userId) ids.add(c.decider.userId);
  }
  return ids;
}

function problemsIn(out: string, typedEntities: Set<string>, allowed: Set<string>): string[] {
  const problems: string[] = [];
  if (/<!/.test(out)) problems.push("a broadcast");
  if (/<(?:https?:|mailto:)/i.test(out)) problems.push("a link");
  const rest = out.replace(/<([@#])([A-Z0-9]+)>/g, (m, _kind: string, id: string) =>
    allowed.has(id) ? "" : m,
  );
  if (/[<>]/.test(rest)) problems.push(`an unescaped < or >, or a mention rolecall did not resolve`);
  if (/&(?!(?:amp|lt|gt);)/.test(out)) problems.push("an unescaped &");
  for (const e of entities(decodeSlackEntities(out)))
    if (!typedEntities.has(e)) problems.push(`${e} escaped twice`);
  return problems;
}

describe("/role echoes hostile text inertly", () => {
  const ws = roleWorkspace();
  beforeAll(async () => {
    // A team with a hybrid lead (stated split and a week answered) and an architect, so replies
    // carry real mentions, bars and figures beside the echoed text.
    for (const text of [
      `assign <@${LEE}|lee> tech-lead`,
      `assign <@${LEE}|lee> engineering-manager`,
      `assign <@${SAM}|sam> architect`,
      `allocate <@${LEE}|lee> tech-lead=60 engineering-manager=40`,
    ]) {
      const reply = await ws.run(text, ADMIN);
      expect(reply.text).not.toMatch(/Usage/);
    }
  });

  it("for every subcommand, no reply string pings, links, forges a mention or escapes twice", async () => {
    const typedSoFar = new Set<string>();
    await fc.assert(
      fc.asyncProperty(command, async ({ template, a, b, user }) => {
        const pieces = (TEMPLATES[template] as Template)(a, b);
        const typed = pieces.map((p) => p.typed).join("");
        const wire = pieces.map((p) => (p.raw ? p.typed : slackEncode(p.typed))).join("");
        for (const e of entities(typed)) typedSoFar.add(e);
        const reply = await ws.run(wire, user);
        const allowed = allowedIds(decodeSlackEntities(wire), user);
        for (const out of replyStrings(reply)) {
          const problems = problemsIn(out, typedSoFar, allowed);
          if (problems.length)
            throw new Error(`${problems.join(", ")} in ${JSON.stringify(out)}\nsent: ${wire}`);
        }
      }),
      { numRuns: 400, seed: 1515 },
    );
  });

  it("echoes a who-decides question as typed: decoding the reply once gives it back", async () => {
    const question = fc
      .array(piece, { minLength: 1, maxLength: 6 })
      .map((ps) => ps.concat(lit(" who decides?")))
      // Control characters are dropped by the parser on purpose; the rest must come back verbatim.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point here
      .filter((ps) => !ps.some((p) => /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(p.typed)));
    await fc.assert(
      fc.asyncProperty(question, async (pieces) => {
        const typed = pieces
          .map((p) => p.typed)
          .join("")
          .trim();
        const wire = pieces.map((p) => (p.raw ? p.typed : slackEncode(p.typed))).join("");
        const reply = await ws.run(`who-decides ${wire}`, MEMBER);
        const shown = replyStrings(reply).map(decodeSlackEntities).join("\n");
        expect(shown).toContain(`“${typed}”`);
      }),
      { numRuns: 300, seed: 1516 },
    );
  });

  it("keeps a real mention live only where the command is about that person", async () => {
    const whois = await ws.run(`whois <@${LEE}|lee>`, MEMBER);
    expect(replyStrings(whois).join("\n")).toContain(`<@${LEE}>`);
    const asked = await ws.run(`who-decides should <@UEVIL1|evil> pick the database? <!channel>`, MEMBER);
    const shown = replyStrings(asked).join("\n");
    expect(shown).toContain("&lt;@UEVIL1|evil&gt;");
    expect(shown).toContain("&lt;!channel&gt;");
    expect(shown).not.toContain("<@UEVIL1");
  });

  it("reads R&D once: sent as R&amp;D, shown as R&amp;D, never R&amp;amp;D", async () => {
    const reply = await ws.run("who-decides who owns the R&amp;D budget?", MEMBER);
    const shown = replyStrings(reply).join("\n");
    expect(shown).toContain("R&amp;D");
    expect(shown).not.toContain("&amp;amp;");
  });

  it("sends usage lines with their placeholders escaped, never as link syntax", async () => {
    const reply = await ws.run('decide "x" nobody-at-all', ADMIN);
    const shown = replyStrings(reply).join("\n");
    expect(shown).toContain("&lt;role|@user&gt;");
    expect(shown).not.toContain("<role|@user>");
  });
});
