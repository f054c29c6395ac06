import { AdminStore } from "./admins.ts";
import { AllocationStore } from "./allocations.ts";
import { AreaStore } from "./areas.ts";
import { CatalogVersionStore } from "./catalog-versions.ts";
import { CheckinHistoryStore } from "./checkin-history.ts";
import { CheckinStore } from "./checkins.ts";
import type { Db } from "./db.ts";
import { DigestStore } from "./digests.ts";
import { HatStore } from "./hats.ts";
import { InstallationStore } from "./installations.ts";
import { LearnedPhrasingStore } from "./learned-phrasings.ts";
import { OAuthStateStore } from "./oauth-states.ts";
import { OrgReportStore } from "./org-reports.ts";
import { OverrideStore } from "./overrides.ts";
import { PeopleStore } from "./people.ts";
import { TeamStore } from "./teams.ts";
import { WorkspaceStore } from "./workspaces.ts";

/** Every repository over one database handle; built once at start-up. */
export function createStores(db: Db) {
  return {
    db,
    workspaces: new WorkspaceStore(db),
    people: new PeopleStore(db),
    admins: new AdminStore(db),
    teams: new TeamStore(db),
    areas: new AreaStore(db),
    catalogVersions: new CatalogVersionStore(db),
    overrides: new OverrideStore(db),
    hats: new HatStore(db),
    allocations: new AllocationStore(db),
    digests: new DigestStore(db),
    orgReports: new OrgReportStore(db),
    checkinHistory: new CheckinHistoryStore(db),
    checkins: new CheckinStore(db),
    learned: new LearnedPhrasingStore(db),
    installations: new InstallationStore(db),
    oauthStates: new OAuthStateStore(db),
  };
}

export type Stores = ReturnType<typeof createStores>;
