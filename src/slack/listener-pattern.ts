/**
 * Bolt runs every registered listener's matching middleware on every request, each with its own
 * promises and copies of the arguments, so a listener that never matches still costs CPU. rolecall
 * therefore registers one listener per kind (command, actions, view, event) that routes by id.
 */

/** A pattern matching exactly these ids, for one Bolt listener that then routes by id. */
export function exactIds(ids: readonly string[]): RegExp {
  if (ids.length === 0) throw new Error("exactIds needs at least one id");
  return new RegExp(`^(?:${ids.map(escapeRegExp).join("|")})$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
