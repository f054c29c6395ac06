import { z } from "zod";

/**
 * What a "Did you mean?" button carries, so a click can be answered without anything stored: the
 * area, the question, who asked and where. Pure.
 */
export type Pick = {
  areaId: string;
  question: string;
  askerId: string;
  channelId: string;
  /** The question was cut to fit the button: answered, but never learned from. */
  clipped: boolean;
};

/** Slack's limit on a button's value. */
export const MAX_BUTTON_VALUE = 2000;

const valueSchema = z.strictObject({
  a: z.string().min(1),
  q: z.string(),
  u: z.string().min(1),
  c: z.string().min(1),
  t: z.literal(1).optional(),
});

/**
 * The button value for a pick. Questions are at most 500 characters (the command parser's limit),
 * which fits even with every character escaped; a longer one, from another entry point, is cut
 * until the value fits, and marked so that a cut question is never learned.
 */
export function encodePick(p: Omit<Pick, "clipped">): string {
  let question = p.question;
  let clipped = false;
  for (;;) {
    const value = JSON.stringify({
      a: p.areaId,
      q: question,
      u: p.askerId,
      c: p.channelId,
      ...(clipped ? { t: 1 } : {}),
    });
    if (value.length <= MAX_BUTTON_VALUE) return value;
    clipped = true;
    question = [...question].slice(0, Math.floor([...question].length * 0.8)).join("");
  }
}

/** Reads a button value back; undefined for anything rolecall did not write. */
export function decodePick(value: string | undefined): Pick | undefined {
  if (!value) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return undefined;
  }
  const parsed = valueSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const v = parsed.data;
  return { areaId: v.a, question: v.q, askerId: v.u, channelId: v.c, clipped: v.t === 1 };
}
