import { readFileSync } from "node:fs";
import { isRoleId, type RoleId } from "../../src/domain/roles.ts";

/**
 * One line of a who-decides TSV: a question, the decider roles accepted for it (empty = out of
 * domain) and, where the file names them, the areas it belongs to.
 */
export type WhoDecidesCase = { question: string; accepted: RoleId[]; areas: string[]; line: number };

/**
 * Parses `question<TAB>roles[<TAB>areas]` lines; `#` lines are comments, "none" means no owner may
 * be claimed, "-" no area.
 */
export function readCases(url: URL): WhoDecidesCase[] {
  const cases: WhoDecidesCase[] = [];
  readFileSync(url, "utf8")
    .split("\n")
    .forEach((raw, i) => {
      const text = raw.trimEnd();
      if (text.trim() === "" || text.startsWith("#")) return;
      const [question, roles, areas = "-"] = text.split("\t");
      if (!question || !roles) throw new Error(`line ${i + 1}: expected "question<TAB>roles"`);
      const names = roles.split(",").map((r) => r.trim());
      const accepted = names.filter(isRoleId);
      if (accepted.length !== names.filter((r) => r !== "none").length) {
        throw new Error(`line ${i + 1}: unknown role in "${roles}"`);
      }
      const areaIds = areas.split(",").map((a) => a.trim());
      cases.push({
        question: question.trim(),
        accepted,
        areas: areaIds.filter((a) => a !== "-"),
        line: i + 1,
      });
    });
  return cases;
}
