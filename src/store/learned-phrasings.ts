import { type Db, prepared, UntilWriteCache } from "./db.ts";

export type LearnedPhrasing = {
  /** Normalised form (see domain/phrasing.ts): the key. */
  phrasing: string;
  /** The question as its asker wrote it. */
  question: string;
  areaId: string;
  learnedBy: string;
  learnedAt: string;
};

type Row = { phrasing: string; question: string; area_id: string; learned_by: string; learned_at: string };

/** What each workspace taught rolecall through "Did you mean?" (migration 0003). */
export class LearnedPhrasingStore {
  private readonly byTeam: UntilWriteCache<LearnedPhrasing[]>;

  constructor(private readonly db: Db) {
    this.byTeam = new UntilWriteCache(db);
  }

  /** Records (or re-points) a phrasing for the workspace; the latest pick wins. */
  learn(teamId: string, l: LearnedPhrasing): void {
    prepared(
      this.db,
      `INSERT INTO learned_phrasings (team_id, phrasing, question, area_id, learned_by, learned_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (team_id, phrasing) DO UPDATE SET question = excluded.question,
           area_id = excluded.area_id, learned_by = excluded.learned_by, learned_at = excluded.learned_at`,
    ).run(teamId, l.phrasing, l.question, l.areaId, l.learnedBy, l.learnedAt);
  }

  /** Every phrasing learned in the workspace, oldest first; read on every who-decides, so cached until a write. */
  list(teamId: string): LearnedPhrasing[] {
    return this.byTeam.get(teamId, () =>
      (
        prepared(
          this.db,
          `SELECT phrasing, question, area_id, learned_by, learned_at FROM learned_phrasings
             WHERE team_id = ? ORDER BY learned_at, rowid`,
        ).all(teamId) as Row[]
      ).map((r) => ({
        phrasing: r.phrasing,
        question: r.question,
        areaId: r.area_id,
        learnedBy: r.learned_by,
        learnedAt: r.learned_at,
      })),
    );
  }

  /** Forgets one normalised phrasing; false when the workspace never learned it. */
  forget(teamId: string, phrasing: string): boolean {
    return (
      prepared(this.db, "DELETE FROM learned_phrasings WHERE team_id = ? AND phrasing = ?").run(
        teamId,
        phrasing,
      ).changes > 0
    );
  }
}
