/**
 * What every parser of user text returns: the value read, or why it could not be read and the form
 * to use instead (both ready to show to the user).
 */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string; usage: string };
