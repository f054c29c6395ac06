import { admin } from "./admin.ts";
import { allocate } from "./allocate.ts";
import { areas } from "./areas.ts";
import { assign } from "./assign.ts";
import { checkin } from "./checkin.ts";
import { decide } from "./decide.ts";
import { digest } from "./digest.ts";
import { forget } from "./forget.ts";
import { help } from "./help.ts";
import { org } from "./org.ts";
import { team } from "./team.ts";
import type { SubcommandHandlers } from "./types.ts";
import { whoDecidesHandler } from "./who-decides.ts";
import { whois } from "./whois.ts";

/** One handler per /role subcommand; the router dispatches on the parsed command's kind. */
export const subcommandHandlers: SubcommandHandlers = {
  help,
  "who-decides": whoDecidesHandler,
  whois,
  team,
  areas,
  assign: (command, req) => assign(command, req),
  unassign: (command, req) => assign(command, req),
  decide,
  forget,
  allocate,
  checkin,
  digest,
  org,
  admin,
};
