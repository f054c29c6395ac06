/**
 * Dated histories (hats, allocations) as timelines. Pure.
 *
 * A history is a list of entries in recording order; the state in force on a date is the last entry
 * dated on or before it (a later recording wins on the same date), exactly as the stores query it.
 * Histories are only ever appended to, so bringing one in line with a desired timeline (a roles file)
 * means appending the entries that make every date answer as desired.
 */

export type Entry<S> = { date: string; state: S };

/** The state in force on `date`: the last entry dated on or before it, or `none`. */
export function stateOn<S>(entries: readonly Entry<S>[], date: string, none: S): S {
  let found: Entry<S> | undefined;
  for (const e of entries) {
    if (e.date <= date && (!found || e.date >= found.date)) found = e;
  }
  return found ? found.state : none;
}

/**
 * The canonical form of a history: one entry per real change, in date order (the last recording of
 * a date wins; an entry that changes nothing is dropped). Two histories answer every date the same
 * way exactly when their canonical forms are equal.
 */
export function canonicalTimeline<S>(
  entries: readonly Entry<S>[],
  none: S,
  same: (a: S, b: S) => boolean,
): Entry<S>[] {
  const lastByDate = new Map<string, S>();
  for (const e of entries) lastByDate.set(e.date, e.state);
  const out: Entry<S>[] = [];
  let current = none;
  for (const date of [...lastByDate.keys()].sort()) {
    const state = lastByDate.get(date) as S;
    if (same(state, current)) continue;
    out.push({ date, state });
    current = state;
  }
  return out;
}

/**
 * The entries to append to `existing` so that, afterwards, every date answers as `desired` does.
 * Only dates where the answer would differ get an entry, so an already-matching history gets none.
 */
export function appendsToMatch<S>(
  existing: readonly Entry<S>[],
  desired: readonly Entry<S>[],
  none: S,
  same: (a: S, b: S) => boolean,
): Entry<S>[] {
  const merged: Entry<S>[] = [...existing];
  const appends: Entry<S>[] = [];
  const dates = [...new Set([...existing, ...desired].map((e) => e.date))].sort();
  for (const date of dates) {
    const want = stateOn(desired, date, none);
    if (same(stateOn(merged, date, none), want)) continue;
    const entry = { date, state: want };
    merged.push(entry);
    appends.push(entry);
  }
  return appends;
}

/** Periods during which a boolean timeline is true: `from` included, `until` excluded (or open). */
export function periodsOf(
  timeline: readonly Entry<boolean>[],
): { from: string; until: string | undefined }[] {
  const out: { from: string; until: string | undefined }[] = [];
  for (const e of timeline) {
    const last = out[out.length - 1];
    if (e.state && (!last || last.until !== undefined)) out.push({ from: e.date, until: undefined });
    else if (!e.state && last && last.until === undefined) last.until = e.date;
  }
  return out;
}

/** The boolean timeline of some periods (which must not overlap). */
export function timelineOfPeriods(
  periods: readonly { from: string; until?: string | undefined }[],
): Entry<boolean>[] {
  const entries: Entry<boolean>[] = [];
  for (const p of [...periods].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))) {
    entries.push({ date: p.from, state: true });
    if (p.until !== undefined) entries.push({ date: p.until, state: false });
  }
  return canonicalTimeline(entries, false, (a, b) => a === b);
}
