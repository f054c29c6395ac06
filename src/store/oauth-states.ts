import { type Db, prepared } from "./db.ts";

/** Which OAuth states have been used, so each is accepted once. */
export class OAuthStateStore {
  constructor(private readonly db: Db) {}

  /** Records the state as used; false if it already was. Forgets states used before `forgetBefore`. */
  markUsed(stateHash: string, now: Date, forgetBefore: Date): boolean {
    return this.db.transaction(() => {
      prepared(this.db, "DELETE FROM oauth_states_used WHERE used_at < ?").run(forgetBefore.toISOString());
      const r = prepared(
        this.db,
        "INSERT INTO oauth_states_used (state_hash, used_at) VALUES (?, ?) ON CONFLICT (state_hash) DO NOTHING",
      ).run(stateHash, now.toISOString());
      return r.changes > 0;
    })();
  }
}
