import { describe, expect, it } from "vitest";
import { isRoleId, parseRole, ROLE_IDS, roleLabel } from "../../src/domain/roles.ts";

describe("parseRole", () => {
  it.each([
    ["TL", "tech-lead"],
    ["tl", "tech-lead"],
    ["tech lead", "tech-lead"],
    ["Tech Lead", "tech-lead"],
    ["tech-lead", "tech-lead"],
    ["technical lead", "tech-lead"],
    ["lead engineer", "tech-lead"],
    ["EM", "engineering-manager"],
    ["eng manager", "engineering-manager"],
    ["Engineering Manager", "engineering-manager"],
    ["engineering-manager", "engineering-manager"],
    ["eng mgr", "engineering-manager"],
    ["PM", "product-manager"],
    ["product manager", "product-manager"],
    ["Product Owner", "product-manager"],
    ["architect", "architect"],
    ["Software Architect", "architect"],
    ["arch", "architect"],
  ])("%s -> %s", (text, role) => {
    expect(parseRole(text)).toBe(role);
  });

  it.each(["", "ceo", "designer", "tech", "engineer", "lunch"])("unknown %j -> undefined", (text) => {
    expect(parseRole(text)).toBeUndefined();
  });
});

describe("role ids", () => {
  it("round-trips every id and has a label for it", () => {
    for (const role of ROLE_IDS) {
      expect(isRoleId(role)).toBe(true);
      expect(parseRole(role)).toBe(role);
      expect(roleLabel(role).length).toBeGreaterThan(0);
    }
    expect(isRoleId("manager")).toBe(false);
  });
});
