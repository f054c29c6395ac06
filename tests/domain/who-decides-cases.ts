import { readFileSync } from "node:fs";
import { isRoleId, type RoleId } from "../../src/domain/roles.ts";

/** One line of a who-decides TSV: a question and the decider roles accepted for it (empty = out of domain). */
export type WhoDecidesCase = { question: string; accepted: RoleId[]; line: number };

/** Parses `question<TAB>roles` lines; `#` lines are comments, "none" means no owner may be claimed. */
export function readCases(url: URL): WhoDecidesCase[] {
  const cases: WhoDecidesCase[] = [];
  readFileSync(url, "utf8")
    .split("\n")
    .forEach((raw, i) => {
      const text = raw.trimEnd();
      if (text.trim() === "" || text.startsWith("#")) return;
      const [question, roles] = text.split("\t");
      if (!question || !roles) throw new Error(`line ${i + 1}: expected "question<TAB>roles"`);
      const names = roles.split(",").map((r) => r.trim());
      const accepted = names.filter(isRoleId);
      if (accepted.length !== names.filter((r) => r !== "none").length) {
        throw new Error(`line ${i + 1}: unknown role in "${roles}"`);
      }
      cases.push({ question: question.trim(), accepted, line: i + 1 });
    });
  return cases;
}
