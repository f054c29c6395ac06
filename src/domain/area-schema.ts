/**
 * What a decision area is, as zod schemas: one area schema shared by the roles file's custom areas
 * and the default catalog (which adds a source article and stricter rules), so both files accept
 * and refuse an area for the same reasons and in the same words.
 */
import { z } from "zod";
import { isRoleId, parseRole, ROLE_IDS, type RoleId } from "./roles.ts";

export const ROLE_LIST = ROLE_IDS.join(", ");

export function roleHint(text: string): string {
  const guess = parseRole(text);
  return guess ? `; did you mean ${guess}?` : "";
}

export const roleSchema = z.string().refine(isRoleId, {
  error: (iss) => `"${String(iss.input)}" is not a role id (use ${ROLE_LIST})${roleHint(String(iss.input))}`,
}) as unknown as z.ZodType<RoleId>;

/** An area as the roles file writes it (a custom area: no source, description optional). */
export const areaSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,79}$/, {
    error: "an area id is lower-case letters, digits and dashes, e.g. custom-incident-comms",
  }),
  title: z.string().min(3).max(80),
  description: z.string().max(500).default("Custom area added by an admin."),
  keywords: z.array(z.string().min(1)).min(1, { error: "give at least one keyword to match questions on" }),
  decider: roleSchema,
  consulted: z.array(roleSchema).default([]),
  informed: z.array(roleSchema).default([]),
});

/**
 * An area of the default catalog: the same fields plus the article it is written from, and rules a
 * hand-maintained list needs (a repeated keyword would count twice in the matcher's index).
 */
export const catalogAreaSchema = areaSchema
  .extend({
    description: z
      .string()
      .min(1, { error: "must not be empty" })
      .max(500)
      .refine((d) => d.trim() === d && !d.includes("\n"), {
        error: "must be one line, without spaces around it",
      }),
    source: z.string().min(1),
  })
  .superRefine((area, ctx) => {
    area.keywords.forEach((keyword, i) => {
      if (keyword.trim() !== keyword) {
        ctx.addIssue({ code: "custom", path: ["keywords", i], message: `"${keyword}" has spaces around it` });
      } else if (area.keywords.indexOf(keyword) < i) {
        ctx.addIssue({ code: "custom", path: ["keywords", i], message: `"${keyword}" is listed twice` });
      }
    });
    // RACI: the one who decides is neither consulted nor informed, and nobody is listed twice.
    const seen = new Set<RoleId>([area.decider]);
    for (const key of ["consulted", "informed"] as const) {
      area[key].forEach((role, i) => {
        if (seen.has(role)) {
          const why = role === area.decider ? "is the decider" : "is already listed";
          ctx.addIssue({ code: "custom", path: [key, i], message: `"${role}" ${why}` });
        }
        seen.add(role);
      });
    }
  });

/** The whole catalog file: the source articles by id, then the areas in the order answers prefer. */
export const catalogFileSchema = z
  .strictObject({
    sources: z.record(
      z
        .string()
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "a source id is kebab-case, e.g. real-difference" }),
      z.string().trim().min(1, { error: "give the article's title" }),
    ),
    areas: z.array(catalogAreaSchema).min(1, { error: "list at least one area" }),
  })
  .superRefine((file, ctx) => {
    const firstIndex = new Map<string, number>();
    file.areas.forEach((area, i) => {
      const first = firstIndex.get(area.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["areas", i, "id"],
          message: `"${area.id}" is also the id of area #${first + 1}`,
        });
      } else firstIndex.set(area.id, i);
      if (!Object.hasOwn(file.sources, area.source)) {
        ctx.addIssue({
          code: "custom",
          path: ["areas", i, "source"],
          message: `"${area.source}" is not one of the sources (${Object.keys(file.sources).join(", ")})`,
        });
      }
    });
  });
