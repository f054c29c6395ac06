/**
 * The catalog of decision areas: what an area is, and the default catalog's file format. The areas
 * themselves are data (catalog/default.yml); this module only checks and reads its text, so a bad
 * edit is refused with one message before rolecall serves anyone.
 */
import { isMap, parseDocument } from "yaml";
import type { z } from "zod";
import { catalogFileSchema, ROLE_LIST } from "./area-schema.ts";
import type { RoleId } from "./roles.ts";
import { isFillerWord } from "./words.ts";

/**
 * One kind of decision and who holds it, in the spirit of RACI/DACI: a single
 * decider, the hats to consult before deciding, and the hats to tell afterwards.
 */
export type DecisionArea = {
  id: string;
  title: string;
  description: string;
  keywords: string[];
  decider: RoleId;
  consulted: RoleId[];
  informed: RoleId[];
  /** The catalog's id of the article the area comes from (e.g. "real-difference"), or "custom" for admin-added areas. */
  source: string;
};

/** A catalog that cannot be used, with the one message that says where and why. */
export class CatalogError extends Error {
  override name = "CatalogError";
}

export const DEFAULT_CATALOG_NAME = "catalog/default.yml";

/**
 * Reads a catalog file's text into its areas, in file order. Throws a CatalogError naming the
 * file, the area (by id, or by position when it has none) and the field of the first problem.
 */
export function parseCatalog(text: string, fileName = DEFAULT_CATALOG_NAME): DecisionArea[] {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const [line, col] = [syntax.linePos?.[0].line, syntax.linePos?.[0].col];
    const message = (syntax.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
    throw new CatalogError(`${fileName}${line ? `:${line}:${col}` : ""}: ${message}`);
  }
  if (!isMap(doc.contents)) {
    throw new CatalogError(`${fileName}: expected a mapping with sources and areas`);
  }
  const raw: unknown = doc.toJS();
  const parsed = catalogFileSchema.safeParse(raw, { reportInput: true });
  if (parsed.success) return parsed.data.areas;
  const issue = parsed.error.issues[0] as z.core.$ZodIssue;
  throw new CatalogError(`${fileName}: ${where(issue.path, raw)}${messageOf(issue)}`);
}

/** `area "framework-choice": decider: ` for a path into the file. */
function where(path: readonly PropertyKey[], raw: unknown): string {
  const [top, index, field, ...rest] = path;
  if (top !== "areas" || typeof index !== "number") {
    return path.length ? `${path.map(String).join(".")}: ` : "";
  }
  const id = (raw as { areas?: { id?: unknown }[] }).areas?.[index]?.id;
  const area = typeof id === "string" && id !== "" ? `area "${id}"` : `area #${index + 1}`;
  if (field === undefined) return `${area}: `;
  const sub = rest.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
  return `${area}: ${String(field)}${sub}: `;
}

function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type") {
    if (issue.input === undefined) {
      const key = issue.path.at(-1);
      const role = key === "decider" || typeof key === "number";
      return `missing (expected ${role && issue.expected === "string" ? `a role id: ${ROLE_LIST}` : expectedName(issue.expected)})`;
    }
    return `expected ${expectedName(issue.expected)}, got ${JSON.stringify(issue.input)}`;
  }
  if (issue.code === "unrecognized_keys") return `unknown key ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  if (issue.code === "too_small" && issue.origin === "string") return "must not be empty or so short";
  return issue.message;
}

function expectedName(expected: string): string {
  const names: Record<string, string> = { object: "a mapping", record: "a mapping", array: "a list" };
  return names[expected] ?? `a ${expected}`;
}

/**
 * Keywords for an admin-added area, from its title: lower case, stop words and duplicates dropped.
 * Compounds such as "on-call" or "1:1" stay whole so that they keep their meaning.
 */
export function keywordsFromTitle(title: string): string[] {
  const words = title
    .toLowerCase()
    .split(/[\s,;&()"]+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter((w) => w.length > 1 && !isFillerWord(w));
  return [...new Set(words)];
}
