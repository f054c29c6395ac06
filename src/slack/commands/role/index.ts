import { admin } from "./admin.ts";
import { comingSoon } from "./coming-soon.ts";
import { help } from "./help.ts";
import type { SubcommandHandlers } from "./types.ts";

/** One handler per /role subcommand; the router dispatches on the parsed command's kind. */
export const subcommandHandlers: SubcommandHandlers = {
  help,
  "who-decides": comingSoon("who-decides"),
  whois: comingSoon("whois"),
  team: comingSoon("team"),
  areas: comingSoon("areas"),
  assign: comingSoon("assign"),
  unassign: comingSoon("unassign"),
  decide: comingSoon("decide"),
  allocate: comingSoon("allocate"),
  checkin: comingSoon("checkin"),
  digest: comingSoon("digest"),
  admin,
};
