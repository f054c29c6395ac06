/**
 * The benchmark's synthetic workspace: teams, people, hats, splits, custom decision areas and years
 * of weekly check-ins, generated from a seeded random number generator into a fresh database, so
 * every run and every machine measures the same data. Written through the stores (no SQL here).
 */
import { createAppContext } from "../src/compose.ts";
import type { DecisionArea } from "../src/domain/catalog.ts";
import type { RoleId } from "../src/domain/roles.ts";
import { seededRandom } from "../src/domain/seeded-random.ts";
import { addDays, addWeeks, dateInIsoWeek, isoWeekMonday, weekKeysBetween } from "../src/domain/time.ts";
import type { Logger } from "../src/log.ts";
import { ensureCatalog } from "../src/services/catalog.ts";
import { CheckinSeedStore, type SeededAnswer } from "../src/store/checkin-seed.ts";
import { openDatabase } from "../src/store/db.ts";
import { migrate } from "../src/store/migrate.ts";

export type Scale = {
  teams: number;
  people: number;
  hybrids: number;
  customAreas: number;
  years: number;
};

export const FULL_SCALE: Scale = { teams: 200, people: 2000, hybrids: 800, customAreas: 300, years: 5 };
/** `--quick`: a fifth of the workspace, the same shape. */
export const QUICK_SCALE: Scale = { teams: 40, people: 400, hybrids: 160, customAreas: 60, years: 5 };

export const BENCH_TEAM_ID = "T0BENCH";
export const BENCH_TZ = "Europe/London";
/** Saturday of ISO week 2026-W47: every lead's Friday 15:00 slot has passed in every zone used. */
export const BENCH_NOW = new Date("2026-11-21T12:00:00Z");
export const CURRENT_WEEK = "2026-W47";
/** The digest measured: October 2026, as posted on the first working day of November. */
export const DIGEST_MONTH = "2026-10";
export const DIGEST_AS_OF = "2026-11-02";

const ZONES = [
  "America/Los_Angeles",
  "America/Chicago",
  "America/New_York",
  "America/Sao_Paulo",
  "Europe/London",
  "Europe/Berlin",
  "Europe/Helsinki",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Australia/Sydney",
];

const HYBRID_HATS: [weight: number, hats: [RoleId, RoleId]][] = [
  [50, ["tech-lead", "engineering-manager"]],
  [15, ["tech-lead", "architect"]],
  [15, ["engineering-manager", "product-manager"]],
  [10, ["tech-lead", "product-manager"]],
  [10, ["architect", "engineering-manager"]],
];

const SYSTEMS = [
  "Payments",
  "Ledger",
  "Checkout",
  "Search",
  "Mobile app",
  "Data platform",
  "Identity",
  "Notifications",
  "Billing",
  "Onboarding",
  "Reporting",
  "Inventory",
  "Pricing",
  "Messaging",
  "Storefront",
  "Fraud",
  "Shipping",
  "Analytics",
  "Partner API",
  "Support tools",
];

const TOPICS: [topic: string, keywords: string[], decider: RoleId][] = [
  ["on-call rotation", ["on-call", "pager", "rota", "incident"], "engineering-manager"],
  ["API versioning", ["api", "version", "deprecation", "breaking change"], "architect"],
  ["schema migrations", ["schema", "migration", "database", "backfill"], "tech-lead"],
  ["release train", ["release", "deploy", "cadence", "freeze"], "tech-lead"],
  ["vendor selection", ["vendor", "supplier", "contract", "procurement"], "architect"],
  ["feature flags", ["feature flag", "toggle", "rollout", "experiment"], "product-manager"],
  ["hiring loop", ["hiring", "interview", "candidate", "loop"], "engineering-manager"],
  ["roadmap themes", ["roadmap", "theme", "quarter", "bet"], "product-manager"],
  ["performance budget", ["latency", "performance", "budget", "slo"], "tech-lead"],
  ["data retention", ["retention", "deletion", "gdpr", "archive"], "architect"],
  ["pairing norms", ["pairing", "mob", "review", "norms"], "tech-lead"],
  ["launch checklist", ["launch", "checklist", "go-live", "readiness"], "product-manager"],
  ["team rituals", ["retro", "standup", "ritual", "ceremony"], "engineering-manager"],
  ["caching strategy", ["cache", "ttl", "invalidation", "redis"], "tech-lead"],
  ["event contracts", ["event", "contract", "topic", "consumer"], "architect"],
];

export type SyntheticWorkspace = {
  teamId: string;
  /** Team channels, in order. */
  channels: string[];
  people: string[];
  leads: string[];
  /** Each lead's team channel. */
  leadChannel: Map<string, string>;
  counts: {
    teams: number;
    people: number;
    hybrids: number;
    customAreas: number;
    areas: number;
    hatChanges: number;
    allocationChanges: number;
    answers: number;
    awayRanges: number;
    weeks: number;
  };
};

const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/**
 * Builds the workspace into the database file at `path`: a new one, or one that holds other
 * workspaces generated with another `teamId` and `userPrefix` (the two-workspace fan-out).
 */
export function generateWorkspace(
  path: string,
  scale: Scale,
  seed = 20261121,
  ids: { teamId?: string; userPrefix?: "U" | "W" } = {},
): SyntheticWorkspace {
  const rng = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
  const db = openDatabase(path);
  try {
    migrate(db);
    const historyWeeks = Math.round(scale.years * 52.18);
    const firstWeek = addWeeks(CURRENT_WEEK, -historyWeeks);
    const weeks = weekKeysBetween(firstWeek, addWeeks(CURRENT_WEEK, -1));
    // Hats and first splits take effect the week before the first check-in.
    const start = addDays(isoWeekMonday(firstWeek), -7);
    let now = new Date(`${start}T09:00:00Z`);
    const ctx = createAppContext(db, { clock: () => now, logger: silent });
    const { stores } = ctx;
    const T = ids.teamId ?? BENCH_TEAM_ID;
    const counts = {
      teams: scale.teams,
      people: scale.people,
      hybrids: scale.hybrids,
      customAreas: scale.customAreas,
      areas: 0,
      hatChanges: 0,
      allocationChanges: 0,
      answers: 0,
      awayRanges: 0,
      weeks: weeks.length,
    };
    const channels = Array.from({ length: scale.teams }, (_, i) => `C${String(i + 1).padStart(8, "0")}`);
    const prefix = ids.userPrefix ?? "U";
    const people = Array.from(
      { length: scale.people },
      (_, i) => `${prefix}${String(i + 1).padStart(8, "0")}`,
    );
    const leads = people.slice(0, scale.hybrids);
    const leadChannel = new Map<string, string>();

    db.transaction(() => {
      stores.workspaces.ensure(T, now);
      stores.workspaces.update(T, { timezone: BENCH_TZ });
      ensureCatalog(ctx, T, ctx.catalogs.defaultAreas);

      channels.forEach((channel, i) => {
        stores.teams.ensure(T, channel, `${pick(SYSTEMS).toLowerCase().replace(/ /g, "-")}-${i + 1}`, now);
        stores.teams.update(T, channel, { headcount: 5 + Math.floor(rng() * 10) });
      });
      people.forEach((userId, i) => {
        stores.people.saveSlackProfile(
          T,
          userId,
          { displayName: `Person ${i + 1}`, tz: pick(ZONES), isSlackAdmin: i % 97 === 0 },
          // Fresh profiles, as after the daily refresh: the fan-out measures DMs, not users.info.
          new Date(),
        );
      });

      const hat = (channelId: string, userId: string, role: RoleId) => {
        stores.hats.record(T, {
          channelId,
          userId,
          role,
          action: "assign",
          effectiveDate: start,
          recordedBy: people[0] as string,
          recordedAt: now.toISOString(),
        });
        counts.hatChanges++;
      };
      const weighted = () => {
        let r = rng() * 100;
        for (const [w, hats] of HYBRID_HATS) {
          r -= w;
          if (r < 0) return hats;
        }
        return HYBRID_HATS[0]?.[1] as [RoleId, RoleId];
      };

      const stories = leads.map((userId, i) => {
        const channel = channels[i % channels.length] as string;
        leadChannel.set(userId, channel);
        const hats = weighted();
        for (const role of hats) hat(channel, userId, role);
        if (rng() < 0.05) stores.people.setDigestPrivate(T, userId, true);
        const first = 30 + 5 * Math.floor(rng() * 9);
        const allocated = rng() < 0.9;
        const allocations: { from: string; first: number }[] = [];
        if (allocated) {
          allocations.push({ from: start, first });
          if (rng() < 0.4) {
            const later = weeks[Math.floor(rng() * weeks.length)] as string;
            allocations.push({ from: isoWeekMonday(later), first: 30 + 5 * Math.floor(rng() * 9) });
          }
        }
        for (const a of allocations) {
          stores.allocations.record(T, {
            userId,
            effectiveDate: a.from,
            split: { [hats[0]]: a.first, [hats[1]]: 100 - a.first },
            recordedBy: userId,
            recordedAt: now.toISOString(),
          });
          counts.allocationChanges++;
        }
        // Each lead drifts at their own pace towards their first hat.
        return { userId, hats, first, drift: rng() * 0.05, channel };
      });
      // Everyone else on a team: one architect or product manager each, the rest engineers.
      channels.forEach((channel, i) => {
        const single = people[scale.hybrids + i];
        if (single) hat(channel, single, rng() < 0.5 ? "architect" : "product-manager");
      });

      const custom = customAreas(scale.customAreas);
      for (const area of custom) stores.areas.addCustom(T, area, people[0] as string, now);
      counts.areas = stores.areas.list(T).length;
      // A few teams name a person for an area, as `/role decide` does.
      for (const channel of channels) {
        if (rng() < 0.3) {
          const area = pick(custom);
          stores.overrides.set(T, {
            channelId: channel,
            areaId: area.id,
            decider: { userId: pick(leads) },
            setBy: people[0] as string,
            setAt: now.toISOString(),
          });
        }
      }

      const seeder = new CheckinSeedStore(db);
      weeks.forEach((week, w) => {
        now = new Date(`${dateInIsoWeek(week, 5)}T16:00:00Z`);
        for (const s of stories) {
          const r = rng();
          if (r < 0.05) continue; // missed
          let answer: SeededAnswer;
          if (r < 0.08) {
            answer = { kind: "away" };
            seeder.away(T, s.userId, isoWeekMonday(week), dateInIsoWeek(week, 5), now);
            counts.awayRanges++;
          } else if (r < 0.6) {
            answer = { kind: "as-planned" };
          } else {
            const tech = Math.max(5, Math.min(95, Math.round(s.first + w * s.drift + (rng() - 0.5) * 20)));
            answer = { kind: "split", split: { [s.hats[0]]: tech, [s.hats[1]]: 100 - tech } };
          }
          seeder.answer(T, s.userId, week, answer, now);
          counts.answers++;
        }
      });
    })();
    return { teamId: T, channels, people, leads, leadChannel, counts };
  } finally {
    db.close();
  }
}

/** `n` distinct custom areas: every system crossed with every topic, in a fixed order. */
function customAreas(n: number): DecisionArea[] {
  const out: DecisionArea[] = [];
  for (const [topic, keywords, decider] of TOPICS) {
    for (const system of SYSTEMS) {
      if (out.length === n) return out;
      const title = `${system} ${topic}`;
      out.push({
        id: `custom-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`,
        title,
        description: `How the ${system} team runs its ${topic}.`,
        keywords: [system.toLowerCase(), ...keywords],
        decider,
        consulted: decider === "tech-lead" ? ["architect"] : ["tech-lead"],
        informed: [],
        source: "custom",
      });
    }
  }
  return out;
}
