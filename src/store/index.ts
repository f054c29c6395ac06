import { AdminStore } from "./admins.ts";
import type { Db } from "./db.ts";
import { PeopleStore } from "./people.ts";
import { WorkspaceStore } from "./workspaces.ts";

/** Every repository over one database handle; built once at start-up. */
export function createStores(db: Db) {
  return {
    db,
    workspaces: new WorkspaceStore(db),
    people: new PeopleStore(db),
    admins: new AdminStore(db),
  };
}

export type Stores = ReturnType<typeof createStores>;
