import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/domain/command.ts";

const ok = (text: string) => {
  const r = parseCommand(text);
  if (!r.ok) throw new Error(`expected ${text} to parse: ${r.error}`);
  return r.value;
};
const err = (text: string) => {
  const r = parseCommand(text);
  if (r.ok) throw new Error(`expected ${text} to fail`);
  return r;
};

describe("parseCommand", () => {
  it("gives help for empty text, help, and unknown subcommands", () => {
    expect(ok("")).toEqual({ kind: "help" });
    expect(ok("   ")).toEqual({ kind: "help" });
    expect(ok("HELP")).toEqual({ kind: "help" });
    expect(ok("dance")).toEqual({ kind: "help", unknown: "dance" });
  });

  it("parses who-decides with the whole question", () => {
    expect(ok("who-decides which DB do we use?")).toEqual({
      kind: "who-decides",
      question: "which DB do we use?",
    });
    expect(ok("who decides promotions")).toEqual({ kind: "who-decides", question: "promotions" });
    expect(err("who-decides").error).toMatch(/Ask a question/);
  });

  it("reads escaped mentions", () => {
    expect(ok("whois <@U123ABC|lee>")).toEqual({ kind: "whois", userId: "U123ABC" });
    expect(ok("whois <@W123ABC>")).toEqual({ kind: "whois", userId: "W123ABC" });
    expect(err("whois @lee").usage).toBe("/role whois @user");
  });

  it("parses assign and unassign with role aliases", () => {
    expect(ok("assign <@U1AA|a> TL")).toEqual({ kind: "assign", userId: "U1AA", role: "tech-lead" });
    expect(ok("assign <@U1AA|a> tech lead")).toEqual({ kind: "assign", userId: "U1AA", role: "tech-lead" });
    expect(ok("unassign <@U1AA|a> eng manager")).toEqual({
      kind: "unassign",
      userId: "U1AA",
      role: "engineering-manager",
    });
    expect(ok("assign <@U1AA|a> PM")).toEqual({ kind: "assign", userId: "U1AA", role: "product-manager" });
    expect(err("assign <@U1AA|a> wizard").error).toMatch(/`wizard` is not a role/);
    expect(err("assign lee tech-lead").usage).toBe("/role assign @user <role>");
  });

  it("parses decide with straight or curly quotes", () => {
    expect(ok('decide "Team database choice" architect')).toEqual({
      kind: "decide",
      area: "Team database choice",
      decider: { role: "architect" },
    });
    expect(ok("decide “On-call rota” <@U9ZZ|sam>")).toEqual({
      kind: "decide",
      area: "On-call rota",
      decider: { userId: "U9ZZ" },
    });
    expect(err("decide database architect").error).toMatch(/in quotes/);
    expect(err('decide "db" architect').error).toMatch(/3 to 80/);
  });

  it("parses allocate and rejects every bad split with a reason", () => {
    expect(ok("allocate <@U1AA|a> tech-lead=60 EM=40")).toEqual({
      kind: "allocate",
      userId: "U1AA",
      parts: [
        { key: "tech-lead", pct: 60 },
        { key: "engineering-manager", pct: 40 },
      ],
      from: undefined,
    });
    expect(ok("allocate <@U1AA|a> tl=50 em=40 other=10 from 2026-12-01")).toMatchObject({
      from: "2026-12-01",
    });
    expect(err("allocate <@U1AA|a> wizard=60 em=40").error).toMatch(/not a role/);
    expect(err("allocate <@U1AA|a> tl=60 em=30").error).toMatch(/add up to 90/);
    expect(err("allocate <@U1AA|a> tl=60 tl=40").error).toMatch(/given twice/);
    expect(err("allocate <@U1AA|a> tl=sixty em=40").error).toMatch(/not a whole number/);
    expect(err("allocate <@U1AA|a> tl=-10 em=110").error).toMatch(/negative/);
    expect(err("allocate <@U1AA|a> tl=60 em=40 from 2026-13-01").error).toMatch(/from/);
    expect(err("allocate <@U1AA|a>").usage).toContain("/role allocate");
  });

  it("parses checkin, digest and admin forms", () => {
    expect(ok("checkin pause")).toEqual({ kind: "checkin", action: "pause" });
    expect(ok("checkin at fri 16:00")).toEqual({ kind: "checkin", action: "at", slot: "fri 16:00" });
    expect(ok("checkin away 2026-12-20..2027-01-05")).toEqual({
      kind: "checkin",
      action: "away",
      range: "2026-12-20..2027-01-05",
    });
    expect(ok("checkin away 2026-12-20 .. 2027-01-05")).toEqual({
      kind: "checkin",
      action: "away",
      range: "2026-12-20 .. 2027-01-05",
    });
    expect(err("checkin away").error).toContain("Give one date range");
    expect(err("checkin sometimes").error).toMatch(/pause/);
    expect(ok("digest preview")).toEqual({ kind: "digest", action: "preview", month: undefined });
    expect(ok("digest preview 2026-10")).toEqual({ kind: "digest", action: "preview", month: "2026-10" });
    expect(err("digest preview October").error).toMatch(/2026-11/);
    expect(err("digest preview 2026-11 extra").error).toBe(
      '`preview` takes at most one month, not "2026-11 extra".',
    );
    expect(ok("digest private")).toEqual({ kind: "digest", action: "private" });
    expect(ok("org")).toEqual({ kind: "org", month: undefined });
    expect(ok("org 2026-11")).toEqual({ kind: "org", month: "2026-11" });
    expect(err("org November").error).toMatch(/2026-11/);
    expect(err("org 2026-11 2026-10").usage).toBe("/role org [YYYY-MM]");
    expect(ok("admin add <@U7|x>")).toEqual({ kind: "admin", action: "add", userId: "U7" });
    expect(err("admin promote <@U7|x>").usage).toBe("/role admin add|remove @user");
  });

  it("never throws on hostile input", () => {
    for (const text of [
      "\u0000",
      "\u202e".repeat(100),
      "x".repeat(4000),
      'decide "',
      "allocate <@",
      "who-decides 🔥",
    ]) {
      expect(() => parseCommand(text)).not.toThrow();
    }
  });
});

describe("parseCommand: forget", () => {
  it("takes the learned question, quoted or not, straight or curly", () => {
    expect(ok('forget "who names our services"')).toEqual({
      kind: "forget",
      phrasing: "who names our services",
    });
    expect(ok("forget “who names our services”")).toEqual({
      kind: "forget",
      phrasing: "who names our services",
    });
    expect(ok("forget who names our services")).toEqual({
      kind: "forget",
      phrasing: "who names our services",
    });
  });

  it("asks for the question when there is none, and refuses an overlong one", () => {
    expect(err("forget").error).toContain("Say which learned question to forget");
    expect(err('forget ""').usage).toBe('/role forget "<question>"');
    expect(err(`forget ${"x".repeat(501)}`).error).toContain("too long");
  });
});
