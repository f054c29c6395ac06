/** The four hats rolecall knows. Ids are a public contract (CLI JSON, roles.yml, DB). */
export const ROLE_IDS = ["tech-lead", "engineering-manager", "architect", "product-manager"] as const;
export type RoleId = (typeof ROLE_IDS)[number];

export const ROLE_LABELS: Record<RoleId, string> = {
  "tech-lead": "Tech lead",
  "engineering-manager": "Engineering manager",
  architect: "Architect",
  "product-manager": "Product manager",
};

export const ROLE_SHORT: Record<RoleId, string> = {
  "tech-lead": "TL",
  "engineering-manager": "EM",
  architect: "Arch",
  "product-manager": "PM",
};

/** Technical hats count toward a lead's "technical share" in the health rules. */
export const TECHNICAL_ROLES: ReadonlySet<RoleId> = new Set<RoleId>(["tech-lead", "architect"]);

// Keys are normalised: lower case, every run of non-letters collapsed to nothing.
const ALIASES: Record<string, RoleId> = {
  techlead: "tech-lead",
  tl: "tech-lead",
  lead: "tech-lead",
  technicallead: "tech-lead",
  teamlead: "tech-lead",
  leadengineer: "tech-lead",
  techleads: "tech-lead",
  engineeringmanager: "engineering-manager",
  engmanager: "engineering-manager",
  engmgr: "engineering-manager",
  em: "engineering-manager",
  manager: "engineering-manager",
  engineeringmgr: "engineering-manager",
  mgr: "engineering-manager",
  engineeringmanagers: "engineering-manager",
  architect: "architect",
  arch: "architect",
  softwarearchitect: "architect",
  solutionsarchitect: "architect",
  systemarchitect: "architect",
  systemsarchitect: "architect",
  technicalarchitect: "architect",
  enterprisearchitect: "architect",
  architects: "architect",
  productmanager: "product-manager",
  pm: "product-manager",
  product: "product-manager",
  productowner: "product-manager",
  po: "product-manager",
  productmgr: "product-manager",
  productmanagers: "product-manager",
};

export function normaliseRoleKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z]/g, "");
}

/** Resolves an id or a natural alias ("TL", "eng manager", "Tech Lead") to a role id. */
export function parseRole(text: string): RoleId | undefined {
  return ALIASES[normaliseRoleKey(text)];
}

export function isRoleId(text: string): text is RoleId {
  return (ROLE_IDS as readonly string[]).includes(text);
}

export function roleLabel(role: RoleId): string {
  return ROLE_LABELS[role];
}
