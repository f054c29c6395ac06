import type { AppContext } from "../context.ts";
import {
  type PersonSplit,
  personSplit,
  type RecentWeek,
  recentWeeks,
  type WorkspaceOverview,
  workspaceOverview,
} from "./allocations.ts";
import { type FetchSlackUser, isAdmin } from "./profiles.ts";
import { workspaceToday } from "./today.ts";

/** How many answered weeks the Home tab shows. */
const HOME_WEEKS = 6;

/** What the Home tab shows (messages/app-home.ts renders it). */
export type AppHomeData = {
  userId: string;
  person: PersonSplit;
  /** The viewer's last answered check-ins, newest first. */
  weeks: RecentWeek[];
  checkinsPaused: boolean;
  /** Present only when the viewer is an admin. */
  admin?: WorkspaceOverview | undefined;
};

/** Everything the viewer's Home tab shows, read as of today in the workspace's time zone. */
export async function homeData(
  ctx: AppContext,
  fetchUser: FetchSlackUser,
  teamId: string,
  userId: string,
): Promise<AppHomeData> {
  ctx.stores.workspaces.ensure(teamId, ctx.clock());
  const today = workspaceToday(ctx, teamId);
  const admin = await isAdmin(ctx, fetchUser, teamId, userId);
  return {
    userId,
    person: personSplit(ctx, teamId, userId, today),
    weeks: recentWeeks(ctx, teamId, userId, HOME_WEEKS),
    checkinsPaused: ctx.stores.people.get(teamId, userId)?.checkinPaused ?? false,
    admin: admin ? workspaceOverview(ctx, teamId, today) : undefined,
  };
}
