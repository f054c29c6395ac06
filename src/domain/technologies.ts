/**
 * Technology names and the kind of choice each one is (catalog/technologies.yml). A question that
 * names "Redpanda" or "Drizzle" is about the message queue or the ORM, though the catalog will never
 * list every product: the matcher reads each known name as the words of its kind.
 */
import { isMap, parseDocument } from "yaml";
import { z } from "zod";
import { CatalogError } from "./catalog.ts";
import { CONTEXT_TERMS, words, wordTokens } from "./words.ts";

/** Words that put an ambiguous name in a software context: "rewrite the worker in ruby". */
const SOFTWARE_WORDS = new Set(
  "language languages framework library lib sdk database queue rewrite port stack codebase code written".split(
    " ",
  ),
);

function softwareContext(ws: readonly string[]): boolean {
  return ws.some((w) => SOFTWARE_WORDS.has(w) || wordTokens(w).some((t) => CONTEXT_TERMS.has(t.term)));
}

const nameList = z.array(z.string().trim().min(1)).min(1);

export const technologiesFileSchema = z
  .strictObject({
    kinds: z.record(
      z.string().regex(/^[a-z]+(?:-[a-z]+)*$/, { error: "a kind is kebab-case, e.g. cloud-service" }),
      z.strictObject({ means: z.string().trim().min(1), names: nameList }),
    ),
    ambiguous: z.array(z.string().trim().min(1)).default([]),
  })
  .superRefine((file, ctx) => {
    const kindOf = new Map<string, string>();
    for (const [kind, { names }] of Object.entries(file.kinds)) {
      names.forEach((name, i) => {
        const key = nameKey(name);
        const other = kindOf.get(key);
        if (key === "") {
          ctx.addIssue({
            code: "custom",
            path: ["kinds", kind, "names", i],
            message: `"${name}" has no word`,
          });
        } else if (other !== undefined) {
          const where = other === kind ? "listed twice" : `also listed under ${other}`;
          ctx.addIssue({
            code: "custom",
            path: ["kinds", kind, "names", i],
            message: `"${name}" is ${where}`,
          });
        } else kindOf.set(key, kind);
      });
    }
    file.ambiguous.forEach((name, i) => {
      if (!kindOf.has(nameKey(name))) {
        ctx.addIssue({
          code: "custom",
          path: ["ambiguous", i],
          message: `"${name}" is not listed under any kind`,
        });
      }
    });
  });

/** A name as the tokenizer sees it, so "Node.js" in the file meets "node js" in a question. */
function nameKey(name: string): string {
  return words(name).join(" ");
}

export type TechnologyRewrite = { words: string[]; names: number };

/** Known technology names, read once; `rewrite` replaces each one in a question by its kind's words. */
export class TechnologyLexicon {
  private readonly means = new Map<string, string[]>();
  private readonly ambiguous = new Set<string>();
  /** First words of the names of two words or more: only these can start a longer name. */
  private readonly firstWords = new Set<string>();
  private readonly longest: number;

  constructor(file: z.output<typeof technologiesFileSchema>) {
    let longest = 1;
    for (const { means, names } of Object.values(file.kinds)) {
      const meaning = words(means);
      for (const name of names) {
        const key = nameKey(name);
        this.means.set(key, meaning);
        const nameWords = key.split(" ");
        if (nameWords.length > 1) this.firstWords.add(nameWords[0] as string);
        longest = Math.max(longest, nameWords.length);
      }
    }
    for (const name of file.ambiguous) this.ambiguous.add(nameKey(name));
    this.longest = longest;
  }

  /**
   * The question's words with each technology name replaced by its kind's words, longest name
   * first. Ambiguous names ("celery", "render", "ruby") count only next to another technology name
   * or a software word.
   */
  rewrite(ws: readonly string[]): TechnologyRewrite {
    const found: { at: number; length: number; key: string }[] = [];
    for (let i = 0; i < ws.length; ) {
      let hit: { at: number; length: number; key: string } | undefined;
      // Runs on every question: the word alone unless it can start a longer name.
      const longest = this.firstWords.has(ws[i] as string) ? Math.min(this.longest, ws.length - i) : 1;
      for (let n = longest; n >= 1 && !hit; n--) {
        const key = n === 1 ? (ws[i] as string) : ws.slice(i, i + n).join(" ");
        if (this.means.has(key)) hit = { at: i, length: n, key };
      }
      if (hit) found.push(hit);
      i += hit?.length ?? 1;
    }
    if (found.length === 0) return { words: [...ws], names: 0 };
    const clear = found.filter((f) => !this.ambiguous.has(f.key));
    const used = clear.length > 0 || found.length >= 2 || softwareContext(ws) ? found : clear;
    if (used.length === 0) return { words: [...ws], names: 0 };
    const out: string[] = [];
    let i = 0;
    for (const f of used) {
      out.push(...ws.slice(i, f.at), ...(this.means.get(f.key) ?? []));
      i = f.at + f.length;
    }
    out.push(...ws.slice(i));
    return { words: out, names: used.length };
  }
}

/** Reads catalog/technologies.yml's text; a mistake throws a CatalogError naming the file and the entry. */
export function parseTechnologies(text: string, fileName: string): TechnologyLexicon {
  const doc = parseDocument(text, { uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) throw new CatalogError(`${fileName}: ${syntax.message.split("\n")[0]}`);
  if (!isMap(doc.contents)) throw new CatalogError(`${fileName}: expected a mapping with kinds`);
  const parsed = technologiesFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CatalogError(`${fileName}: ${issue?.path.map(String).join(".")}: ${issue?.message}`);
  }
  return new TechnologyLexicon(parsed.data);
}
